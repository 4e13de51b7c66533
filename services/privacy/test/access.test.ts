import { Client } from 'pg';
import { OwnerResultReported, RequestCommanded, RequestCompleted } from '@homi/contracts';
import { verifyAuditChains } from '../src/infrastructure/audit-trail';
import { messagesOn } from './events';
import { as, DAY, eventually, user, type Harness } from './harness';
import { startWithTwoOwners, type TestOwner } from './owners';
import { parseCsv, startedAroundAll, unzip } from '@homi/testing';

let h: Harness;
let records: TestOwner;
let ledger: TestOwner;

startedAroundAll(() => startWithTwoOwners(), (started) => ({ h, records, ledger } = started));

const binary = (res: import('superagent').Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

async function completed(api: ReturnType<typeof as>, id: string) {
  return eventually(async () => {
    const res = await api.get(`/requests/${id}`);
    return res.body.status === 'completed' ? res.body : undefined;
  }, 20_000, `request ${id} completed`);
}

describe('an access request', () => {
  const me = user();
  let api: ReturnType<typeof as>;
  beforeAll(() => {
    api = as(h, me);
  });

  it('is answered by every owner and packaged as a zip only its requester can download', async () => {
    const subject = { kind: 'user' as const, userId: me.userId };
    await records.seed(subject, 'client-profile', { name: 'Anna de Vries', email: 'anna@example.nl', note: '=HYPERLINK("evil")', address: { city: 'Utrecht' } });
    await records.seed(subject, 'appointments', { treatment: 'Pedicure, "deluxe"', startsAt: '2026-01-05T10:00:00Z' });
    await records.seed(subject, 'appointments', { treatment: 'Manicure', startsAt: '2026-02-05T10:00:00Z', room: 2 });
    await ledger.seed(subject, 'invoices', { number: 'F-2026-001', amount: 45.5 });
    await records.seed({ kind: 'user', userId: user().userId }, 'client-profile', { name: 'Someone Else' });

    const created = await api.post('/requests', { type: 'access', subject: { kind: 'self' } });
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({ id: expect.stringMatching(/^dsr_/), status: 'received' });
    const id = created.body.id as string;
    const body = await completed(api, id);
    expect(new Date(body.dueAt).getTime() - new Date(body.receivedAt).getTime()).toBe(28 * DAY);
    expect(body.owners.map((o: { owner: string; status: string; attempts: number }) => [o.owner, o.status, o.attempts])).toEqual([
      ['ledger', 'completed', 1],
      ['salon-records', 'completed', 1],
    ]);
    expect(body.export.available).toBe(true);
    expect(new Date(body.export.expiresAt).getTime() - new Date(body.completedAt).getTime()).toBe(7 * DAY);
    expect(body.report).toEqual(expect.arrayContaining([{ owner: 'salon-records', category: 'appointments', action: 'exported', records: 2, reason: null, retainedUntil: null }]));

    const download = await api.get(`/requests/${id}/export`).buffer(true).parse(binary);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/zip');
    const files = unzip(download.body as Buffer);
    expect([...files.keys()].sort()).toEqual([
      'README.txt',
      'information.json',
      'ledger/invoices.csv',
      'ledger/invoices.json',
      'privacy/privacy-requests.csv',
      'privacy/privacy-requests.json',
      'salon-records/appointments.csv',
      'salon-records/appointments.json',
      'salon-records/client-profile.csv',
      'salon-records/client-profile.json',
    ]);
    const json = (name: string) => JSON.parse(files.get(name)!.toString('utf8'));
    expect(json('salon-records/client-profile.json')).toEqual([{ name: 'Anna de Vries', email: 'anna@example.nl', note: '=HYPERLINK("evil")', address: { city: 'Utrecht' } }]);
    expect(json('salon-records/appointments.json')).toHaveLength(2);
    expect(json('ledger/invoices.json')).toEqual([{ number: 'F-2026-001', amount: 45.5 }]);
    expect(json('privacy/privacy-requests.json')).toEqual([expect.objectContaining({ id, type: 'access', status: 'completed' })]);

    // Column order is the owner's (its jsonb sorts keys); rows are records, nested values JSON.
    const rows = (name: string) => {
      const [header, ...data] = parseCsv(files.get(name)!.toString('utf8'));
      return data.map((r) => Object.fromEntries(header!.map((k, i) => [k, r[i]])));
    };
    expect(rows('salon-records/appointments.csv')).toEqual([
      { treatment: 'Pedicure, "deluxe"', startsAt: '2026-01-05T10:00:00Z', room: '' },
      { treatment: 'Manicure', startsAt: '2026-02-05T10:00:00Z', room: '2' },
    ]);
    expect(rows('salon-records/client-profile.csv')).toEqual([
      { name: 'Anna de Vries', email: 'anna@example.nl', note: `'=HYPERLINK("evil")`, address: '{"city":"Utrecht"}' },
    ]);
    expect(files.get('salon-records/client-profile.csv')!.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));

    const info = json('information.json');
    const invoices = info.owners.find((o: { owner: string }) => o.owner === 'ledger').categories.find((c: { category: string }) => c.category === 'invoices');
    expect(invoices).toMatchObject({ records: 1, legalBasis: 'legal_obligation', retention: { period: 'P7Y' }, recipients: ['Belastingdienst'], purpose: expect.any(String), source: expect.any(String) });
    expect(info.rights.map((r: { right: string }) => r.right)).toEqual(expect.arrayContaining(['access', 'rectification', 'erasure', 'portability', 'objection', 'complaint']));
    const readme = files.get('README.txt')!.toString('utf8');
    expect(readme).toContain('Autoriteit Persoonsgegevens');
    expect(readme).toContain('legal basis: legal_obligation');
    expect(files.get('salon-records/client-profile.json')!.toString()).not.toContain('Someone Else');

    const stranger = as(h, user());
    expect((await stranger.get(`/requests/${id}`)).status).toBe(404);
    expect((await stranger.get(`/requests/${id}/export`)).status).toBe(404);
    expect((await as(h, user({ realmRoles: ['operator'] })).get(`/requests/${id}/export`)).status).toBe(404);
    const mine = await api.get('/requests');
    expect(mine.body.items.map((r: { id: string }) => r.id)).toEqual([id]);
    expect((await stranger.get('/requests')).body.items).toEqual([]);
  });

  it('moves a large part through chunks of at most 256 kB and back out intact', async () => {
    const big = user();
    await records.orm.em.fork().execute(
      `insert into records (subject, category, data)
         select ?, 'appointments', jsonb_build_object('n', g, 'text', repeat('x', 1000)) from generate_series(1, 6000) g`,
      [`user:${big.userId}`],
    );
    const bigApi = as(h, big);
    const id = (await bigApi.post('/requests', { type: 'access', subject: { kind: 'self' } })).body.id as string;
    const body = await completed(bigApi, id);
    expect(body.owners.find((o: { owner: string }) => o.owner === 'salon-records').exportBytes).toBeGreaterThan(6_000_000);
    const chunks = await h.service.orm.em.fork().execute<{ n: number; largest: number }[]>(
      'select count(*)::int as n, max(length(c.data))::int as largest from export_chunks c join export_uploads u on u.id = c.upload_id where u.request_id = ?',
      [id],
    );
    expect(chunks[0]!.n).toBeGreaterThan(20);
    expect(chunks[0]!.largest).toBeLessThanOrEqual(256 * 1024);
    const files = unzip((await bigApi.get(`/requests/${id}/export`).buffer(true).parse(binary)).body as Buffer);
    const appointments = JSON.parse(files.get('salon-records/appointments.json')!.toString('utf8')) as { n: number }[];
    expect(appointments.map((a) => a.n)).toEqual(Array.from({ length: 6000 }, (_, i) => i + 1));
    expect(parseCsv(files.get('salon-records/appointments.csv')!.toString('utf8'))).toHaveLength(6001);
  }, 60_000);

  it("ends a subject's earlier access packages as soon as erasure is asked, and drops their stored parts", async () => {
    const someone = user();
    const mine = as(h, someone);
    await records.seed({ kind: 'user', userId: someone.userId }, 'client-profile', { name: 'Erase Me' });
    const access = (await mine.post('/requests', { type: 'access', subject: { kind: 'self' } })).body.id as string;
    await completed(mine, access);
    expect((await mine.get(`/requests/${access}/export`)).status).toBe(200);
    expect((await mine.post('/requests', { type: 'erasure', subject: { kind: 'self' } })).status).toBe(202);
    expect((await mine.get(`/requests/${access}/export`)).status).toBe(410);
    const parts = await h.service.orm.em.fork().execute<{ n: number }[]>('select count(*)::int as n from export_uploads where request_id = ?', [access]);
    expect(parts[0]?.n).toBe(0);
  });

  it('keeps personal data out of logs and events, and its audit trail chains', async () => {
    const logs = h.logLines.join('');
    expect(logs).not.toMatch(/Anna|anna@example|HYPERLINK|F-2026/);
    const onBus = [RequestCommanded.subject, OwnerResultReported.filter, RequestCompleted.subject];
    for (const subject of onBus) {
      const messages = await messagesOn(h.js, subject, () => true);
      expect(messages.length).toBeGreaterThan(0);
      expect(JSON.stringify(messages)).not.toMatch(/Anna|anna@example|HYPERLINK|F-2026/);
    }
    const verification = await verifyAuditChains(h.service.orm.em.fork());
    expect(verification).toMatchObject({ ok: true });
    expect(verification.rows).toBeGreaterThan(5);
  });

  it('answers 409 while owners are still at work', async () => {
    let release = () => {};
    ledger.gate = new Promise<void>((r) => (release = r));
    const res = await api.post('/requests', { type: 'access', subject: { kind: 'self' } });
    const id = res.body.id as string;
    await eventually(async () => (await api.get(`/requests/${id}`)).body.owners?.some((o: { status: string }) => o.status === 'completed'));
    expect((await api.get(`/requests/${id}/export`)).status).toBe(409);
    const body = (await api.get(`/requests/${id}`)).body;
    expect(body.status).toBe('in_progress');
    expect(body.export).toEqual({ available: false, expiresAt: null });
    release();
    ledger.gate = undefined;
    await completed(api, id);
  });

  it('detects a tampered audit row and names it', async () => {
    const res = await api.post('/requests', { type: 'access', subject: { kind: 'self' } });
    const id = res.body.id as string;
    await completed(api, id);
    const em = h.service.orm.em.fork();
    expect(await verifyAuditChains(em, id)).toMatchObject({ ok: true });
    const db = new Client({ connectionString: h.databaseUrl });
    await db.connect();
    try {
      await expect(db.query(`update audit_events set actor = 'someone' where request_id = $1 and seq = 2`, [id])).rejects.toThrow(/append-only/);
      await expect(db.query(`delete from audit_events where request_id = $1`, [id])).rejects.toThrow(/append-only/);
      await db.query('alter table audit_events disable trigger audit_events_no_update_delete');
      await db.query(`update audit_events set details = details || '{"owners": []}' where request_id = $1 and seq = 2`, [id]);
      await db.query('alter table audit_events enable trigger audit_events_no_update_delete');
    } finally {
      await db.end();
    }
    expect(await verifyAuditChains(em, id)).toMatchObject({ ok: false, broken: { requestId: id, seq: 2, problem: 'hash' } });
    expect(await verifyAuditChains(em)).toMatchObject({ ok: false, broken: { requestId: id, seq: 2 } });
  });

  it('lets the package expire after seven days and then deletes it', async () => {
    const res = await api.post('/requests', { type: 'access', subject: { kind: 'self' } });
    const id = res.body.id as string;
    await completed(api, id);
    h.clock.advance(7 * DAY - 60_000);
    expect((await api.get(`/requests/${id}/export`).buffer(true).parse(binary)).status).toBe(200);
    h.clock.advance(2 * 60_000);
    const gone = await api.get(`/requests/${id}/export`);
    expect(gone.status).toBe(410);
    expect(gone.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await api.get(`/requests/${id}`)).body.export.available).toBe(false);
    const runs = await h.service.housekeeping.retention.runOnce();
    expect(runs.find((r) => r.category === 'access-packages')?.purged).toBeGreaterThanOrEqual(1);
    const parts = await h.service.orm.em.fork().execute('select count(*)::int as n from export_uploads where request_id = ?', [id]);
    expect(parts[0]?.n).toBe(0);
    expect((await api.get(`/requests/${id}/export`)).status).toBe(410);
  });
});
