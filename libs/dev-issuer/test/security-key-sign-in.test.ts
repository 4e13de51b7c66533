import { spawnDevIssuer, totpCode, type DevUser, type SpawnedDevIssuer } from '../src';
import { bob, BOB_TOTP_SECRET, browser, claimsOf, codeFlow } from './helpers';
import { SoftAuthenticator } from './soft-authenticator';

// The sign-in pages with a security key, as a browser without WebAuthn of its own meets them: the
// software authenticator answers the options the pages carry (security-key.js does that in a browser).
const APP = 'http://localhost:4998';
const dana: DevUser = { id: 'usr_dana', email: 'dana@homi.test', password: 'dana-secret', roles: ['support'], totpSecret: BOB_TOTP_SECRET };
let idp: SpawnedDevIssuer;
let key: SoftAuthenticator;
beforeAll(async () => {
  idp = await spawnDevIssuer({ users: [dana, bob], webOrigins: [APP] });
  key = new SoftAuthenticator(idp.url, 'localhost');
});
afterAll(() => idp?.stop());

const { authorize, post, tokensFor } = codeFlow(() => idp, APP);

/** The ceremony options the page's security-key form carries. */
function optionsOf(html: string): { challenge: string; allowCredentials?: { id: string }[] } {
  const raw = /data-options="([^"]*)"/.exec(html)?.[1];
  if (!raw) throw new Error('no security-key form on the page');
  return JSON.parse(raw.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
}

describe('security keys at the development issuer', () => {
  it('adds a key after the code when the app asks (kc_action), then signs in with it at acr 2, amr hwk', async () => {
    const first = browser();
    const registration = await authorize(first, { kc_action: 'webauthn-register' });
    await first(registration.page, post({ step: 'password', username: dana.email, password: dana.password }));
    const offer = await first(registration.page, post({ step: 'code', totp: totpCode(BOB_TOTP_SECRET) }));
    const html = await offer.text();
    expect(html).toContain('<h1>Beveiligingssleutel toevoegen</h1>');
    expect(html).toContain('security-key.js');
    const refused = await (await first(registration.page, post({ step: 'register', failure: 'NotAllowedError' }))).text();
    expect(refused).toContain('Het gebruik van je sleutel is afgebroken of duurde te lang.');
    const added = await first(registration.page, post({ step: 'register', credential: key.register(optionsOf(refused)) }));
    // The sign-in that added the key was made with the code.
    expect(claimsOf((await tokensFor(first, added, registration.verifier)).access_token)).toMatchObject({ sub: dana.id, acr: '2', amr: ['pwd', 'otp'] });

    const second = browser();
    const login = await authorize(second);
    const ask = await (await second(login.page, post({ step: 'password', username: dana.email, password: dana.password }))).text();
    expect(ask).toContain('<h1>Bevestig met je beveiligingssleutel</h1>');
    expect(ask).toContain('Code uit je app gebruiken');
    expect(optionsOf(ask).allowCredentials?.map((c) => c.id)).toEqual([key.id]);
    const wrongOrigin = await (await second(login.page, post({ step: 'key', credential: key.authenticate(optionsOf(ask), { origin: 'https://evil.example' }) }))).text();
    expect(wrongOrigin).toContain('Dat lukte niet met deze sleutel.');
    const signedIn = await second(login.page, post({ step: 'key', credential: key.authenticate(optionsOf(wrongOrigin)) }));
    expect(claimsOf((await tokensFor(second, signedIn, login.verifier)).access_token)).toMatchObject({ sub: dana.id, acr: '2', amr: ['pwd', 'hwk'] });
  });

  it('lets a key holder use the code from the app instead', async () => {
    const go = browser();
    const { page, verifier } = await authorize(go);
    await go(page, post({ step: 'password', username: dana.email, password: dana.password }));
    const code = await (await go(page, post({ step: 'use-code' }))).text();
    expect(code).toContain('autocomplete="one-time-code"');
    const tokens = await tokensFor(go, await go(page, post({ step: 'code', totp: totpCode(BOB_TOTP_SECRET) })), verifier);
    expect(claimsOf(tokens.access_token)).toMatchObject({ sub: dana.id, amr: ['pwd', 'otp'] });
  });

  it('does not offer a key to someone without the support or operator role', async () => {
    const go = browser();
    const { page, verifier } = await authorize(go, { kc_action: 'webauthn-register' });
    await go(page, post({ step: 'password', username: bob.email, password: bob.password }));
    const done = await go(page, post({ step: 'code', totp: totpCode(BOB_TOTP_SECRET) }));
    expect(done.status).toBe(303);
    expect(claimsOf((await tokensFor(go, done, verifier)).access_token)).toMatchObject({ sub: bob.id, amr: ['pwd', 'otp'] });
  });
});
