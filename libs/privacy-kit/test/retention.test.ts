import { Writable } from 'node:stream';
import type { MikroORM } from '@mikro-orm/postgresql';
import { RetentionPurged, type OwnerDeclaration } from '@homi/contracts';
import { messagingEntities, messagingMigration } from '@homi/messaging';
import { createLogger, createOrm } from '@homi/service-kit';
import { createDatabase, dropDatabase, testInfra, uniqueName } from '@homi/testing';
import { retentionMigration, runRetention, startRetention, UNTIL_ACCOUNT_ERASURE, type RetentionOptions, type RetentionPolicy } from '../src';

const silent = createLogger({ service: 'test', level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
const dbName = uniqueName('homi_pk_retention');
let orm: MikroORM;

const declaration: OwnerDeclaration = {
  owner: 'retention-demo',
  version: '1',
  controllerRole: 'processor',
  categories: [
    { name: 'visits', description: 'Visits', subjects: ['client'], fields: ['at'], purpose: 'p', legalBasis: 'contract',
      retention: { period: 'P30D', startsAt: 'the visit' }, recipients: [], source: 's' },
    { name: 'profile', description: 'Profile', subjects: ['tenant'], fields: ['name'], purpose: 'p', legalBasis: 'contract',
      retention: { period: null, startsAt: UNTIL_ACCOUNT_ERASURE }, recipients: [], source: 's' },
  ],
};

const NOW = new Date('2030-06-01T00:00:00Z');
const DAY = 86_400_000;

/** Deletes visits older than the cutoff; `failAfter` batches it throws, as a process dying midway. */
function visits(opts: { failAfter?: number } = {}): RetentionPolicy & { batches: number } {
  const policy = {
    category: 'visits',
    action: 'erased' as const,
    batches: 0,
    async purge({ em, cutoff, batchSize }: Parameters<RetentionPolicy['purge']>[0]) {
      if (opts.failAfter !== undefined && policy.batches >= opts.failAfter) throw new Error('killed');
      policy.batches++;
      const rows = await em.execute<unknown[]>(
        `delete from visits where id in (select id from visits where at < ? order by id limit ${batchSize} for update skip locked) returning id`,
        [cutoff],
      );
      return rows.length;
    },
  };
  return policy;
}

const options = (policy: RetentionPolicy, extra: Partial<RetentionOptions> = {}): RetentionOptions => ({
  orm, logger: silent, declaration, policies: [policy], clock: () => NOW, batchSize: 5, ...extra,
});

async function seed(expired: number, kept: number): Promise<void> {
  const conn = orm.em.getConnection();
  await conn.execute('truncate visits, outbox, retention_state');
  for (let i = 0; i < expired; i++) await conn.execute('insert into visits (at) values (?)', [new Date(NOW.getTime() - 31 * DAY - i * 1000)]);
  for (let i = 0; i < kept; i++) await conn.execute('insert into visits (at) values (?)', [new Date(NOW.getTime() - 29 * DAY + i * 1000)]);
}

const left = async () => (await orm.em.getConnection().execute<{ n: number }[]>('select count(*)::int as n from visits'))[0]?.n;
const reports = async () =>
  (await orm.em.getConnection().execute<{ subject: string; payload: unknown }[]>('select subject, payload from outbox order by created_at'))
    .map((r) => { expect(r.subject).toBe(RetentionPurged.subject); return RetentionPurged.schema.parse(r.payload); });

beforeAll(async () => {
  const infra = await testInfra();
  orm = await createOrm({ clientUrl: await createDatabase(infra.databaseUrl, dbName), entities: [...messagingEntities], migrations: [messagingMigration, retentionMigration] });
  await orm.migrator.up();
  await orm.em.getConnection().execute('create table visits (id serial primary key, at timestamptz not null)');
});

afterAll(async () => {
  await orm.close();
  await dropDatabase((await testInfra()).databaseUrl, dbName);
});

describe('the retention runner', () => {
  it('removes exactly the records past the period, in batches, and reports them once', async () => {
    await seed(23, 4);
    const policy = visits();
    const [run] = await runRetention(options(policy));

    expect(run).toMatchObject({ category: 'visits', purged: 23, reported: 23, busy: false, cutoff: new Date('2030-05-02T00:00:00Z') });
    expect(policy.batches).toBe(5);
    expect(await left()).toBe(4);
    expect(await reports()).toEqual([{ owner: 'retention-demo', category: 'visits', action: 'erased', records: 23, period: 'P30D', cutoff: '2030-05-02T00:00:00.000Z', occurredAt: NOW.toISOString() }]);
  });

  it('changes and reports nothing more when run again', async () => {
    await seed(7, 2);
    await runRetention(options(visits()));
    const [again] = await runRetention(options(visits()));

    expect(again).toMatchObject({ purged: 0, reported: 0 });
    expect(await left()).toBe(2);
    expect((await reports()).map((r) => r.records)).toEqual([7]);
  });

  it('on two replicas at once purges each record once and reports the total once', async () => {
    await seed(40, 3);
    const runs = await Promise.all([runRetention(options(visits())), runRetention(options(visits())), runRetention(options(visits()))]);

    expect(runs.flat().reduce((n, r) => n + r.purged, 0)).toBe(40);
    expect(await left()).toBe(3);
    expect((await reports()).map((r) => r.records)).toEqual([40]);
  });

  it('loses no report when a run dies midway: the next run reports what the dead one purged', async () => {
    await seed(23, 1);
    await expect(runRetention(options(visits({ failAfter: 2 })))).rejects.toThrow('killed');
    expect(await left()).toBe(14);
    expect(await reports()).toEqual([]);

    await runRetention(options(visits()));
    expect(await left()).toBe(1);
    expect((await reports()).map((r) => r.records)).toEqual([23]);
  });

  it('refuses to start when a declared period has no purge job', () => {
    expect(() => startRetention({ orm, logger: silent, declaration, policies: [] })).toThrow(/visits declares P30D but has no purge job/);
  });

  it('runs on a schedule with the clock it is given', async () => {
    await seed(3, 1);
    const handle = startRetention({ ...options(visits()), intervalMs: 50 });
    const deadline = Date.now() + 5000;
    while ((await left()) !== 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await handle.stop();
    expect(await left()).toBe(1);
    const [state] = await orm.em.getConnection().execute<{ last_purge_at: string; pending_records: number }[]>('select * from retention_state');
    expect(new Date(state!.last_purge_at)).toEqual(NOW);
    expect(state?.pending_records).toBe(0);
  });
});
