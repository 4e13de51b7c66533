import request from 'supertest';
import { CALLER_HEADER, newId } from '@homi/service-kit';
import { callerSent } from './support/caller';
import { membership } from './support/fakes';
import { startHarness, type Harness } from './support/harness';

describe('forwarding to tenant-data', () => {
  let h: Harness;
  let auth: string;
  const userId = newId('usr');
  const tenantId = newId('ten');
  const clients = `/api/v1/tenants/${tenantId}/clients`;
  const last = () => h.upstream.received[h.upstream.received.length - 1]!;

  beforeAll(async () => {
    h = await startHarness({ upstreamTimeoutMs: 500 });
    await h.putMembership(membership(userId, tenantId, { clients: 'edit', agenda: 'view' }, 'admin'));
    auth = `Bearer ${await h.issuer.token(userId)}`;
  });
  afterAll(() => h.stop());
  afterEach(() => h.upstream.respondWith(undefined));

  it('forwards method, path, query and a JSON body with only the allowed headers', async () => {
    const res = await request(h.url)
      .post(`${clients}?dryRun=1&x=a%20b`)
      .set('authorization', auth)
      .set('cookie', 'session=secret-cookie')
      .set('x-homi-caller', 'forged.caller')
      .set('x-homi-tenant', 'ten_forged000000')
      .set('x-forwarded-for', '10.9.8.7')
      .set('x-custom', 'nope')
      .set('accept', 'application/json')
      .set('traceparent', '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01')
      .set('x-request-id', 'client-request-0001')
      .send({ name: 'Marieke', email: 'm@example.com' });
    expect(res.status).toBe(200);
    const got = last();
    expect(got.method).toBe('POST');
    expect(got.url).toBe(`${clients}?dryRun=1&x=a%20b`);
    expect(JSON.parse(got.body)).toEqual({ name: 'Marieke', email: 'm@example.com' });
    expect(got.headers['content-type']).toMatch(/^application\/json/);
    expect(Number(got.headers['content-length'])).toBe(Buffer.byteLength(got.body));
    expect(got.headers.accept).toBe('application/json');
    expect(got.headers.traceparent).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    expect(got.headers['x-request-id']).toBe('client-request-0001');
    for (const absent of ['authorization', 'cookie', 'x-homi-tenant', 'x-forwarded-for', 'x-custom']) {
      expect([absent, got.headers[absent]]).toEqual([absent, undefined]);
    }
    expect(got.headers[CALLER_HEADER]).not.toBe('forged.caller');
    expect(Object.keys(got.headers).filter((k) => k.startsWith('x-homi-'))).toEqual([CALLER_HEADER]);
  });

  it('sends a signed caller context that tenant-data can verify', async () => {
    await request(h.url).get(clients).set('authorization', auth).set('x-request-id', 'client-request-0002');
    const caller = await callerSent(last(), 'tenant-data');
    expect(caller).toMatchObject({
      userId,
      tenantId,
      role: 'admin',
      permissions: expect.objectContaining({ clients: 'edit', agenda: 'view', settings: 'none' }),
      requestId: 'client-request-0002',
    });
    // Bound to tenant-data and this request: identity refuses it (ADR 38).
    await expect(callerSent(last(), 'identity')).rejects.toThrow(/aud does not match/);
  });

  it('makes a request id when the client sends none and forwards it', async () => {
    const res = await request(h.url).get(clients).set('authorization', auth);
    expect(res.headers['x-request-id']).toMatch(/^req_/);
    expect(last().headers['x-request-id']).toBe(res.headers['x-request-id']);
  });

  it('passes the upstream status, content type, location and body back, and nothing else', async () => {
    h.upstream.respondWith((_req, res) => {
      res.writeHead(201, { 'content-type': 'application/json; charset=utf-8', location: `${clients}/cli_0000000000abcdef`, 'x-internal': 'secret', 'set-cookie': 'a=b' });
      res.end(JSON.stringify({ id: 'cli_0000000000abcdef' }));
    });
    const res = await request(h.url).post(clients).set('authorization', auth).send({ name: 'X' });
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers.location).toBe(`${clients}/cli_0000000000abcdef`);
    expect(res.headers['x-internal']).toBeUndefined();
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({ id: 'cli_0000000000abcdef' });
  });

  it('passes upstream problems through unchanged', async () => {
    h.upstream.respondWith((_req, res) => {
      res.writeHead(409, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ type: 'x/conflict', status: 409 }));
    });
    const res = await request(h.url).delete(`${clients}/${newId('cli')}`).set('authorization', auth);
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.body).toEqual({ type: 'x/conflict', status: 409 });
  });

  it('streams a large response through intact', async () => {
    const big = 'x'.repeat(2 * 1024 * 1024);
    h.upstream.respondWith((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(big));
    const res = await request(h.url).get(clients).set('authorization', auth);
    expect(res.status).toBe(200);
    expect(res.text.length).toBe(big.length);
  });

  it('refuses a body over 64 kB with 413 and a non-JSON body with 415, before forwarding', async () => {
    const before = h.upstream.received.length;
    const big = await request(h.url).post(clients).set('authorization', auth).send({ notes: 'x'.repeat(65 * 1024) });
    expect(big.status).toBe(413);
    expect(big.headers['content-type']).toMatch(/application\/problem\+json/);
    const form = await request(h.url).post(clients).set('authorization', auth).type('form').send('name=x');
    expect(form.status).toBe(415);
    const text = await request(h.url).patch(`${clients}/${newId('cli')}`).set('authorization', auth).set('content-type', 'text/plain').send('hello');
    expect(text.status).toBe(415);
    const broken = await request(h.url).post(clients).set('authorization', auth).set('content-type', 'application/json').send('{"name":');
    expect(broken.status).toBe(400);
    expect(h.upstream.received.length).toBe(before);
  });

  it('answers 503 upstream-timeout when tenant-data does not answer in time', async () => {
    h.upstream.respondWith(() => undefined);
    const res = await request(h.url).get(clients).set('authorization', auth);
    expect(res.status).toBe(503);
    expect(res.body.type).toMatch(/\/upstream-timeout$/);
  });

  it('keeps query strings, bodies and tokens out of the log', async () => {
    await request(h.url).get(`${clients}?q=Jansen-Bakker`).set('authorization', auth);
    await request(h.url).post(clients).set('authorization', auth).send({ name: 'Pietersen-Smit' });
    const log = h.logLines.join('');
    expect(log).toContain(`"route":"/api/v1/tenants/:param/clients"`);
    expect(log).not.toContain('Jansen');
    expect(log).not.toContain('Pietersen');
    expect(log).not.toContain(auth.slice(7, 40));
  });

  it('answers 503 upstream-unavailable when tenant-data cannot be reached', async () => {
    await h.upstream.close();
    const res = await request(h.url).get(clients).set('authorization', auth);
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.type).toMatch(/\/upstream-unavailable$/);
  });
});
