import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { keycloakClaims, signWithIssuerKeys, tokenSignedWithForeignKey, unsignedToken, hmacSignedWithIssuerPublicKey } from '@homi/testing';
import { client, startPlatform, type Platform } from './platform';

// Hostile tokens through the real gateway, checked against the real issuer's JWKS.
let p: Platform;
let keysDir: string;
beforeAll(async () => {
  keysDir = mkdtempSync(path.join(tmpdir(), 'homi-e2e-keys-'));
  p = await startPlatform({ keysFile: path.join(keysDir, 'keys.json') });
}, 120_000);
afterAll(async () => {
  await p?.stop();
  rmSync(keysDir, { recursive: true, force: true });
});

describe('token verification at the gateway', () => {
  it('accepts a real token and refuses alg none, foreign keys, wrong issuer or audience, and expired tokens with 401', async () => {
    const { tenantId: t, owner: person, ownerToken } = await p.signup('Tokens');
    const route = `/tenants/${t}/clients`;
    expect((await client(p.gateway, ownerToken).get(route)).status).toBe(200);

    const keysFile = path.join(keysDir, 'keys.json');
    const good = keycloakClaims(p.issuer, person.id);
    const now = Math.floor(Date.now() / 1000);
    const hostile = {
      'alg none': unsignedToken(good),
      'foreign signing key': await tokenSignedWithForeignKey(good),
      'HS256 keyed with the public key': await hmacSignedWithIssuerPublicKey(good, p.issuer),
      'wrong issuer': await signWithIssuerKeys({ ...good, iss: 'http://evil.example/realms/homi' }, keysFile),
      'wrong audience': await signWithIssuerKeys({ ...good, aud: ['account'] }, keysFile),
      expired: await signWithIssuerKeys({ ...good, iat: now - 7200, exp: now - 3600 }, keysFile),
      'refresh token': await signWithIssuerKeys({ ...good, typ: 'Refresh' }, keysFile),
      garbage: 'not.a.jwt',
    };
    // The issuer's own key, correct claims: accepted, which proves the refusals above are about the flaw.
    expect((await client(p.gateway, await signWithIssuerKeys(good, keysFile)).get(route)).status).toBe(200);
    for (const [what, token] of Object.entries(hostile)) {
      const res = await client(p.gateway, token).get(route);
      expect({ what, status: res.status }).toEqual({ what, status: 401 });
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
    const missing = await client(p.gateway).get(route);
    expect(missing.status).toBe(401);
  });
});
