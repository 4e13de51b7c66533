import { createRemoteJWKSet, jwtVerify } from 'jose';
import { spawnDevIssuer, totpCode, type SpawnedDevIssuer } from '../src';
import { alice, bob, BOB_TOTP_SECRET, carol, claimsOf, headerOf, passwordLogin, postToken } from './helpers';

let idp: SpawnedDevIssuer;
let jwks: ReturnType<typeof createRemoteJWKSet>;
beforeAll(async () => {
  idp = await spawnDevIssuer({ users: [alice, bob, carol] });
  jwks = createRemoteJWKSet(new URL(`${idp.issuer}/protocol/openid-connect/certs`));
});
afterAll(() => idp?.stop());

const verify = (token: unknown) => jwtVerify(String(token), jwks, { issuer: idp.issuer, audience: 'homi-gateway' });

describe('password grant for homi-cli', () => {
  it('returns a JWT access token whose signature verifies against the JWKS for audience homi-gateway', async () => {
    const { status, body } = await passwordLogin(idp.issuer, alice.email, alice.password);

    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 300, refresh_token: expect.any(String) });
    const { payload, protectedHeader } = await verify(body.access_token);
    expect(protectedHeader).toEqual({ alg: 'RS256', typ: 'JWT', kid: expect.any(String) });
    expect(payload.sub).toBe(alice.id);
  });

  it('carries the claims Keycloak puts in an access token', async () => {
    const before = Math.floor(Date.now() / 1000);
    const { body } = await passwordLogin(idp.issuer, alice.email, alice.password);
    const claims = claimsOf(body.access_token);

    expect(claims).toMatchObject({
      iss: idp.issuer,
      sub: 'usr_alice',
      aud: ['homi-gateway', 'account'],
      azp: 'homi-cli',
      typ: 'Bearer',
      acr: '1',
      amr: ['pwd'],
      email: 'alice@example.com',
      email_verified: true,
      name: 'Alice Jansen',
      preferred_username: 'alice@example.com',
      sid: expect.any(String),
      jti: expect.any(String),
    });
    expect(claims.realm_access).toEqual({ roles: expect.arrayContaining(['support', 'default-roles-homi', 'offline_access']) });
    expect(String(claims.scope).split(' ')).toEqual(expect.arrayContaining(['profile', 'email']));
    expect(claims.auth_time).toBeGreaterThanOrEqual(before);
    expect(claims.exp).toBe(Number(claims.iat) + 300);
    expect(claims).not.toHaveProperty('client_id');
  });

  it('marks a login with a correct one-time code at step-up level acr 2 with amr pwd+otp, and auth_time now', async () => {
    const before = Math.floor(Date.now() / 1000);
    const { status, body } = await passwordLogin(idp.issuer, bob.email, bob.password, undefined, totpCode(BOB_TOTP_SECRET));

    expect(status).toBe(200);
    expect(claimsOf(body.access_token)).toMatchObject({ acr: '2', amr: ['pwd', 'otp'] });
    expect(claimsOf(body.access_token).auth_time).toBeGreaterThanOrEqual(before);
  });

  it('gives a password-only login of a user with an authenticator acr 1', async () => {
    const { body } = await passwordLogin(idp.issuer, bob.email, bob.password);

    expect(claimsOf(body.access_token)).toMatchObject({ acr: '1', amr: ['pwd'] });
  });

  it('refuses a wrong or stale one-time code, and any code for a user without an authenticator, as invalid_grant', async () => {
    const stale = totpCode(BOB_TOTP_SECRET, Date.now() - 120_000);
    const wrong = String((Number(totpCode(BOB_TOTP_SECRET)) + 1) % 1_000_000).padStart(6, '0');
    for (const [user, code] of [[bob, stale], [bob, wrong], [bob, 'abcdef'], [alice, totpCode(BOB_TOTP_SECRET)]] as const) {
      const { status, body } = await passwordLogin(idp.issuer, user.email, user.password, undefined, code);
      expect(status).toBe(401);
      expect(body).toEqual({ error: 'invalid_grant', error_description: 'Invalid user credentials' });
    }
  });

  it('accepts the email in any letter case as the username', async () => {
    const { status } = await passwordLogin(idp.issuer, 'ALICE@Example.com', alice.password);

    expect(status).toBe(200);
  });

  it('issues an id token with the login facts when scope openid is asked for', async () => {
    const { body } = await passwordLogin(idp.issuer, alice.email, alice.password, 'openid');
    const access = claimsOf(body.access_token);

    expect(claimsOf(body.id_token)).toMatchObject({ sub: alice.id, aud: 'homi-cli', acr: '1', auth_time: access.auth_time, sid: access.sid });
  });

  it('refuses a wrong password with 401 invalid_grant, as Keycloak does', async () => {
    const { status, body } = await passwordLogin(idp.issuer, alice.email, 'wrong');

    expect(status).toBe(401);
    expect(body).toEqual({ error: 'invalid_grant', error_description: 'Invalid user credentials' });
  });

  it('answers an unknown user exactly as a wrong password', async () => {
    const { status, body } = await passwordLogin(idp.issuer, 'nobody@example.com', alice.password);

    expect(status).toBe(401);
    expect(body).toEqual({ error: 'invalid_grant', error_description: 'Invalid user credentials' });
  });

  it('refuses a disabled user even with the right password', async () => {
    const { status, body } = await passwordLogin(idp.issuer, carol.email, carol.password);

    expect(status).toBe(400);
    expect(body).toEqual({ error: 'invalid_grant', error_description: 'Account disabled' });
  });

  it('refuses the password grant to clients other than homi-cli', async () => {
    const { status, body } = await postToken(idp.issuer, { grant_type: 'password', client_id: 'homi-web', username: alice.email, password: alice.password });

    expect(status).toBe(400);
    expect(body.access_token).toBeUndefined();
  });

  it('refuses a scope the realm does not know', async () => {
    const { status, body } = await passwordLogin(idp.issuer, alice.email, alice.password, 'openid admin');

    expect(status).toBe(400);
    expect(body.error).toBe('invalid_scope');
  });
});

describe('refresh', () => {
  it('rotates the refresh token and keeps the login claims', async () => {
    const login = await passwordLogin(idp.issuer, bob.email, bob.password, undefined, totpCode(BOB_TOTP_SECRET));
    const first = claimsOf(login.body.access_token);

    const refreshed = await postToken(idp.issuer, { grant_type: 'refresh_token', client_id: 'homi-cli', refresh_token: String(login.body.refresh_token) });

    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(login.body.refresh_token);
    const { payload } = await verify(refreshed.body.access_token);
    expect(payload).toMatchObject({
      sub: first.sub, sid: first.sid, auth_time: first.auth_time, acr: '2', amr: ['pwd', 'otp'],
      azp: 'homi-cli', typ: 'Bearer', aud: ['homi-gateway', 'account'], email: 'bob@example.com',
    });
    expect(payload.jti).not.toBe(first.jti);
  });

  it('refuses a refresh token that was already used', async () => {
    const login = await passwordLogin(idp.issuer, alice.email, alice.password);
    const params = { grant_type: 'refresh_token', client_id: 'homi-cli', refresh_token: String(login.body.refresh_token) };
    await postToken(idp.issuer, params);

    const replay = await postToken(idp.issuer, params);

    expect(replay.status).toBe(400);
    expect(replay.body.error).toBe('invalid_grant');
  });
});

describe('userinfo', () => {
  it('answers the profile for a valid access token and 401 without one', async () => {
    const { body } = await passwordLogin(idp.issuer, alice.email, alice.password);
    const url = `${idp.issuer}/protocol/openid-connect/userinfo`;

    const ok = await fetch(url, { headers: { authorization: `Bearer ${String(body.access_token)}` } });
    const none = await fetch(url);

    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ sub: alice.id, email: alice.email, preferred_username: alice.email });
    expect(none.status).toBe(401);
  });
});

describe('hostile tokens', () => {
  it('rejects a token whose payload was altered after signing', async () => {
    const { body } = await passwordLogin(idp.issuer, alice.email, alice.password);
    const [h, p, s] = String(body.access_token).split('.');
    const claims = JSON.parse(Buffer.from(String(p), 'base64url').toString());
    const altered = Buffer.from(JSON.stringify({ ...claims, sub: 'usr_mallory' })).toString('base64url');

    await expect(verify(`${h}.${altered}.${s}`)).rejects.toThrow();
    expect(headerOf(body.access_token).alg).toBe('RS256');
  });
});
