import request from 'supertest';
import { CALLER_HEADER } from '@homi/service-kit';
import { as, callerHeader, FORGED_GATEWAY, memberOf, ownerOf, publicApi, startIdentity, type Harness } from './harness';
import { signupBody, signUp, strongPassword } from './fixtures';
import { tableCounts } from './support';

let h: Harness;
let owner: { userId: string; tenantId: string; email: string; password: string };
beforeAll(async () => {
  h = await startIdentity();
  owner = await signUp(h.server);
});
afterAll(() => h?.stop());

const members = () => `/api/v1/tenants/${owner.tenantId}/members`;

/** Every answer must be a 4xx problem+json, and the database must be as before. */
async function expectRefused(send: () => Promise<request.Response>, status?: number) {
  const before = await tableCounts(h);
  const res = await send();
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  if (status) expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(await tableCounts(h)).toEqual(before);
}

describe('hostile input', () => {
  const signupCases: [string, unknown][] = [
    ['an array', [signupBody()]],
    ['an unknown field', { ...signupBody(), role: 'owner' }],
    ['a smuggled tenant id', { ...signupBody(), tenantId: 'ten_00000000000000000000' }],
    ['an invalid address', signupBody({ email: 'not-an-address' })],
    ['a control character in the name', signupBody({ name: 'Anna\u0000' })],
    ['a 300-character name', signupBody({ name: 'x'.repeat(300) })],
    ['a 129-character password', signupBody({ password: 'p'.repeat(129) })],
    ['a version with a path in it', signupBody({ acceptedPrivacyStatementVersion: '../2026-11' })],
    ['a wrong KvK number', signupBody({ institute: { name: 'Salon', kvkNumber: '123' } })],
    ['an institute without a name', signupBody({ institute: { name: '   ' } })],
    ['a number for the password', signupBody({ password: 123456789012345 })],
  ];
  it.each(signupCases)('refuses a sign-up with %s', async (_what, body) => {
    await expectRefused(() => publicApi(h).post('/api/v1/signup').send(body as object), 400);
  });

  it('refuses malformed JSON, other media types and oversized bodies', async () => {
    await expectRefused(() => publicApi(h).post('/api/v1/signup').set('content-type', 'application/json').send('{"email":'), 400);
    await expectRefused(() => publicApi(h).post('/api/v1/signup').set('content-type', 'text/plain').send('email=x'), 415);
    await expectRefused(() => publicApi(h).post('/api/v1/signup').send({ ...signupBody(), name: 'x'.repeat(70_000) }), 413);
  });

  it('refuses every non-public route without, or with a forged, caller context', async () => {
    for (const [method, path] of [['get', '/api/v1/me'], ['delete', '/api/v1/me'], ['get', members()], ['post', members()], ['post', '/api/v1/admin/privacy-statements']] as const) {
      const forged = callerHeader(ownerOf(owner.userId, owner.tenantId), method, path, FORGED_GATEWAY);
      await expectRefused(() => request(h.server)[method](path), 401);
      await expectRefused(() => request(h.server)[method](path).set(CALLER_HEADER, forged), 401);
    }
  });

  it('refuses hostile member changes', async () => {
    const api = as(h, ownerOf(owner.userId, owner.tenantId));
    await expectRefused(() => api.post(members(), { email: 'x@example.nl', name: 'X Y', role: 'superuser' }), 400);
    await expectRefused(() => api.post(members(), { email: 'x@example.nl', name: 'X Y', role: 'staff', permissions: { clients: 'admin' } }), 400);
    await expectRefused(() => api.post(members(), { email: 'x@example.nl', name: 'X Y', role: 'staff', permissions: { billing: 'edit' } }), 400);
    await expectRefused(() => api.post(members(), { email: 'x@example.nl', name: 'X Y', role: 'owner', permissions: { clients: 'none' } }), 400);
    await expectRefused(() => api.post(members(), { email: 'x@example.nl', name: 'X Y', role: 'staff', tenantId: 'ten_other' }), 400);
    await expectRefused(() => api.patch(`${members()}/${owner.userId}`, { role: 'owner', userId: 'usr_someoneelse0001' }), 400);
    await expectRefused(() => api.patch(`${members()}/..%2F..%2Fme`, { role: 'staff' }), 404);
    await expectRefused(() => api.patch(`${members()}/usr_*`, { role: 'staff' }), 404);
    await expectRefused(() => api.delete(`${members()}/usr_doesnotexist000001`), 404);
    const staffWithout = as(h, memberOf(owner.userId, owner.tenantId, 'staff'));
    await expectRefused(() => staffWithout.delete(`${members()}/${owner.userId}`), 403);
  });

  it('refuses hostile changes to /me and to the statement', async () => {
    const me = as(h, { userId: owner.userId });
    await expectRefused(() => me.patch('/api/v1/me', { id: 'usr_someoneelse0001' }), 400);
    await expectRefused(() => me.patch('/api/v1/me', { status: 'active' }), 400);
    await expectRefused(() => me.patch('/api/v1/me', { phone: 'call me' }), 400);
    await expectRefused(() => me.patch('/api/v1/me', { password: strongPassword() }), 400);
    await expectRefused(() => me.post('/api/v1/me/privacy-statement-acceptances', { version: "2026-11' or 1=1 --" }), 400);
    await expectRefused(() => me.post('/api/v1/me/privacy-statement-acceptances', {}), 400);
    const operator = as(h, { userId: owner.userId, realmRoles: ['operator'] });
    await expectRefused(() => operator.post('/api/v1/admin/privacy-statements', { version: '2030-01' }), 400);
    await expectRefused(() => operator.post('/api/v1/admin/privacy-statements', { version: '2030 01', text: 'x' }), 400);
  });
});
