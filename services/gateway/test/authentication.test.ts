import request from 'supertest';
import { newId } from '@homi/service-kit';
import { membership } from './support/fakes';
import { foreignKey, unsignedToken } from './support/issuer';
import { startHarness, type Harness } from './support/harness';

describe('token verification against the issuer JWKS', () => {
  let h: Harness;
  const userId = newId('usr');
  const tenantId = newId('ten');
  const path = () => `/api/v1/tenants/${tenantId}`;

  beforeAll(async () => {
    h = await startHarness();
    await h.putMembership(membership(userId, tenantId, {}, 'owner'));
  });
  afterAll(() => h.stop());

  const now = () => Math.floor(Date.now() / 1000);

  it('admits a Keycloak-shaped access token and forwards the call', async () => {
    const res = await request(h.url).get(path()).set('authorization', `Bearer ${await h.issuer.token(userId)}`);
    expect(res.status).toBe(200);
    expect(res.body.url).toBe(path());
  });

  it('accepts the scheme name in any case', async () => {
    const res = await request(h.url).get(path()).set('authorization', `bearer ${await h.issuer.token(userId)}`);
    expect(res.status).toBe(200);
  });

  it('answers a missing token with 401 and a bare Bearer challenge, never 403', async () => {
    const res = await request(h.url).get(path());
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="homi"');
    expect(res.body).toMatchObject({ status: 401, type: expect.stringMatching(/token-required$/) });
  });

  const hostile: [string, () => Promise<string>][] = [
    ['alg none', async () => unsignedToken(h.issuer.claims(userId))],
    ['a foreign key under the issuer kid', async () => h.issuer.sign(h.issuer.claims(userId), await foreignKey(), { alg: 'RS256', kid: h.issuer.kid })],
    ['a foreign key under an unknown kid', async () => h.issuer.sign(h.issuer.claims(userId), await foreignKey(), { alg: 'RS256', kid: 'other' })],
    ['HS256 keyed with the published public key (algorithm confusion)', async () =>
      h.issuer.sign(h.issuer.claims(userId), new TextEncoder().encode(h.issuer.publicKeyPem), { alg: 'HS256', kid: h.issuer.kid })],
    ['the wrong issuer', () => h.issuer.token(userId, { iss: 'http://127.0.0.1:1/realms/homi' })],
    ['the wrong audience', () => h.issuer.token(userId, { aud: ['account', 'homi-web'] })],
    ['no audience', () => h.issuer.token(userId, { aud: undefined })],
    ['an expiry past the 30 s tolerance', () => h.issuer.token(userId, { iat: now() - 400, exp: now() - 31 })],
    ['no expiry', () => h.issuer.token(userId, { exp: undefined })],
    ['not yet valid', () => h.issuer.token(userId, { nbf: now() + 120 })],
    ['typ Refresh', () => h.issuer.token(userId, { typ: 'Refresh' })],
    ['typ ID', () => h.issuer.token(userId, { typ: 'ID' })],
    ['no typ', () => h.issuer.token(userId, { typ: undefined })],
    ['no sub', () => h.issuer.token('', { sub: undefined })],
    ['a changed payload', async () => {
      const [header, , signature] = (await h.issuer.token(userId)).split('.');
      const payload = Buffer.from(JSON.stringify(h.issuer.claims(newId('usr')))).toString('base64url');
      return `${header}.${payload}.${signature}`;
    }],
    ['garbage', async () => 'not-a-jwt'],
    ['three garbage segments', async () => 'aaa.bbb.ccc'],
  ];

  it.each(hostile)('refuses a token with %s: 401 problem, invalid_token challenge, nothing forwarded', async (_name, make) => {
    const before = h.upstream.received.length;
    const res = await request(h.url).get(path()).set('authorization', `Bearer ${await make()}`);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="homi", error="invalid_token"');
    expect(res.body).toMatchObject({ status: 401, type: expect.stringMatching(/invalid-token$/) });
    expect(h.upstream.received.length).toBe(before);
  });

  it('accepts a token that expired within the clock tolerance', async () => {
    const res = await request(h.url).get(path()).set('authorization', `Bearer ${await h.issuer.token(userId, { exp: now() - 10 })}`);
    expect(res.status).toBe(200);
  });

  it('refuses other schemes and malformed headers with 401', async () => {
    const token = await h.issuer.token(userId);
    for (const header of [`Basic ${Buffer.from('a:b').toString('base64')}`, `Bearer`, `Bearer ${token} extra`, token]) {
      const res = await request(h.url).get(path()).set('authorization', header);
      expect(res.status).toBe(401);
    }
  });

  it('fetches the key set again at most once per cooldown, however many unknown kids arrive', async () => {
    const before = h.issuer.jwksFetches();
    for (let i = 0; i < 5; i++) {
      const token = await h.issuer.sign(h.issuer.claims(userId), await foreignKey(), { alg: 'RS256', kid: `unknown-${i}` });
      expect((await request(h.url).get(path()).set('authorization', `Bearer ${token}`)).status).toBe(401);
    }
    expect(h.issuer.jwksFetches() - before).toBeLessThanOrEqual(1);
  });

  it('keeps the token out of the log', async () => {
    const token = await h.issuer.token(userId);
    await request(h.url).get(path()).set('authorization', `Bearer ${token}`);
    await request(h.url).get(path()).set('authorization', `Bearer ${token.slice(0, -4)}AAAA`);
    const log = h.logLines.join('');
    expect(log).toContain('access token rejected');
    expect(log).not.toContain(token.split('.')[2]);
    expect(log).not.toContain(token.split('.')[1]);
  });

  it('reports ready once NATS, the membership and users watches and the issuer keys are up', async () => {
    const res = await request(h.url).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body.checks).toEqual({ nats: 'up', memberships: 'up', users: 'up', 'support grants': 'up', jwks: 'up' });
  });
});
