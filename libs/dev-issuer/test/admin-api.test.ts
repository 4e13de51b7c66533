import { newTotpSecret, spawnDevIssuer, totpCode, type SpawnedDevIssuer } from '../src';
import { adminToken, alice, claimsOf, passwordLogin, postToken } from './helpers';

let idp: SpawnedDevIssuer;
let admin: string;
let users: string;
beforeAll(async () => {
  idp = await spawnDevIssuer({ users: [alice] });
  admin = await adminToken(idp.issuer, idp.adminSecret);
  users = `${idp.url}/admin/realms/homi/users`;
});
afterAll(() => idp?.stop());

function call(method: string, url: string, body?: unknown, token = admin) {
  return fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const representation = (email: string, password: string, extra: Record<string, unknown> = {}) => ({
  username: email, email, firstName: 'Dana', lastName: 'de Vries', enabled: true,
  credentials: [{ type: 'password', value: password, temporary: false }], ...extra,
});

async function createUser(email: string, password: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await call('POST', users, representation(email, password, extra));
  expect(res.status).toBe(201);
  return String(res.headers.get('location')).split('/').pop() as string;
}

describe('admin API authentication', () => {
  it('answers 401 without a bearer token', async () => {
    const res = await fetch(users);

    expect(res.status).toBe(401);
  });

  it('answers 401 for a forged or garbage token', async () => {
    expect((await call('GET', users, undefined, 'not-a-token')).status).toBe(401);
    expect((await call('GET', users, undefined, `${admin.slice(0, -4)}AAAA`)).status).toBe(401);
  });

  it('answers 403 for a user access token', async () => {
    const { body } = await passwordLogin(idp.issuer, alice.email, alice.password);

    expect((await call('GET', users, undefined, String(body.access_token))).status).toBe(403);
  });

  it('issues the admin token only for the right client secret', async () => {
    const basic = Buffer.from('homi-admin:wrong-secret').toString('base64');
    const { status, body } = await postToken(idp.issuer, { grant_type: 'client_credentials' }, { authorization: `Basic ${basic}` });

    expect(status).toBe(401);
    expect(body.error).toBe('invalid_client');
  });

  it('gives the admin token a service-account shape that the gateway audience excludes', () => {
    const claims = claimsOf(admin);

    expect(claims).toMatchObject({ azp: 'homi-admin', typ: 'Bearer', preferred_username: 'service-account-homi-admin' });
    expect(claims.aud).not.toContain('homi-gateway');
  });
});

describe('admin API users', () => {
  it('creates a user who can then log in with the given password', async () => {
    const res = await call('POST', users, representation('dana@example.com', 'dana-pass'));
    const location = String(res.headers.get('location'));

    expect(res.status).toBe(201);
    expect(location).toMatch(new RegExp(`^${users}/usr_[a-z2-7]{20}$`));
    const login = await passwordLogin(idp.issuer, 'dana@example.com', 'dana-pass');
    expect(login.status).toBe(200);
    expect(claimsOf(login.body.access_token)).toMatchObject({ sub: location.split('/').pop(), name: 'Dana de Vries' });
  });

  it('keeps the id the body gives', async () => {
    const id = await createUser('erik@example.com', 'erik-pass', { id: 'usr_erik' });

    expect(id).toBe('usr_erik');
  });

  it('answers 409 for a second user with the same email', async () => {
    await createUser('fenna@example.com', 'pw-1');

    const res = await call('POST', users, representation('fenna@example.com', 'pw-2'));

    expect(res.status).toBe(409);
  });

  it('answers 400 for a body without a valid email', async () => {
    expect((await call('POST', users, { username: 'x', email: 'not-an-email' })).status).toBe(400);
    expect((await call('POST', users, undefined)).status).toBe(400);
  });

  it('finds a user by exact email', async () => {
    const id = await createUser('gert@example.com', 'gert-pass');

    const res = await call('GET', `${users}?email=${encodeURIComponent('gert@example.com')}&exact=true`);
    const found = (await res.json()) as { id: string; email: string; enabled: boolean }[];

    expect(res.status).toBe(200);
    expect(found).toEqual([expect.objectContaining({ id, email: 'gert@example.com', username: 'gert@example.com', enabled: true })]);
    expect(await (await call('GET', `${users}?email=gert@&exact=true`)).json()).toEqual([]);
  });

  it('disables a user with PUT, after which the user cannot log in', async () => {
    const id = await createUser('hanna@example.com', 'hanna-pass');
    const before = await passwordLogin(idp.issuer, 'hanna@example.com', 'hanna-pass');

    expect((await call('PUT', `${users}/${id}`, { enabled: false })).status).toBe(204);

    expect((await passwordLogin(idp.issuer, 'hanna@example.com', 'hanna-pass')).status).toBe(400);
    const refresh = await postToken(idp.issuer, { grant_type: 'refresh_token', client_id: 'homi-cli', refresh_token: String(before.body.refresh_token) });
    expect(refresh.status).toBe(400);
  });

  it('changes email and names with PUT', async () => {
    const id = await createUser('ids@example.com', 'ids-pass');

    await call('PUT', `${users}/${id}`, { email: 'ids.new@example.com', firstName: 'Ids', lastName: 'Bakker' });

    const login = await passwordLogin(idp.issuer, 'ids.new@example.com', 'ids-pass');
    expect(claimsOf(login.body.access_token)).toMatchObject({ email: 'ids.new@example.com', name: 'Ids Bakker' });
  });

  it('resets a password', async () => {
    const id = await createUser('jan@example.com', 'old-pass');

    const res = await call('PUT', `${users}/${id}/reset-password`, { type: 'password', value: 'new-pass', temporary: false });

    expect(res.status).toBe(204);
    expect((await passwordLogin(idp.issuer, 'jan@example.com', 'old-pass')).status).toBe(401);
    expect((await passwordLogin(idp.issuer, 'jan@example.com', 'new-pass')).status).toBe(200);
  });

  it('deletes a user, who can then no longer log in', async () => {
    const id = await createUser('kees@example.com', 'kees-pass');

    expect((await call('DELETE', `${users}/${id}`)).status).toBe(204);

    expect((await call('GET', `${users}/${id}`)).status).toBe(404);
    expect((await passwordLogin(idp.issuer, 'kees@example.com', 'kees-pass')).status).toBe(401);
  });

  it('answers 404 for an unknown user id', async () => {
    expect((await call('PUT', `${users}/usr_unknown`, { enabled: false })).status).toBe(404);
  });
});

describe('admin API realm role mappings', () => {
  it('adds the support role, which then appears in the user\'s tokens', async () => {
    const id = await createUser('lotte@example.com', 'lotte-pass');
    const mappings = `${users}/${id}/role-mappings/realm`;

    expect((await call('POST', mappings, [{ name: 'support' }])).status).toBe(204);

    const listed = (await (await call('GET', mappings)).json()) as { name: string }[];
    expect(listed.map((r) => r.name)).toEqual(expect.arrayContaining(['support', 'default-roles-homi']));
    const login = await passwordLogin(idp.issuer, 'lotte@example.com', 'lotte-pass');
    expect((claimsOf(login.body.access_token).realm_access as { roles: string[] }).roles).toContain('support');
  });

  it('removes a role with DELETE', async () => {
    const id = await createUser('maud@example.com', 'maud-pass', { realmRoles: ['support'] });
    const mappings = `${users}/${id}/role-mappings/realm`;

    expect((await call('DELETE', mappings, [{ name: 'support' }])).status).toBe(204);

    const login = await passwordLogin(idp.issuer, 'maud@example.com', 'maud-pass');
    expect((claimsOf(login.body.access_token).realm_access as { roles: string[] }).roles).not.toContain('support');
  });

  it('answers 404 for a role the realm does not have', async () => {
    const id = await createUser('nina@example.com', 'nina-pass');

    expect((await call('POST', `${users}/${id}/role-mappings/realm`, [{ name: 'realm-admin' }])).status).toBe(404);
  });
});

describe('admin API support users with an authenticator (development seeding)', () => {
  it('creates a support user with a TOTP secret, whose login with the current code is at step-up level', async () => {
    const secret = newTotpSecret();
    const id = await createUser('sam@example.com', 'sam-pass', {
      realmRoles: ['support'],
      credentials: [{ type: 'password', value: 'sam-pass', temporary: false }, { type: 'otp', value: secret }],
    });

    const shown = (await (await call('GET', `${users}/${id}`)).json()) as Record<string, unknown>;
    const login = await passwordLogin(idp.issuer, 'sam@example.com', 'sam-pass', undefined, totpCode(secret));

    expect(shown.totp).toBe(true);
    expect(JSON.stringify(shown)).not.toContain(secret);
    expect(claimsOf(login.body.access_token)).toMatchObject({ sub: id, acr: '2', amr: ['pwd', 'otp'] });
    expect((claimsOf(login.body.access_token).realm_access as { roles: string[] }).roles).toContain('support');
  });

  it('answers 400 for an otp credential without a base32 secret', async () => {
    const res = await call('POST', users, representation('tom@example.com', 'tom-pass', {
      credentials: [{ type: 'password', value: 'tom-pass' }, { type: 'otp', value: 'not a secret' }],
    }));

    expect(res.status).toBe(400);
  });
});
