import type { CDPSession } from 'playwright-core';
import { totp } from '@homi/testing';
import { client } from './platform';
import { Visit } from './web/browser';
import { byRole, expectQuietConsole, heading, signInAtIssuer } from './web/journeys';
import { webJourneys } from './web/suite';

// Issue 20, item 8: a support person adds a security key from the support console and signs in with it,
// in Chromium with a virtual authenticator (CDP's WebAuthn domain: CTAP2, built in, user verification
// by "fingerprint"), and the gateway takes that sign-in as the step-up its support routes need.
const { journey } = webJourneys();
/** A platform authenticator in this page's browser that verifies its user and answers at once. */
async function addVirtualKey(cdp: CDPSession): Promise<string> {
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return authenticatorId;
}

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { acr?: string; amr?: string[]; sub?: string };

describe('support staff with a security key', () => {
  journey('adds a key from the support console, signs in with it, and the gateway takes it as the step-up for support routes', async ({ p, browser }) => {
    const agent = await p.supportUser();
    const visit = await Visit.open(browser, 'security-key');
    const { page } = visit;
    try {
      const cdp = await visit.context.newCDPSession(page);
      const authenticatorId = await addVirtualKey(cdp);

      // Adding the key from the support console: a fresh sign-in with password and authenticator code
      // (Keycloak's application-initiated action webauthn-register), the issuer's offer, back in the console.
      await page.goto(p.web);
      await byRole(page, 'button', 'Inloggen').first().click();
      await signInAtIssuer(visit, agent.email, agent.password, () => totp(agent.totpSecret));
      await heading(page, 'Supportconsole');
      await byRole(page, 'button', 'Beveiligingssleutel toevoegen').click();
      await signInAtIssuer(visit, agent.email, agent.password, () => totp(agent.totpSecret));
      await heading(page, 'Beveiligingssleutel toevoegen');
      await visit.record('add-key');
      await byRole(page, 'button', 'Sleutel toevoegen').click();
      await heading(page, 'Supportconsole');
      await byRole(page, 'region', 'Beveiligingssleutel').waitFor();
      await visit.record('console-key-added');
      const { credentials: added } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
      expect(added).toHaveLength(1);
      await byRole(page, 'button', 'Uitloggen').click();
      await heading(page, /De administratie van je salon/);

      // Signing in again: password, then the key instead of a code.
      await byRole(page, 'button', 'Inloggen').first().click();
      await heading(page, 'Inloggen bij HOMi');
      await page.getByLabel('E-mailadres').fill(agent.email);
      await page.getByLabel('Wachtwoord').fill(agent.password);
      await byRole(page, 'button', 'Inloggen').click();
      await heading(page, 'Bevestig met je beveiligingssleutel');
      await byRole(page, 'button', 'Code uit je app gebruiken').waitFor();
      await visit.record('key-sign-in');
      await byRole(page, 'link', 'English').click();
      await heading(page, 'Confirm with your security key');
      await byRole(page, 'button', 'Use the code from your app').waitFor();
      await visit.record('key-sign-in-en');
      const tokenAnswer = page.waitForResponse((res) => res.url().endsWith('/protocol/openid-connect/token') && res.request().method() === 'POST');
      await byRole(page, 'button', 'Use security key').click();
      const { access_token: token } = (await (await tokenAnswer).json()) as { access_token: string };
      await heading(page, 'Supportconsole');
      await page.getByText('Je hebt nu nergens toegang.').first().waitFor();
      await visit.record('console-after-key');

      expect(claimsOf(token)).toMatchObject({ sub: agent.id, acr: '2', amr: ['pwd', 'hwk'] });
      const { credentials: used } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
      expect(used[0]?.signCount).toBeGreaterThan(added[0]?.signCount ?? 0);

      // The gateway: a support route that needs a recent second factor answers the key's token, and
      // refuses the same person's password-only token with a step-up challenge.
      const withKey = await client(p.gateway, token).get('/support/access-requests');
      expect(withKey.status).toBe(200);
      const passwordOnly = await client(p.gateway, await p.login(agent)).get('/support/access-requests');
      expect([passwordOnly.status, String(passwordOnly.body?.type ?? '').split('/').pop()]).toEqual([401, 'step-up-required']);
      expectQuietConsole(visit, [agent.email]);
    } finally {
      await visit.close();
    }
  });
});
