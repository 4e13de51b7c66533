import http from 'node:http';
import request from 'supertest';
import { newId } from '@homi/service-kit';
import { membership } from './support/fakes';
import { startHarness, type Harness } from './support/harness';

// The one route whose body is a file: streamed through to tenant-data as sent, judged by media type
// and size here too (ADR 49).
describe('a client file through the gateway', () => {
  let h: Harness;
  let auth: string;
  const userId = newId('usr');
  const tenantId = newId('ten');
  const imports = `/api/v1/tenants/${tenantId}/client-imports`;

  beforeAll(async () => {
    h = await startHarness();
    await h.putMembership(membership(userId, tenantId, { clients: 'edit' }, 'admin'));
    auth = `Bearer ${await h.issuer.token(userId)}`;
  });
  afterAll(() => h.stop());

  it('passes the CSV through byte for byte, with its media type and the dry-run query', async () => {
    const csv = '\uFEFFNaam;E-mail\nAnna;anna@example.nl\n';
    const before = h.upstream.received.length;
    const res = await request(h.url).post(`${imports}?dryRun=true`).set('authorization', auth).set('content-type', 'text/csv; charset=utf-8').send(csv);
    expect(res.status).toBe(200);
    const got = h.upstream.received.at(-1)!;
    expect(h.upstream.received.length).toBe(before + 1);
    expect([got.url, got.headers['content-type'], got.body]).toEqual([`${imports}?dryRun=true`, 'text/csv; charset=utf-8', csv]);
  });

  it('refuses JSON or a spreadsheet with 415 and forwards nothing', async () => {
    const before = h.upstream.received.length;
    for (const [type, body] of [['application/json', '{"name":"Anna"}'], ['application/vnd.ms-excel', 'Naam\nAnna\n']] as const) {
      const res = await request(h.url).post(imports).set('authorization', auth).set('content-type', type).send(body);
      expect([res.status, res.headers['content-type']]).toEqual([415, expect.stringMatching(/application\/problem\+json/)]);
    }
    expect(h.upstream.received.length).toBe(before);
  });

  it('answers 413 for a file over 20 MB, announced or only counted as it streams', async () => {
    const announced = await request(h.url).post(imports).set('authorization', auth).set('content-type', 'text/csv').set('content-length', String(21 * 1024 * 1024)).send('Naam\n');
    expect(announced.status).toBe(413);
    // Chunked, no length: the gateway counts and stops forwarding at the limit.
    const { hostname, port } = new URL(h.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({ hostname, port, path: imports, method: 'POST', headers: { authorization: auth, 'content-type': 'text/csv' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(1024 * 1024, 'a');
      let sent = 0;
      const more = () => {
        while (sent < 22) {
          sent++;
          if (!req.write(chunk)) return void req.once('drain', more);
        }
        req.end();
      };
      more();
    });
    expect(status).toBe(413);
  });
});
