import { Writable } from 'node:stream';
import type { MikroORM } from '@mikro-orm/postgresql';
import { jetstream } from '@nats-io/jetstream';
import { ClientDeleted, PRIVACY_STREAM, RetentionPurged } from '@homi/contracts';
import { connectNats, messagingEntities } from '@homi/messaging';
import { runRetention, type CategoryRun } from '@homi/privacy-kit';
import { createLogger, createOrm } from '@homi/service-kit';
import { declaration } from '../src/privacy';
import { retentionPolicies } from '../src/retention';
import { tenantDataEntities } from '../src/infrastructure/schema';
import { as, owner, startTenantData, type Harness } from './harness';

// Moves the service's clock past the declared periods (P2Y): exactly the expired rows go, the rest
// stays, and a second run (or a second replica at the same time) changes and reports nothing more.
const DAY = 86_400_000;
let now = new Date('2027-01-04T09:00:00Z');
const clock = () => now;
const later = (days: number) => (now = new Date(now.getTime() + days * DAY));
const iso = (d: Date, hours = 0) => new Date(d.getTime() + hours * 3600_000).toISOString();
const silent = createLogger({ service: 'test', level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });

let h: Harness;
let replica: MikroORM;
beforeAll(async () => {
  h = await startTenantData({ clock });
  // A second replica: its own pool on the same database.
  replica = await createOrm({ clientUrl: h.databaseUrl, entities: [...tenantDataEntities, ...messagingEntities], migrations: [] });
});
afterAll(async () => {
  await replica?.close();
  await h?.stop();
});

const sql = <T>(query: string, params: unknown[] = []) => h.service.orm.em.fork().execute<T[]>(query, params);
const reported = async () =>
  (await sql<{ payload: unknown }>('select payload from outbox where subject = ? order by created_at, id', [RetentionPurged.subject])).map((r) => RetentionPurged.schema.parse(r.payload));
const purgedBy = (runs: CategoryRun[]) => Object.fromEntries(runs.map((r) => [r.category, r.purged]));

describe('tenant-data retention', () => {
  const caller = owner();
  const other = owner();
  const api = as({} as Harness, caller);
  const ids: Record<string, string> = {};

  beforeAll(() => {
    Object.assign(api, as(h, caller));
  });

  it('erases exactly the notes, appointments, alerts and clients past two years, and reports each category once', async () => {
    const start = now;
    const client = async (name: string, a = api) => (ids[name] = (await a.post('/clients', { name })).body.id);
    const book = async (name: string, at: Date, notes?: string) =>
      (ids[`${name}-apt`] = (await api.post('/appointments', { clientId: ids[name], startsAt: iso(at), endsAt: iso(at, 1), treatment: 'Pedicure', notes })).body.id);
    await client('lapsed');
    await book('lapsed', new Date(start.getTime() + DAY), 'diabetes');
    // Health data (ADR 50) goes with its client: the lapsed client's, not the regular one's.
    expect((await api.put(`/clients/${ids.lapsed}/alerts`, { items: [{ kind: 'allergy', text: 'latex' }] })).status).toBe(200);
    expect((await api.post(`/clients/${ids.lapsed}/notes`, { text: 'nagel ingegroeid' })).status).toBe(201);
    await client('quiet');
    await client('elsewhere', as(h, other));
    await client('regular');
    await book('regular', new Date(start.getTime() + DAY), 'fungal nail');
    expect((await api.put(`/clients/${ids.regular}/alerts`, { items: [{ kind: 'other', text: 'pacemaker' }] })).status).toBe(200);
    await client('booked-ahead');
    await book('booked-ahead', new Date(start.getTime() + 900 * DAY), 'check again');
    later(500);
    expect((await api.patch(`/clients/${ids.regular}`, { phone: '0612345678' })).status).toBe(200);

    later(2 * 366 + 2 - 500);
    const runs = await h.service.housekeeping.retention.runOnce();

    expect(purgedBy(runs)).toEqual({ 'treatment-notes': 2, appointments: 2, 'client-alerts': 1, 'client-notes': 1, 'client-profile': 3 });
    expect((await api.get(`/clients/${ids.regular}/alerts`)).body.items).toHaveLength(1);
    const left = (await api.get('/clients')).body.items.map((c: { name: string }) => c.name);
    expect(left).toEqual(['booked-ahead', 'regular']);
    expect((await as(h, other).get('/clients')).body.items).toEqual([]);
    // The list says which appointment still has notes; the appointment itself holds their text (ADR 64).
    const appointments = (await api.get('/appointments')).body.items as { id: string; hasNotes: boolean }[];
    expect(appointments.map((a) => a.hasNotes)).toEqual([true]);
    expect((await api.get(`/appointments/${appointments[0]!.id}`)).body.notes).toBe('check again');
    expect((await reported()).map(({ category, records, action, period }) => ({ category, records, action, period }))).toEqual([
      { category: 'treatment-notes', records: 2, action: 'erased', period: 'P2Y' },
      { category: 'appointments', records: 2, action: 'erased', period: 'P2Y' },
      { category: 'client-alerts', records: 1, action: 'erased', period: 'P2Y' },
      { category: 'client-notes', records: 1, action: 'erased', period: 'P2Y' },
      { category: 'client-profile', records: 3, action: 'erased', period: 'P2Y' },
    ]);
    const deleted = await sql<{ payload: { clientId: string } }>('select payload from outbox where subject = ?', [ClientDeleted.subject]);
    expect(deleted.map((r) => r.payload.clientId).sort()).toEqual([ids.lapsed, ids.quiet, ids.elsewhere].sort());
  });

  it('changes and reports nothing more when run again', async () => {
    const before = await sql<{ n: number }>('select (select count(*) from clients) + (select count(*) from appointments) as n');
    const runs = await h.service.housekeeping.retention.runOnce();

    expect(purgedBy(runs)).toEqual({ 'treatment-notes': 0, appointments: 0, 'client-alerts': 0, 'client-notes': 0, 'client-profile': 0 });
    expect(await sql('select (select count(*) from clients) + (select count(*) from appointments) as n')).toEqual(before);
    expect(await reported()).toHaveLength(5);
  });

  it('on two replicas at once erases each record once and reports each category once', async () => {
    for (let i = 0; i < 12; i++) {
      const id = (await api.post('/clients', { name: `batch ${i}` })).body.id;
      await api.post('/appointments', { clientId: id, startsAt: iso(now), endsAt: iso(now, 1), treatment: 'Facial', notes: 'n' });
    }
    later(2 * 366 + 2);
    const options = { logger: silent, declaration, policies: retentionPolicies, clock, batchSize: 5 };
    const runs = await Promise.all([runRetention({ ...options, orm: h.service.orm }), runRetention({ ...options, orm: replica })]);

    const total = (category: string) => runs.flat().filter((r) => r.category === category).reduce((n, r) => n + r.purged, 0);
    expect(runs.some((r) => r.length === 5 && r.every((c) => !c.busy))).toBe(true);
    // 'regular' has been inactive for two years by now, too (with its alert); 'booked-ahead' is kept by its appointment.
    expect([total('treatment-notes'), total('appointments'), total('client-alerts'), total('client-profile')]).toEqual([12, 12, 1, 13]);
    expect((await reported()).slice(5).map((r) => [r.category, r.records])).toEqual([
      ['treatment-notes', 12],
      ['appointments', 12],
      ['client-alerts', 1],
      ['client-profile', 13],
    ]);
    expect((await api.get('/clients')).body.items.map((c: { name: string }) => c.name)).toEqual(['booked-ahead']);
  });

  it('hands the reports to the relay, which publishes them on the PRIVACY stream', async () => {
    const nc = await connectNats({ url: h.natsUrl, name: 'retention-test' });
    try {
      const jsm = await jetstream(nc).jetstreamManager();
      const deadline = Date.now() + 10_000;
      let count = 0;
      while (count < 9 && Date.now() < deadline) {
        count = Object.values((await jsm.streams.info(PRIVACY_STREAM.name, { subjects_filter: RetentionPurged.subject })).state.subjects ?? {}).reduce((a, b) => a + b, 0);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(count).toBe(9);
    } finally {
      await nc.close();
    }
  });
});
