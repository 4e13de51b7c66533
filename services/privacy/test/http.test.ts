import request from 'supertest';
import { EXPORT_PART_FINAL } from '@homi/contracts';
import { CALLER_HEADER, devServiceKeys, generateServiceKey, newId, parseSigningKey, SERVICE_HEADER, signService } from '@homi/service-kit';
import { as, callerHeader, eventually, GATEWAY, startPrivacy, user, type Harness } from './harness';
import { startTestOwner, type TestOwner } from './owners';

let h: Harness;
let records: TestOwner;

beforeAll(async () => {
  h = await startPrivacy({ EXPORT_PART_MAX_BYTES: '4096' });
  records = await startTestOwner(h, 'salon-records', ['client-profile', 'appointments']);
  await eventually(async () => (await as(h, user()).get('/data-map')).body.owners?.length === 2, 20_000, 'owner registered');
  // Silent from here on: requests stay open, so the internal routes can be driven by hand.
  await records.stop();
}, 60_000);

afterAll(async () => {
  await records?.dispose();
  await h?.dispose();
});

const count = async (table: string) => (await h.service.orm.em.fork().execute(`select count(*)::int as n from ${table}`))[0]?.n as number;

describe('the privacy API', () => {
  it('requires the signed caller context', async () => {
    expect((await request(h.server).get('/api/v1/privacy/requests')).status).toBe(401);
    const list = '/api/v1/privacy/requests';
    const caller = { userId: newId('usr'), realmRoles: [] };
    const forged = callerHeader(caller, 'GET', list, { service: 'gateway', signing: parseSigningKey(JSON.stringify(generateServiceKey(GATEWAY.signing.kid).privateJwk)) });
    expect((await request(h.server).get(list).set(CALLER_HEADER, forged)).status).toBe(401);
    // A data owner (here identity, with its own key) cannot vouch for a user; nor can a context made for tenant-data be replayed here.
    expect((await request(h.server).get(list).set(CALLER_HEADER, callerHeader(caller, 'GET', list, devServiceKeys('identity')))).status).toBe(401);
    const forTenantData = signService(GATEWAY, { audience: 'tenant-data', method: 'GET', path: list });
    expect((await request(h.server).get(list).set(CALLER_HEADER, forTenantData)).status).toBe(401);
    expect((await request(h.server).get(list).set(CALLER_HEADER, callerHeader(caller, 'GET', list))).status).toBe(200);
    expect((await request(h.server).post('/api/v1/privacy/requests').send({ type: 'access', subject: { kind: 'self' } })).status).toBe(401);
  });

  it('refuses hostile or malformed requests with problem+json and records nothing', async () => {
    const me = user();
    const api = as(h, me);
    const before = await count('requests');
    const bad: unknown[] = [
      {},
      [],
      { type: 'delete', subject: { kind: 'self' } },
      { type: 'access', subject: { kind: 'self' }, extra: 1 },
      { type: 'access', subject: { kind: 'user', userId: newId('usr') } },
      { type: 'access', subject: { kind: 'client', tenantId: 'ten_x', clientId: newId('cli') } },
      { type: 'access', subject: { kind: 'self' }, corrections: { email: 'a@b.nl' } },
      { type: 'rectification', subject: { kind: 'self' } },
      { type: 'rectification', subject: { kind: 'self' }, corrections: {} },
      { type: 'rectification', subject: { kind: 'self' }, corrections: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`f${i}`, 'x'])) },
      { type: 'rectification', subject: { kind: 'self' }, corrections: { email: 'x'.repeat(501) } },
      { type: 'rectification', subject: { kind: 'self' }, corrections: { email: 5 } },
      { type: 'rectification', subject: { kind: 'self' }, corrections: { 'bad field': 'x' } },
      { type: 'rectification', subject: { kind: 'self' }, corrections: { __proto__: 'x', ok: 'y\u0000' } },
    ];
    for (const body of bad) {
      const res = await api.post('/requests', body);
      expect([res.status, JSON.stringify(body)]).toEqual([400, JSON.stringify(body)]);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    const raw = (type: string, body: string) => request(h.server).post('/api/v1/privacy/requests').set(CALLER_HEADER, callerHeader(me, 'POST', '/api/v1/privacy/requests')).set('content-type', type).send(body);
    expect((await raw('application/json', '{"type": ')).status).toBe(400);
    expect((await raw('text/plain', 'access')).status).toBe(415);
    expect((await raw('application/json', JSON.stringify({ type: 'access', subject: { kind: 'self' }, pad: 'x'.repeat(40_000) }))).status).toBe(413);
    expect((await api.get('/requests?limit=1000')).status).toBe(400);
    expect((await api.get('/requests?cursor=bm9wZQ')).status).toBe(400);
    expect((await api.get('/requests/not-an-id')).status).toBe(404);
    expect((await api.get(`/requests/${newId('dsr')}`)).status).toBe(404);
    expect((await api.get(`/requests/${newId('dsr')}/export`)).status).toBe(404);
    expect((await api.post(`/requests/${newId('dsr')}/extension`, { reason: 'a good reason here', months: 1 })).status).toBe(404);
    expect(await count('requests')).toBe(before);
    expect(h.logLines.join('')).not.toContain('a@b.nl');
  });

  it('takes client requests only from an owner or admin of that institute', async () => {
    const tenantId = newId('ten');
    const subject = { kind: 'client', tenantId, clientId: newId('cli') };
    expect((await as(h, user()).post('/requests', { type: 'access', subject })).status).toBe(404);
    expect((await as(h, user({ tenantId: newId('ten'), role: 'owner' })).post('/requests', { type: 'access', subject })).status).toBe(404);
    const staff = await as(h, user({ tenantId, role: 'staff' })).post('/requests', { type: 'access', subject });
    expect(staff.status).toBe(403);
    const admin = user({ tenantId, role: 'admin' });
    const ok = await as(h, admin).post('/requests', { type: 'access', subject });
    expect(ok.status).toBe(202);
    const shown = await as(h, admin).get(`/requests/${ok.body.id}`);
    expect(shown.body).toMatchObject({ subject, status: 'received', owners: [{ owner: 'salon-records', status: 'pending', attempts: 1 }] });
    expect((await as(h, user({ tenantId, role: 'admin' })).get(`/requests/${ok.body.id}`)).status).toBe(404);
    expect((await as(h, user({ realmRoles: ['operator'] })).get(`/requests/${ok.body.id}`)).status).toBe(200);
  });

  it("lists the caller's own requests, newest first, page by page", async () => {
    const api = as(h, user());
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await api.post('/requests', { type: 'access', subject: { kind: 'self' } })).body.id);
    const first = await api.get('/requests?limit=2');
    expect(first.body.items.map((r: { id: string }) => r.id)).toEqual([ids[2], ids[1]]);
    const second = await api.get(`/requests?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ items: [{ id: ids[0] }], nextCursor: null });
  });

  it('serves the record of processing from every declaration, its own included', async () => {
    const map = (await as(h, user()).get('/data-map')).body;
    expect(map.owners.map((o: { owner: string }) => o.owner)).toEqual(['privacy', 'salon-records']);
    expect(map.owners[1]).toMatchObject({ controllerRole: 'processor', categories: [expect.objectContaining({ name: 'client-profile', purpose: expect.any(String), legalBasis: 'contract', retention: expect.any(Object), recipients: [], source: expect.any(String) }), expect.anything()] });
  });
});

describe('the internal export-part route', () => {
  const me = user();
  let accessId: string;
  let erasureId: string;
  const put = (id: string, owner: string, body: string, service = owner, type = 'application/x-ndjson') => {
    const path = `/internal/v1/privacy/requests/${id}/parts/${owner}`;
    return request(h.server).put(path).set(SERVICE_HEADER, signService(devServiceKeys(service), { audience: 'privacy', method: 'PUT', path })).set('content-type', type).send(body);
  };
  const line = (category: string, data: object) => JSON.stringify({ category, data }) + '\n';

  beforeAll(async () => {
    accessId = (await as(h, me).post('/requests', { type: 'access', subject: { kind: 'self' } })).body.id;
    erasureId = (await as(h, me).post('/requests', { type: 'erasure', subject: { kind: 'self' } })).body.id;
  });

  it('takes only the owner’s own part of an open access request it was commanded for', async () => {
    const good = line('client-profile', { name: 'A' });
    expect((await request(h.server).put(`/internal/v1/privacy/requests/${accessId}/parts/salon-records`).set('content-type', 'application/x-ndjson').send(good)).status).toBe(401);
    expect((await put(accessId, 'salon-records', good, 'ledger')).status).toBe(403);
    expect((await put(newId('dsr'), 'salon-records', good)).status).toBe(404);
    expect((await put(accessId, 'ledger', good)).status).toBe(404);
    expect((await put(accessId, 'Bad_Owner', good, 'salon-records')).status).toBe(404);
    expect((await put(accessId, 'Bad_Owner', good)).status).toBe(401);
    expect((await put(erasureId, 'salon-records', good)).status).toBe(409);
    expect((await put(accessId, 'salon-records', good, 'salon-records', 'application/json')).status).toBe(415);
    expect((await put(accessId, 'salon-records', good + 'not json\n')).status).toBe(400);
    expect((await put(accessId, 'salon-records', line('secret-stuff', { a: 1 }))).status).toBe(400);
    expect((await put(accessId, 'salon-records', JSON.stringify({ category: 'client-profile', data: [1] }) + '\n')).status).toBe(400);
    expect((await put(accessId, 'salon-records', JSON.stringify({ category: '../etc', data: {} }) + '\n')).status).toBe(400);
    expect((await put(accessId, 'salon-records', line('client-profile', { pad: 'x'.repeat(5000) }))).status).toBe(413);
    expect(await count('export_uploads')).toBe(0);
    expect(await count('export_chunks')).toBe(0);
  });

  it('replaces an earlier upload of the same part', async () => {
    const first = await put(accessId, 'salon-records', line('client-profile', { name: 'A' }) + line('appointments', { at: 1 }));
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ bytes: expect.any(Number), records: 2 });
    const second = await put(accessId, 'salon-records', line('client-profile', { name: 'B' }));
    expect(second.body.records).toBe(1);
    const rows = await h.service.orm.em.fork().execute('select records, completed_at from export_uploads where request_id = ?', [accessId]);
    expect(rows).toEqual([{ records: 1, completed_at: expect.anything() }]);
    expect(await count('export_chunks')).toBe(1);
  });

  it('refuses a part once its owner has answered, as final (409 export-part-final): the owner takes its command as done', async () => {
    const id = (await as(h, me).post('/requests', { type: 'access', subject: { kind: 'self' } })).body.id as string;
    const good = line('client-profile', { name: 'A' });
    expect((await put(id, 'salon-records', good)).status).toBe(200);
    await h.service.orm.em.fork().execute(`update request_tasks set status = 'completed' where request_id = ? and owner = 'salon-records'`, [id]);
    const again = await put(id, 'salon-records', good);
    expect([again.status, again.body.type]).toEqual([409, `https://docs.homi.nl/problems/${EXPORT_PART_FINAL}`]);
    // Not the only 409 of the route: an erasure's part is refused with the plain conflict type.
    expect((await put(erasureId, 'salon-records', good)).body.type).toBe('https://docs.homi.nl/problems/conflict');
  });

  it('hands corrections only to owners of a rectification request', async () => {
    const get = (id: string, service?: string) => {
      const path = `/internal/v1/privacy/requests/${id}/corrections`;
      const r = request(h.server).get(path);
      return service ? r.set(SERVICE_HEADER, signService(devServiceKeys(service), { audience: 'privacy', method: 'GET', path })) : r;
    };
    const rect = (await as(h, me).post('/requests', { type: 'rectification', subject: { kind: 'self' }, corrections: { email: 'new@example.nl' } })).body.id;
    expect((await get(rect)).status).toBe(401);
    expect((await get(rect, 'ledger')).status).toBe(404);
    expect((await get(accessId, 'salon-records')).status).toBe(404);
    const ok = await get(rect, 'salon-records');
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ corrections: { email: 'new@example.nl' } });
  });
});
