import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Client as Pg } from 'pg';
import { ClientCreated } from '@homi/contracts';
import { CALLER_HEADER } from '@homi/service-kit';
import { as, owner, staff, startTenantData, type Caller, type Harness } from './harness';
import { clientFile } from '@homi/testing';

v8.setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

let h: Harness;
let pg: Pg;
beforeAll(async () => {
  h = await startTenantData();
  pg = new Pg({ connectionString: h.databaseUrl });
  await pg.connect();
});
afterAll(async () => {
  await pg?.end();
  await h?.stop();
});

const count = async (sql: string, params: unknown[]) => Number((await pg.query(sql, params)).rows[0].n);
/** Counted as the tenant, through row-level security like the service (the test's login sees no tenant's rows). */
const tenantCount = (table: string, tenantId: string) =>
  h.scope.run(tenantId, async (em) => Number((await em.execute<{ n: number }[]>(`select count(*)::int as n from ${table}`))[0]!.n));
const clientsOf = (tenantId: string) => tenantCount('clients', tenantId);
const createdEventsOf = (tenantId: string) =>
  count(`select count(*)::int as n from outbox where subject = $1 and payload->>'tenantId' = $2`, [ClientCreated.subject, tenantId]);
const importsOf = (tenantId: string) => tenantCount('client_imports', tenantId);

/** POSTs `body` as a client file (text/csv unless told) as `caller`. */
function upload(caller: Caller, body: string | Buffer, options: { dryRun?: boolean; contentType?: string } = {}) {
  const api = as(h, caller);
  const path = `/client-imports${options.dryRun ? '?dryRun=true' : ''}`;
  return api.raw().post(api.base + path).set(CALLER_HEADER, api.header('POST', api.base + path))
    .set('content-type', options.contentType ?? 'text/csv').send(body);
}

describe('client file import', () => {
  // Measured: +6 MB live with a flush per batch of 500; +46 MB without (every client and event in the identity map).
  const BOUND_MB = 20;
  it('dry-runs a 10,000-row file with 3 % bad rows, imports it in bounded memory, and a rerun changes nothing', async () => {
    const caller = owner();
    const file = clientFile(10_000);
    expect(file.bad).toHaveLength(300);

    const dry = await upload(caller, file.csv, { dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ id: null, dryRun: true, counts: { rows: 10_000, imported: 9_700, alreadyPresent: 0, invalid: 300 } });
    expect(dry.body.problems).toEqual(file.bad);
    expect(await clientsOf(caller.tenantId)).toBe(0);
    expect(await importsOf(caller.tenantId)).toBe(0);

    // The live heap, collected before each sample: what the import holds, not garbage not yet collected.
    const live = () => {
      collectGarbage();
      return process.memoryUsage().heapUsed;
    };
    let peak = 0;
    const base = live();
    const sampler = setInterval(() => (peak = Math.max(peak, live() - base)), 1000);
    const started = Date.now();
    const imported = await upload(caller, file.csv);
    clearInterval(sampler);
    expect(imported.status).toBe(201);
    expect(imported.body.id).toMatch(/^imp_/);
    expect(imported.headers.location).toMatch(new RegExp(`/client-imports/${imported.body.id}$`));
    expect(imported.body.counts).toEqual({ rows: 10_000, imported: 9_700, alreadyPresent: 0, invalid: 300 });
    expect(imported.body.problems).toEqual(file.bad);
    expect(await clientsOf(caller.tenantId)).toBe(9_700);
    expect(await createdEventsOf(caller.tenantId)).toBe(9_700);
    // A batch of 500 in memory, not 10,000 clients and their events in the ORM's identity map.
    expect(peak).toBeLessThan(BOUND_MB * 1024 * 1024);
    process.stdout.write(`imported 10,000 rows in ${Date.now() - started} ms, heap peak +${Math.round(peak / 1024 / 1024)} MB\n`);

    const again = await upload(caller, file.csv);
    expect(again.status).toBe(201);
    expect(again.body.counts).toEqual({ rows: 10_000, imported: 0, alreadyPresent: 9_700, invalid: 300 });
    expect(await clientsOf(caller.tenantId)).toBe(9_700);
    expect(await createdEventsOf(caller.tenantId)).toBe(9_700);

    const read = await as(h, caller).get(`/client-imports/${imported.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(imported.body);
    // The record names rows and reasons, never what the file said.
    const stored = JSON.stringify(await h.scope.run(caller.tenantId, (em) => em.execute('select * from client_imports where id = ?', [imported.body.id])));
    expect(stored).not.toMatch(/example\.nl|Jansen|Hoofdstraat/);
  }, 120_000);

  it('reads English headers, commas, ISO dates, quoted cells and a file without BOM; an address is split into its parts', async () => {
    const caller = owner();
    const csv = [
      'First name,Last name,Email,Phone,Date of birth,Address,Zip code,City,Notes,Favourite colour',
      'Anna,de Vries,ANNA@example.nl,06 1234 5678,1980-12-31,Hoofdstraat 12a,1234 ab,Utrecht,"likes tea, no sugar',
      'second line"',
      ',,,,,,,,,',
      'Bram,,bram@example.nl,,31/02/1990,,,,,',
      'Cees,Bakker,not-an-email,,,Nowhere,,,,',
    ].join('\r\n');
    const res = await upload(caller, csv);
    expect(res.status).toBe(201);
    expect(res.body.counts).toEqual({ rows: 3, imported: 1, alreadyPresent: 0, invalid: 2 });
    expect(res.body.ignoredColumns).toEqual(['Favourite colour']);
    expect(res.body.problems).toEqual([
      { row: 4, reasons: ['invalid-date'] },
      { row: 5, reasons: ['invalid-address', 'invalid-email'] },
    ]);
    const list = await as(h, caller).get('/clients');
    expect(list.body.items).toEqual([expect.objectContaining({
      name: 'Anna de Vries', email: 'anna@example.nl', phone: '0612345678', dateOfBirth: '1980-12-31',
      address: { street: 'Hoofdstraat', houseNumber: '12a', postcode: '1234 AB', city: 'Utrecht', country: 'NL' },
      hasNotes: true,
    })]);
    // The notes' text is read with the client's notes (ADR 64).
    expect((await as(h, caller).get(`/clients/${list.body.items[0].id}/notes`)).body.general).toBe('likes tea, no sugar\nsecond line');
  });

  it('takes a client the institute already has by e-mail as present, not as a second client', async () => {
    const caller = owner();
    expect((await as(h, caller).post('/clients', { name: 'Anna', email: 'anna@example.nl' })).status).toBe(201);
    const res = await upload(caller, 'Naam;E-mail\nAnna de Vries;Anna@Example.nl\nBram;bram@example.nl\n');
    expect(res.body.counts).toEqual({ rows: 2, imported: 1, alreadyPresent: 1, invalid: 0 });
    expect(await clientsOf(caller.tenantId)).toBe(2);
  });

  it.each([
    ['not CSV but binary', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0xfe]), 'text/csv', 400, 'not-csv'],
    ['an unclosed quote', 'Naam;E-mail\n"Anna;anna@example.nl\n', 'text/csv', 400, 'not-csv'],
    ['empty', '', 'text/csv', 400, 'empty-file'],
    ['only a header', 'Naam;E-mail\n', 'text/csv', 400, 'empty-file'],
    ['missing the name columns', 'E-mail;Telefoon\nanna@example.nl;0612345678\n', 'text/csv', 400, 'missing-columns'],
    ['JSON', JSON.stringify({ name: 'Anna' }), 'application/json', 415, 'unsupported-media-type'],
    ['a spreadsheet', 'Naam\nAnna\n', 'application/vnd.ms-excel', 415, 'unsupported-media-type'],
    ['in Latin-1', 'Naam\nAnna\n', 'text/csv; charset=iso-8859-1', 415, 'unsupported-media-type'],
  ])('refuses a file that is %s with a problem and changes nothing', async (_what, body, contentType, status, type) => {
    const caller = owner();
    const res = await upload(caller, body, { contentType });
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.type).toMatch(new RegExp(`${type}$`));
    expect(await clientsOf(caller.tenantId)).toBe(0);
    expect(await importsOf(caller.tenantId)).toBe(0);
  });

  it('refuses a file over 20 MB with 413 and imports none of it, also when the rows before the limit were good', async () => {
    const caller = owner();
    const row = 'Anna Jansen;anna@example.nl;opmerking ' + 'x'.repeat(200) + '\n';
    const csv = 'Naam;E-mail;Notities\n' + row.repeat(Math.ceil((21 * 1024 * 1024) / row.length));
    const res = await upload(caller, csv);
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(await clientsOf(caller.tenantId)).toBe(0);
  }, 60_000);

  it('leaves no client behind when the file breaks off into no CSV after good rows', async () => {
    const caller = owner();
    const good = Array.from({ length: 1200 }, (_, i) => `Klant ${i};k${i}@example.nl`).join('\n');
    const res = await upload(caller, `Naam;E-mail\n${good}\n"never closed;x\n`);
    expect(res.status).toBe(400);
    expect(res.body.type).toMatch(/not-csv$/);
    expect(await clientsOf(caller.tenantId)).toBe(0);
    expect(await createdEventsOf(caller.tenantId)).toBe(0);
  });

  it('needs clients:edit to import and clients:view to read, and hides another tenant\'s import', async () => {
    const caller = owner();
    const done = await upload(caller, 'Naam\nAnna\n');
    expect(done.status).toBe(201);
    const viewer = staff(caller.tenantId, { clients: 'view' });
    expect((await upload(viewer, 'Naam\nBram\n')).status).toBe(403);
    expect((await upload(viewer, 'Naam\nBram\n', { dryRun: true })).status).toBe(403);
    expect((await as(h, viewer).get(`/client-imports/${done.body.id}`)).status).toBe(200);
    expect((await as(h, staff(caller.tenantId, { agenda: 'edit' })).get(`/client-imports/${done.body.id}`)).status).toBe(403);
    expect(await clientsOf(caller.tenantId)).toBe(1);
    const other = owner();
    expect((await as(h, other).get(`/client-imports/${done.body.id}`)).status).toBe(404);
    expect((await as(h, other).get('/client-imports/imp_doesnotexist00')).status).toBe(404);
  });
});
