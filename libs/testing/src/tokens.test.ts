import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnDevIssuer, type SpawnedDevIssuer } from '@homi/dev-issuer';
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import {
  TokenRequestError, decodeClaims, decodeHeader, forgeToken, hmacSignedWithIssuerPublicKey, keycloakClaims, passwordGrant,
  refreshGrant, signWithIssuerKeys, tamperedToken, tokenSignedWithForeignKey, totp, unsignedToken,
} from './tokens';

const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const user = { id: 'usr_tokens', email: 'tokens@example.com', password: 'tokens-password', roles: ['support'], totpSecret: TOTP_SECRET };
let idp: SpawnedDevIssuer;
let dir: string;
let keysFile: string;
let verify: (token: string) => ReturnType<typeof jwtVerify>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'testing-tokens-'));
  keysFile = join(dir, 'keys.json');
  idp = await spawnDevIssuer({ users: [user], keysFile });
  const jwks = createRemoteJWKSet(new URL(`${idp.issuer}/protocol/openid-connect/certs`));
  // What the gateway does: RS256 only, issuer and audience pinned.
  verify = (token) => jwtVerify(token, jwks, { issuer: idp.issuer, audience: 'homi-gateway', algorithms: ['RS256'] });
});
afterAll(async () => {
  await idp?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('passwordGrant', () => {
  it('returns tokens from the real issuer whose access token verifies', async () => {
    const tokens = await passwordGrant(idp.issuer, user.email, user.password);

    expect(tokens.expires_in).toBe(300);
    expect((await verify(tokens.access_token)).payload).toMatchObject({ sub: user.id, realm_access: { roles: expect.arrayContaining(['support']) } });
    expect(decodeClaims((await refreshGrant(idp.issuer, tokens.refresh_token)).access_token).sub).toBe(user.id);
  });

  it('throws a TokenRequestError with Keycloak\'s error and without the password', async () => {
    const failure = passwordGrant(idp.issuer, user.email, 'not-the-password');

    await expect(failure).rejects.toBeInstanceOf(TokenRequestError);
    await expect(failure).rejects.toMatchObject({ status: 401, error: 'invalid_grant', errorDescription: 'Invalid user credentials' });
    await expect(failure).rejects.not.toThrow(/not-the-password/);
  });

  it('logs in at step-up level with the current one-time code, and refuses a code from long ago', async () => {
    const stepUp = await passwordGrant(idp.issuer, user.email, user.password, { totp: totp(TOTP_SECRET) });
    const plain = await passwordGrant(idp.issuer, user.email, user.password);

    expect(decodeClaims(stepUp.access_token)).toMatchObject({ acr: '2', amr: ['pwd', 'otp'] });
    expect(decodeClaims(plain.access_token)).toMatchObject({ acr: '1', amr: ['pwd'] });
    await expect(passwordGrant(idp.issuer, user.email, user.password, { totp: totp(TOTP_SECRET, Date.now() - 3_600_000) }))
      .rejects.toMatchObject({ status: 401, error: 'invalid_grant' });
  });
});

describe('totp', () => {
  it('gives RFC 6238\'s SHA-1 code for the RFC test key', () => {
    // Appendix B: key "12345678901234567890" at T = 1111111109 s gives 07081804; six digits are its tail.
    expect(totp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 1_111_111_109_000)).toBe('081804');
  });
});

describe('hostile tokens', () => {
  const claims = () => keycloakClaims(idp.issuer, user.id);

  it('signWithIssuerKeys makes a valid token (control for the cases below)', async () => {
    await expect(verify(await signWithIssuerKeys(claims(), keysFile))).resolves.toBeDefined();
  });

  it('unsignedToken has alg none and no signature, and is refused', async () => {
    const token = unsignedToken(claims());

    expect(decodeHeader(token).alg).toBe('none');
    expect(token.endsWith('.')).toBe(true);
    await expect(verify(token)).rejects.toThrow();
  });

  it('tokenSignedWithForeignKey is refused even under the issuer\'s own kid', async () => {
    const kid = decodeHeader((await passwordGrant(idp.issuer, user.email, user.password)).access_token).kid;

    await expect(verify(await tokenSignedWithForeignKey(claims(), kid))).rejects.toBeInstanceOf(errors.JWSSignatureVerificationFailed);
    await expect(verify(await tokenSignedWithForeignKey(claims()))).rejects.toBeInstanceOf(errors.JWKSNoMatchingKey);
  });

  it('hmacSignedWithIssuerPublicKey is HS256 under the issuer\'s kid, and is refused', async () => {
    const token = await hmacSignedWithIssuerPublicKey(claims(), idp.issuer);

    expect(decodeHeader(token).alg).toBe('HS256');
    await expect(verify(token)).rejects.toThrow();
  });

  it('tamperedToken keeps the original signature over a changed payload, and is refused', async () => {
    const real = (await passwordGrant(idp.issuer, user.email, user.password)).access_token;
    const token = tamperedToken(real, { sub: 'usr_mallory' });

    expect(decodeClaims(token).sub).toBe('usr_mallory');
    await expect(verify(token)).rejects.toBeInstanceOf(errors.JWSSignatureVerificationFailed);
  });

  it('validly signed tokens with an expired exp, wrong audience or wrong issuer are refused', async () => {
    const past = Math.floor(Date.now() / 1000) - 60;

    await expect(verify(await signWithIssuerKeys(keycloakClaims(idp.issuer, user.id, { exp: past }), keysFile))).rejects.toBeInstanceOf(errors.JWTExpired);
    await expect(verify(await signWithIssuerKeys(keycloakClaims(idp.issuer, user.id, { aud: 'account' }), keysFile))).rejects.toThrow(/aud/);
    await expect(verify(await signWithIssuerKeys(keycloakClaims('http://evil.example/realms/homi', user.id), keysFile))).rejects.toThrow(/iss/);
  });

  it('forgeToken signs with a given HMAC secret and algorithm', async () => {
    const token = await forgeToken({ sub: 'x' }, { key: new TextEncoder().encode('s'.repeat(32)), alg: 'HS256', kid: 'k1' });

    expect(decodeHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT', kid: 'k1' });
  });

  it('decodeClaims throws on something that is not a JWT', () => {
    expect(() => decodeClaims('not-a-jwt')).toThrow();
  });
});
