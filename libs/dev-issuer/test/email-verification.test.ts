import { mailCatcherClient, startMailCatcher, type MailCatcher } from '@homi/mail-catcher';
import { spawnDevIssuer, type SpawnedDevIssuer } from '../src';
import { adminToken } from './helpers';

// Keycloak's send-verify-email as the identity service calls it (ADR 51): a real mail through
// libs/mail to a real SMTP catcher, and a one-time link that marks the address verified.

let catcher: MailCatcher;
let idp: SpawnedDevIssuer;
let silent: SpawnedDevIssuer;
let users: string;
beforeAll(async () => {
  catcher = await startMailCatcher();
  idp = await spawnDevIssuer({ smtpUrl: catcher.smtpUrl, webOrigins: ['http://localhost:3999'] });
  silent = await spawnDevIssuer();
  users = `${idp.url}/admin/realms/homi/users`;
});
afterAll(async () => {
  await idp?.stop();
  await silent?.stop();
  await catcher?.stop();
});

async function call(issuer: SpawnedDevIssuer, method: string, url: string, body?: unknown) {
  return fetch(url, {
    method,
    headers: { authorization: `Bearer ${await adminToken(issuer.issuer, issuer.adminSecret)}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function createUser(issuer: SpawnedDevIssuer, email: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await call(issuer, 'POST', `${issuer.url}/admin/realms/homi/users`, { username: email, email, firstName: 'Vera', lastName: 'Verifieer', enabled: true, ...extra });
  expect(res.status).toBe(201);
  return String(res.headers.get('location')).split('/').pop() as string;
}

const verified = async (id: string) => ((await (await call(idp, 'GET', `${users}/${id}`)).json()) as { emailVerified: boolean }).emailVerified;
const linkIn = (text: string) => /(http:\/\/\S+\/login-actions\/action-token\?key=[A-Za-z0-9_-]{43})/.exec(text)?.[1];

describe('send-verify-email and the link it mails', () => {
  it('mails a one-time link in the account\'s language; the link verifies the address once', async () => {
    const email = `vera.${Date.now()}@example.nl`;
    const id = await createUser(idp, email, { attributes: { locale: ['en'] } });
    const since = Date.now();
    const sent = await call(idp, 'PUT', `${users}/${id}/send-verify-email?redirect_uri=${encodeURIComponent('http://localhost:3999/auth/callback')}`);
    expect(sent.status).toBe(204);
    const mail = await mailCatcherClient(catcher.url).waitFor({ to: email, since });
    expect(mail.subject).toBe('Confirm your e-mail address for HOMi');
    const link = linkIn(mail.text);
    expect(link).toBeDefined();
    expect(await verified(id)).toBe(false);

    const page = await fetch(link!, { headers: { 'accept-language': 'nl-NL,nl;q=0.9' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Je e-mailadres is bevestigd');
    expect(html).toContain('href="http://localhost:3999/"');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await verified(id)).toBe(true);

    const again = await fetch(link!, { headers: { 'accept-language': 'en' } });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('This link no longer works');
  });

  it('refuses a made-up key, and a link mailed before the address changed', async () => {
    expect((await fetch(`${idp.url}/realms/homi/login-actions/action-token?key=${'A'.repeat(43)}`)).status).toBe(400);
    const email = `wissel.${Date.now()}@example.nl`;
    const id = await createUser(idp, email);
    const since = Date.now();
    expect((await call(idp, 'PUT', `${users}/${id}/send-verify-email`)).status).toBe(204);
    const mail = await mailCatcherClient(catcher.url).waitFor({ to: email, since });
    expect(mail.subject).toBe('Bevestig je e-mailadres voor HOMi');
    expect((await call(idp, 'PUT', `${users}/${id}`, { email: `ander.${Date.now()}@example.nl` })).status).toBe(204);
    expect((await fetch(linkIn(mail.text)!)).status).toBe(400);
    expect(await verified(id)).toBe(false);
  });

  it('answers as Keycloak does: 400 for a disabled user or a foreign redirect, 404 for an unknown one, 500 without an SMTP server', async () => {
    const disabled = await createUser(idp, `uit.${Date.now()}@example.nl`, { enabled: false });
    expect((await call(idp, 'PUT', `${users}/${disabled}/send-verify-email`)).status).toBe(400);
    const id = await createUser(idp, `omleiding.${Date.now()}@example.nl`);
    expect((await call(idp, 'PUT', `${users}/${id}/send-verify-email?redirect_uri=${encodeURIComponent('https://evil.example/')}`)).status).toBe(400);
    expect((await call(idp, 'PUT', `${users}/00000000-0000-4000-8000-000000000000/send-verify-email`)).status).toBe(404);
    const unsent = await createUser(silent, `stil.${Date.now()}@example.nl`);
    const res = await call(silent, 'PUT', `${silent.url}/admin/realms/homi/users/${unsent}/send-verify-email`);
    expect([res.status, await res.json()]).toEqual([500, { errorMessage: 'Failed to send verify email' }]);
  });
});
