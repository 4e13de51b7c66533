import { spawnDevIssuer, totpCode, type SpawnedDevIssuer } from '../src';
import { alice, bob, BOB_TOTP_SECRET, browser, claimsOf, codeFlow } from './helpers';

// The authorization-code flow's pages as a browser meets them: the two sign-in steps, their
// languages and errors, their policy, and signing out of the issuer from the web app.
const APP = 'http://localhost:4999';
let idp: SpawnedDevIssuer;
beforeAll(async () => {
  idp = await spawnDevIssuer({ users: [alice, bob], webOrigins: [APP] });
});
afterAll(() => idp?.stop());

const { authorize, post, tokensFor } = codeFlow(() => idp, APP);

describe('the sign-in pages of the development issuer', () => {
  it('asks in Dutch for e-mail and password, labelled, under a strict policy of its own', async () => {
    const go = browser();
    const { page } = await authorize(go);
    const res = await go(page);
    const html = await res.text();
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain('<label for="email">E-mailadres</label>');
    expect(html).toContain('<label for="password">Wachtwoord</label>');
    expect(html).not.toMatch(/<style|<script>|style="/);
    const csp = String(res.headers.get('content-security-policy'));
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain(`form-action 'self' ${APP}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('speaks English when the app asks with ui_locales', async () => {
    const go = browser();
    const { page } = await authorize(go, { ui_locales: 'en' });
    const html = await (await go(page)).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Sign in to HOMi');
  });

  it('puts what is missing or wrong beside the fields', async () => {
    const go = browser();
    const { page } = await authorize(go);
    const empty = await (await go(page, post({ step: 'password', username: '', password: '' }))).text();
    expect(empty).toContain('aria-describedby="email-error" aria-invalid="true"');
    expect(empty).toContain('<p class="error" id="email-error">Vul je e-mailadres in.</p>');
    expect(empty).toContain('<p class="error" id="password-error">Vul je wachtwoord in.</p>');
    const wrong = await (await go(page, post({ step: 'password', username: alice.email, password: 'wrong' }))).text();
    expect(wrong).toContain('<p class="error" id="password-error">Deze combinatie van e-mailadres en wachtwoord kennen we niet.');
    expect(wrong).toContain(`value="${alice.email}"`);
  });

  it('signs in a user without an authenticator app with the password alone (acr 1)', async () => {
    const go = browser();
    const { page, verifier } = await authorize(go);
    const tokens = await tokensFor(go, await go(page, post({ step: 'password', username: alice.email, password: alice.password })), verifier);
    expect(claimsOf(tokens.access_token)).toMatchObject({ sub: alice.id, azp: 'homi-web', acr: '1' });
  });

  it('asks a user with an authenticator app for the code next, and signs them in at acr 2', async () => {
    const go = browser();
    const { page, verifier } = await authorize(go);
    const second = await go(page, post({ step: 'password', username: bob.email, password: bob.password }));
    expect(second.status).toBe(200);
    const html = await second.text();
    expect(html).toContain('Bevestig met je authenticator-app');
    expect(html).toContain('autocomplete="one-time-code"');
    const wrong = await (await go(page, post({ step: 'code', totp: '000000' === totpCode(BOB_TOTP_SECRET) ? '111111' : '000000' }))).text();
    expect(wrong).toContain('<p class="error" id="code-error">Deze code klopt niet of is verlopen.');
    const tokens = await tokensFor(go, await go(page, post({ step: 'code', totp: totpCode(BOB_TOTP_SECRET) })), verifier);
    expect(claimsOf(tokens.access_token)).toMatchObject({ sub: bob.id, acr: '2', amr: ['pwd', 'otp'] });
  });

  it('serves its styles from its own origin', async () => {
    const res = await fetch(`${idp.issuer}/login-resources/login.css`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/css/);
  });
});

describe('signing out of the issuer from the web app', () => {
  it('ends the issuer session without asking, and sends the browser back to the app', async () => {
    const go = browser();
    const { page, verifier } = await authorize(go);
    const tokens = await tokensFor(go, await go(page, post({ step: 'password', username: alice.email, password: alice.password })), verifier);

    const logout = new URL(`${idp.issuer}/protocol/openid-connect/logout`);
    logout.searchParams.set('id_token_hint', String(tokens.id_token));
    logout.searchParams.set('post_logout_redirect_uri', `${APP}/`);
    const confirm = await go(logout);
    const html = await confirm.text();
    expect(html).toContain('data-autosubmit');
    expect(html).toContain('name="logout" value="yes"');
    expect(html).toContain('/login-resources/submit.js');
    expect(String(confirm.headers.get('content-security-policy'))).not.toContain('unsafe-inline');

    const action = /action="([^"]+)"/.exec(html)?.[1] ?? '';
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const done = await go(new URL(action, idp.url), post({ xsrf, logout: 'yes' }));
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`${APP}/`);

    // The session is gone: a silent sign-in now needs a login.
    const silent = await authorize(go, { prompt: 'none', redirect_uri: `${APP}/silent-callback.html` });
    expect(String(silent.res.headers.get('location'))).toContain('error=login_required');
  });

  it('refuses a post-logout address that is not registered', async () => {
    const res = await fetch(`${idp.issuer}/protocol/openid-connect/logout?client_id=homi-web&post_logout_redirect_uri=${encodeURIComponent('https://evil.example/')}`);
    expect(res.status).toBe(400);
  });
});
