import http from 'node:http';
import request from 'supertest';
import { CALLER_HEADER, newId } from '@homi/service-kit';
import { startHarness, type Harness } from './support/harness';

// RFC 8058 one-click (ADR 53): a mailbox provider posts `List-Unsubscribe=One-Click` form-encoded to
// the URL in an appointment mail's List-Unsubscribe header. The gateway takes that one form, without
// a token, and hands it to tenant-data as JSON; a GET of the URL goes on to the web page.
describe('one-click unsubscribe through the gateway', () => {
  let h: Harness;
  const code = `${newId('ten')}.${newId('cli')}.${'Ab0-_'.repeat(8)}abc`;
  const path = `/api/v1/reminder-unsubscribes/${code}`;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  it('forwards the form as JSON, with no caller, to the same path', async () => {
    const before = h.upstream.received.length;
    const res = await request(h.url).post(path).type('form').send('List-Unsubscribe=One-Click');
    expect(res.status).toBe(200);
    expect(h.upstream.received.length).toBe(before + 1);
    const got = h.upstream.received.at(-1)!;
    expect([got.method, got.url, got.headers['content-type'], JSON.parse(got.body)]).toEqual(['POST', path, 'application/json', { 'List-Unsubscribe': 'One-Click' }]);
    expect(got.headers[CALLER_HEADER]).toBeUndefined();
  });

  it('hands on what the form says, for tenant-data to judge; an empty post as an empty form', async () => {
    await request(h.url).post(path).type('form').send('List-Unsubscribe=Maybe&more=1');
    expect(JSON.parse(h.upstream.received.at(-1)!.body)).toEqual({ 'List-Unsubscribe': 'Maybe', more: '1' });
    await request(h.url).post(path);
    expect(JSON.parse(h.upstream.received.at(-1)!.body)).toEqual({});
  });

  it('refuses another media type with 415 and a form over 1 kB with 413, forwarding nothing', async () => {
    const before = h.upstream.received.length;
    for (const [type, body] of [['application/json', '{"List-Unsubscribe":"One-Click"}'], ['text/plain', 'List-Unsubscribe=One-Click']] as const) {
      const res = await request(h.url).post(path).set('content-type', type).send(body);
      expect([res.status, res.headers['content-type']]).toEqual([415, expect.stringMatching(/application\/problem\+json/)]);
    }
    const large = await request(h.url).post(path).type('form').send(`List-Unsubscribe=One-Click&pad=${'x'.repeat(2000)}`);
    expect(large.status).toBe(413);
    // Chunked, no length announced: counted as it arrives.
    const { hostname, port } = new URL(h.url);
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = http.request({ hostname, port, path, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 4; i++) req.write(`pad${i}=${'y'.repeat(400)}&`);
      req.end('List-Unsubscribe=One-Click');
    });
    expect(chunked).toBe(413);
    expect(h.upstream.received.length).toBe(before);
  });

  it('answers 404 for a code of the wrong shape, in a POST or a GET, forwarding nothing', async () => {
    const before = h.upstream.received.length;
    for (const bad of ['short', '%2e%2e', 'a'.repeat(401), `${code}%2Fx`, `${code}%20`]) {
      const posted = await request(h.url).post(`/api/v1/reminder-unsubscribes/${bad}`).type('form').send('List-Unsubscribe=One-Click');
      expect([posted.status, posted.headers['content-type']]).toEqual([404, expect.stringMatching(/application\/problem\+json/)]);
      expect((await request(h.url).get(`/api/v1/reminder-unsubscribes/${bad}`)).status).toBe(404);
    }
    expect(h.upstream.received.length).toBe(before);
  });

  it('sends a GET (a mail client opening the URL) on to the web page, changing nothing', async () => {
    const before = h.upstream.received.length;
    const res = await request(h.url).get(path).redirects(0);
    expect([res.status, res.headers.location, res.headers['cache-control']]).toEqual([303, `/afmelden#token=${code}`, 'no-store']);
    expect(h.upstream.received.length).toBe(before);
  });
});
