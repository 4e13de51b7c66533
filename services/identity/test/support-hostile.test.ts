import request from 'supertest';
import { CALLER_HEADER } from '@homi/service-kit';
import { as, callerHeader, FORGED_GATEWAY, memberOf, ownerOf, startIdentity, type Harness } from './harness';
import { signUp } from './fixtures';
import { accessRequest, asSupport, supportCaller, supportPaths as paths, supportUser } from './support-fixtures';
import { tableCounts } from './support';

let h: Harness;
let owner: { userId: string; tenantId: string };
let pending: string;
const support = supportUser();
beforeAll(async () => {
  h = await startIdentity();
  owner = await signUp(h.server);
  pending = (await asSupport(h, support).post(paths.requests, accessRequest(h, owner.tenantId, { mode: 'write' }))).body.id;
});
afterAll(() => h?.stop());

/** Every answer must be a 4xx problem+json, and the database must be as before. */
async function expectRefused(send: () => Promise<request.Response>, status: number) {
  const before = await tableCounts(h);
  const res = await send();
  expect([res.status, res.headers['content-type']]).toEqual([status, expect.stringMatching(/application\/problem\+json/)]);
  expect(await tableCounts(h)).toEqual(before);
  return res;
}

describe('hostile input to support access', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['a 25-hour duration', { durationMinutes: 1441 }],
    ['a zero duration', { durationMinutes: 0 }],
    ['a fractional duration', { durationMinutes: 1.5 }],
    ['a duration as text', { durationMinutes: '60' }],
    ['no modules', { modules: [] }],
    ['a module twice', { modules: ['agenda', 'agenda'] }],
    ['an unknown module', { modules: ['billing'] }],
    ['an unknown reason', { reason: 'curiosity' }],
    ['an admin mode', { mode: 'admin' }],
    ['an empty ticket id', { ticketId: '' }],
    ['a 45-character ticket id', { ticketId: `tkt_${'1'.repeat(41)}` }],
    ['free text in the ticket id', { ticketId: 'klant Anna de Vries belde' }],
    ['a control character in the ticket id', { ticketId: 'tkt_abcdefgh\u0000' }],
    ['a free-text ticket instead of its id', { ticketId: undefined, ticket: 'HOMI-1234' }],
    ['a malformed tenant id', { tenantId: "ten_' or 1=1 --" }],
    ['a smuggled status', { status: 'active' }],
    ['a smuggled support user', { supportUserId: 'usr_someoneelse0001' }],
  ];
  it.each(cases)('refuses a request with %s', async (_what, overrides) => {
    await expectRefused(() => asSupport(h, support).post(paths.requests, accessRequest(h, owner.tenantId, overrides)), 400);
  });

  it('refuses malformed bodies, queries and ids', async () => {
    const api = asSupport(h, support);
    await expectRefused(() => request(h.server).post(paths.requests).set(CALLER_HEADER, callerHeader(supportCaller(support), 'POST', paths.requests))
      .set('content-type', 'application/json').send('{"tenantId":'), 400);
    await expectRefused(() => api.post(paths.requests, [accessRequest(h, owner.tenantId)]), 400);
    await expectRefused(() => api.get(`${paths.requests}?scope=everyone`), 400);
    await expectRefused(() => api.get(`${paths.requests}?cursor=${Buffer.from('x|sar_1').toString('base64url')}`), 400);
    await expectRefused(() => api.post(paths.coApprove('..%2F..%2Fadmin')), 404);
    await expectRefused(() => api.post(paths.coApprove('sar_*')), 404);
  });

  it('refuses hostile decisions', async () => {
    const api = as(h, ownerOf(owner.userId, owner.tenantId));
    await expectRefused(() => api.post(paths.decide(owner.tenantId, pending, 'approve'), { mode: 'write' }), 400);
    await expectRefused(() => api.post(paths.decide(owner.tenantId, pending, 'approve'), { modules: ['agenda'], expiresAt: '2099-01-01T00:00:00Z' }), 400);
    await expectRefused(() => api.post(paths.decide(owner.tenantId, pending, 'approve'), { durationMinutes: 100000 }), 400);
    await expectRefused(() => api.post(paths.decide(owner.tenantId, pending, 'approve'), { mode: 'read', modules: ['reports'] }), 400);
    await expectRefused(() => api.post(paths.decide(owner.tenantId, pending, 'deny'), { reason: 'no' }), 400);
    await expectRefused(() => api.post(paths.decide(owner.tenantId, pending, 'approve')), 409);
    await expectRefused(() => api.post(paths.decide(owner.tenantId, pending, 'revoke')), 409);
    await expectRefused(() => as(h, memberOf(owner.userId, owner.tenantId, 'staff')).post(paths.decide(owner.tenantId, pending, 'deny')), 403);
    await expectRefused(() => api.get(`${paths.tenant(owner.tenantId)}?limit=1000`), 400);
  });

  it('refuses every support route without, or with a forged, caller context', async () => {
    const routes = [
      ['post', paths.requests], ['get', paths.requests], ['post', paths.coApprove(pending)], ['get', paths.tenant(owner.tenantId)],
      ['post', paths.decide(owner.tenantId, pending, 'approve')], ['get', paths.auditLog(owner.tenantId)],
    ] as const;
    for (const [method, path] of routes) {
      await expectRefused(() => request(h.server)[method](path), 401);
      await expectRefused(() => request(h.server)[method](path).set(CALLER_HEADER, callerHeader(supportCaller(support), method, path, FORGED_GATEWAY)), 401);
    }
    // A support user is no member: on the tenant's routes their context carries no membership.
    await expectRefused(() => asSupport(h, support).get(paths.auditLog(owner.tenantId)), 404);
  }, 60_000);
});
