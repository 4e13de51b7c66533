import request from 'supertest';
import { newTotpSecret, spawnDevIssuer, type SpawnedDevIssuer } from '@homi/dev-issuer';
import { passwordGrant, totp } from '@homi/testing';
import { newId } from '@homi/service-kit';
import { eventually, startHarness, type Harness } from './support/harness';
import { supportGrant } from './support/support-fixtures';

// The whole step-up path with the development issuer's real tokens: what a support user of `npm start` does.
describe('support step-up with the development issuer', () => {
  const secret = newTotpSecret();
  const supportUser = { id: newId('usr'), email: 'support@homi.test', password: 'support-password-1', roles: ['support'], totpSecret: secret };
  let idp: SpawnedDevIssuer;
  let h: Harness;
  beforeAll(async () => {
    idp = await spawnDevIssuer({ users: [supportUser] });
    h = await startHarness({ oidcIssuerUrl: idp.issuer });
  });
  afterAll(async () => {
    await h?.stop();
    await idp?.stop();
  });

  it('asks a password-only login to step up, and admits the login with the one-time code under a grant', async () => {
    const tenantId = newId('ten');
    await h.putGrant(supportGrant(supportUser.id, tenantId));
    const clients = `/api/v1/tenants/${tenantId}/clients`;
    const passwordOnly = (await passwordGrant(idp.issuer, supportUser.email, supportUser.password)).access_token;
    const withCode = (await passwordGrant(idp.issuer, supportUser.email, supportUser.password, { totp: totp(secret) })).access_token;

    const refused = await request(h.url).get(clients).set('authorization', `Bearer ${passwordOnly}`);
    expect(refused.status).toBe(401);
    expect(refused.body.type).toMatch(/\/step-up-required$/);
    expect(refused.headers['www-authenticate']).toContain('acr_values="2", max_age=900');
    await eventually(async () => expect((await request(h.url).get(clients).set('authorization', `Bearer ${withCode}`)).status).toBe(200));
  });
});
