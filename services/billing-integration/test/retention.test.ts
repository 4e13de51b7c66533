import { Writable } from 'node:stream';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { jetstream } from '@nats-io/jetstream';
import { PRIVACY_STREAM, RetentionPurged } from '@homi/contracts';
import { connectNats, messagingEntities } from '@homi/messaging';
import { runRetention, type CategoryRun } from '@homi/privacy-kit';
import { createLogger, createOrm, enterAllTenants, newId } from '@homi/service-kit';
import { billingDataOwner, declaration } from '../src/privacy';
import { retentionPolicies } from '../src/retention';
import { billingEntities } from '../src/infrastructure/schema';
import { connectedTenant, eventually, haircut, settled, startHarness, type Harness } from './harness';

// Moves the service's clock to the end of the fiscal retention (P7Y from the invoice date): exactly
// the expired invoice copies go, restricted or not and in every tenant, with the mappings of removed
// clients they kept alive; a second run, or two replicas at once, change and report nothing more.
const silent = createLogger({ service: 'test', level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
const today = new Date().toISOString().slice(0, 10);
const yearsAfterToday = (years: number, days = 0) => {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + years, m - 1, d + days, 12));
};

let h: Harness;
let replica: MikroORM;
beforeAll(async () => {
  h = await startHarness();
  // A second replica: its own pool on the same database.
  replica = await createOrm({ clientUrl: h.databaseUrl, entities: [...billingEntities, ...messagingEntities], migrations: [] });
});
afterAll(async () => {
  await replica?.close();
  await h?.stop();
});

/** Test fixtures and checks see every tenant's rows, as the service's cross-tenant jobs do. */
const allTenants = <T>(work: (em: EntityManager) => Promise<T>) =>
  h.billing.orm.em.fork().transactional(async (em) => {
    await enterAllTenants(em);
    return work(em);
  });
const sql = <T>(query: string, params: unknown[] = []) => allTenants((em) => em.execute<T[]>(query, params));
const reported = async () =>
  (await sql<{ payload: unknown }>('select payload from outbox where subject = ? order by created_at, id', [RetentionPurged.subject])).map((r) => RetentionPurged.schema.parse(r.payload));
const purgedBy = (runs: CategoryRun[]) => Object.fromEntries(runs.map((r) => [r.category, r.purged]));
const invoiceIds = async () => (await sql<{ id: string }>('select id from invoices order by id')).map((r) => r.id);
/** Makes invoices a year older: dated, created and (if restricted) retained a year earlier. */
const backdate = (ids: string[]) =>
  sql(`update invoices set invoice_date = invoice_date - interval '1 year', created_at = created_at - interval '1 year',
         retain_until = retain_until - interval '1 year' where id in (?)`, [ids]);

async function invoice(t: Awaited<ReturnType<typeof connectedTenant>>, clientId = t.clientId, sendByEmail = false): Promise<string> {
  return (await settled(t.api, (await t.api.post('/invoices', { clientId, lines: [haircut], sendByEmail })).body.id)).id;
}

describe('billing-integration retention', () => {
  const ids: Record<string, string> = {};
  let mappedClients: string[] = [];

  it('erases exactly the invoice copies seven years past their date, restricted or not, in every tenant, and reports once', async () => {
    const a = await connectedTenant(h);
    ids.old = await invoice(a);
    ids.current = await invoice(a);
    // A client erased on request: the copy of its invoice is restricted until its seven years end.
    const erased = (await a.td.post('/clients', { name: 'Els Bakker', email: 'els@example.nl' })).body.id as string;
    ids.restricted = await invoice(a, erased);
    const owner = billingDataOwner(h.billing.deps);
    await h.billing.orm.em.fork().transactional((em) => owner.erase({ kind: 'client', tenantId: a.caller.tenantId, clientId: erased }, { em, requestId: newId('dsr'), now: new Date() }));
    // A client removed at the institute whose invoice was never made (no e-mail address to send it to).
    const removed = (await a.td.post('/clients', { name: 'Zonder Mail' })).body.id as string;
    ids.neverMade = await invoice(a, removed, true);
    expect((await a.td.delete(`/clients/${removed}`)).status).toBe(204);
    await eventually(async () => (await sql<{ status: string }>('select status from client_mappings where client_id = ?', [removed]))[0]?.status === 'deleted', 10_000, 'the deletion to be synced');
    const b = await connectedTenant(h);
    ids.otherTenant = await invoice(b);
    await backdate([ids.old, ids.restricted, ids.neverMade, ids.otherTenant]);
    mappedClients = [a.clientId, erased, removed, b.clientId];

    // On the last day of the seven years everything stays.
    h.setClock(yearsAfterToday(6));
    expect(purgedBy(await h.billing.housekeeping.retention.runOnce())).toEqual({ invoices: 0, 'client-mapping': 0 });
    expect(await invoiceIds()).toHaveLength(5);

    h.setClock(yearsAfterToday(6, 1));
    const runs = await h.billing.housekeeping.retention.runOnce();

    expect(purgedBy(runs)).toEqual({ invoices: 4, 'client-mapping': 2 });
    expect(await invoiceIds()).toEqual([ids.current]);
    const left = await sql<{ client_id: string }>('select client_id from client_mappings where client_id in (?) order by client_id', [mappedClients]);
    expect(left.map((m) => m.client_id)).toEqual([a.clientId, b.clientId].sort());
    expect((await reported()).map(({ category, records, action, period }) => ({ category, records, action, period }))).toEqual([
      { category: 'invoices', records: 4, action: 'erased', period: 'P7Y' },
      { category: 'client-mapping', records: 2, action: 'erased', period: 'P0D' },
    ]);
    expect((await a.api.get(`/invoices/${ids.current}`)).status).toBe(200);
    expect((await a.api.get(`/invoices/${ids.old}`)).status).toBe(404);
  });

  it('changes and reports nothing more when run again', async () => {
    const runs = await h.billing.housekeeping.retention.runOnce();

    expect(purgedBy(runs)).toEqual({ invoices: 0, 'client-mapping': 0 });
    expect(await invoiceIds()).toEqual([ids.current]);
    expect(await reported()).toHaveLength(2);
  });

  it('on two replicas at once erases each copy once and reports it once', async () => {
    const copies = Array.from({ length: 12 }, () => newId('inv'));
    for (const id of copies) {
      await sql(`insert into invoices select (jsonb_populate_record(null::invoices, to_jsonb(i) || jsonb_build_object(
                   'id', ?::text, 'invoice_date', (i.invoice_date - interval '1 year')::date))).* from invoices i where i.id = ?`, [id, ids.current]);
    }
    const clock = () => yearsAfterToday(6, 1);
    const options = { logger: silent, declaration, policies: retentionPolicies, clock, batchSize: 5 };
    const runs = await Promise.all([runRetention({ ...options, orm: h.billing.orm }), runRetention({ ...options, orm: replica })]);

    const total = (category: string) => runs.flat().filter((r) => r.category === category).reduce((n, r) => n + r.purged, 0);
    expect(runs.some((r) => r.length === 2 && r.every((c) => !c.busy))).toBe(true);
    expect([total('invoices'), total('client-mapping')]).toEqual([12, 0]);
    expect(await invoiceIds()).toEqual([ids.current]);
    expect((await reported()).slice(2).map((r) => [r.category, r.records])).toEqual([['invoices', 12]]);
  });

  it('hands the reports to the relay, which publishes them on the PRIVACY stream', async () => {
    h.setClock(undefined);
    const nc = await connectNats({ url: h.natsUrl, name: 'retention-test' });
    try {
      const jsm = await jetstream(nc).jetstreamManager();
      const published = async () =>
        Object.values((await jsm.streams.info(PRIVACY_STREAM.name, { subjects_filter: RetentionPurged.subject })).state.subjects ?? {}).reduce((n, c) => n + c, 0);
      // The replica's report has no relay of its own to wake it: the service's relay finds it on its next pass.
      expect(await eventually(async () => ((await published()) >= 3 ? published() : undefined), 15_000, 'the reports on the stream')).toBe(3);
    } finally {
      await nc.close();
    }
  });
});
