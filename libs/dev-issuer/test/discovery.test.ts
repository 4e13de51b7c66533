import { spawnDevIssuer, type SpawnedDevIssuer } from '../src';

let idp: SpawnedDevIssuer;
beforeAll(async () => {
  idp = await spawnDevIssuer();
});
afterAll(() => idp?.stop());

describe('discovery', () => {
  it('names the issuer http://localhost:PORT/realms/homi and Keycloak endpoint paths', async () => {
    const res = await fetch(`${idp.issuer}/.well-known/openid-configuration`);
    const doc = (await res.json()) as Record<string, unknown>;

    expect(res.status).toBe(200);
    expect(idp.issuer).toMatch(/^http:\/\/localhost:\d+\/realms\/homi$/);
    expect(doc.issuer).toBe(idp.issuer);
    expect(doc.jwks_uri).toBe(`${idp.issuer}/protocol/openid-connect/certs`);
    expect(doc.token_endpoint).toBe(`${idp.issuer}/protocol/openid-connect/token`);
    expect(doc.authorization_endpoint).toBe(`${idp.issuer}/protocol/openid-connect/auth`);
    expect(doc.userinfo_endpoint).toBe(`${idp.issuer}/protocol/openid-connect/userinfo`);
    expect(doc.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token', 'password']));
    expect(doc.code_challenge_methods_supported).toEqual(['S256']);
  });

  it('publishes one public RS256 signing key with a kid and no private parts', async () => {
    const jwks = (await (await fetch(`${idp.issuer}/protocol/openid-connect/certs`)).json()) as { keys: Record<string, unknown>[] };

    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) });
    for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(jwks.keys[0]).not.toHaveProperty(secret);
  });

  it('answers unknown paths with 404', async () => {
    expect((await fetch(`${idp.url}/nope`)).status).toBe(404);
    expect((await fetch(`${idp.issuer}/protocol/openid-connect/nope`)).status).toBe(404);
  });
});
