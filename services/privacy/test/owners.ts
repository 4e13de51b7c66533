import { Writable } from 'node:stream';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { DataSubject, OwnerDeclaration } from '@homi/contracts';
import { messagingEntities, messagingMigration, OutboxRelay } from '@homi/messaging';
import { ownerAnswersMigration, startDataOwner, type DataOwner, type DataOwnerHandle } from '@homi/privacy-kit';
import { createLogger, createOrm, devServiceKeys } from '@homi/service-kit';
import { createDatabase, disposeInOrder, dropDatabase, uniqueName } from '@homi/testing';
import { as, eventually, startPrivacy, user, type Harness } from './harness';

const silent = createLogger({ service: 'owner', level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });

/** The key under which a test owner files a subject's records. */
export function subjectKey(s: DataSubject): string {
  switch (s.kind) {
    case 'user':
      return `user:${s.userId}`;
    case 'client':
      return `client:${s.tenantId}:${s.clientId}`;
    case 'tenant':
      return `tenant:${s.tenantId}`;
  }
}

const category = (name: string, extra: Partial<OwnerDeclaration['categories'][number]> = {}): OwnerDeclaration['categories'][number] => ({
  name,
  description: `The ${name} we keep`,
  subjects: ['user', 'client', 'tenant'],
  fields: ['name', 'value'],
  purpose: `Providing the ${name} service`,
  legalBasis: 'contract',
  retention: { period: null, startsAt: 'while the account exists' },
  recipients: [],
  source: 'the data subject',
  ...extra,
});

export const RETAINED_REASON = 'fiscal retention (AWR art. 52)';

export interface TestOwner {
  name: string;
  /** ok: acts; fail: every operation throws (reported as failed after its attempts). */
  mode: 'ok' | 'fail';
  /** While set, exports wait for it: an owner mid-work. */
  gate?: Promise<void>;
  calls: { export: number; erase: number; rectify: number };
  orm: MikroORM;
  seed(subject: DataSubject, category: string, data: Record<string, unknown>): Promise<void>;
  count(subject: DataSubject): Promise<number>;
  start(): Promise<void>;
  /** Stops acting on commands: a silent owner. */
  stop(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * A real data owner made with privacy-kit over a table in its own database. `retained` names a
 * category kept on erasure (fiscal retention) instead of erased.
 */
export async function startTestOwner(h: Harness, name: string, categories: string[], retained?: string): Promise<TestOwner> {
  const dbName = uniqueName(`homi_owner_${name}`);
  const orm = await createOrm({ clientUrl: await createDatabase(h.databaseServer, dbName), entities: [...messagingEntities], migrations: [messagingMigration, ownerAnswersMigration] });
  await orm.migrator.up();
  const sql = orm.em.getConnection();
  await sql.execute('create table records (id serial primary key, subject text not null, category text not null, data jsonb not null)');
  const declaration: OwnerDeclaration = {
    owner: name,
    version: '1',
    controllerRole: 'processor',
    categories: categories.map((c) =>
      category(c, c === retained ? { legalBasis: 'legal_obligation', retention: { period: 'P7Y', startsAt: 'the end of the fiscal year' }, recipients: ['Belastingdienst'] } : {}),
    ),
  };
  const owner: TestOwner = {
    name,
    mode: 'ok',
    calls: { export: 0, erase: 0, rectify: 0 },
    orm,
    async seed(subject, cat, data) {
      await sql.execute('insert into records (subject, category, data) values (?, ?, cast(? as jsonb))', [subjectKey(subject), cat, JSON.stringify(data)]);
    },
    async count(subject) {
      const rows = await sql.execute<{ n: number }[]>('select count(*)::int as n from records where subject = ?', [subjectKey(subject)]);
      return rows[0]?.n ?? 0;
    },
    start: async () => {
      relay.start();
      handle = await startDataOwner({ js: h.js, orm, logger: silent, owner: dataOwner, privacy: { url: h.url, keys: devServiceKeys(name) }, maxAttempts: 2, backoffMs: [100] });
    },
    stop: async () => {
      await handle?.stop();
      handle = undefined;
    },
    dispose: async () => {
      await owner.stop();
      await relay.stop();
      await orm.close();
      await dropDatabase(h.databaseServer, dbName);
    },
  };
  const dataOwner: DataOwner = {
    declaration,
    async *export(subject, { em }) {
      owner.calls.export++;
      if (owner.mode === 'fail') throw new Error('export failed');
      await owner.gate;
      const rows = await em.execute<{ category: string; data: Record<string, unknown> }[]>('select category, data from records where subject = ? order by id', [subjectKey(subject)]);
      for (const row of rows) yield { category: row.category, data: row.data };
    },
    async erase(subject, { em, now }) {
      owner.calls.erase++;
      if (owner.mode === 'fail') throw new Error('erase failed');
      const results = [];
      for (const c of categories) {
        if (c === retained) {
          const rows = await em.execute<{ n: number }[]>('select count(*)::int as n from records where subject = ? and category = ?', [subjectKey(subject), c]);
          const until = new Date(now.getTime() + 7 * 365 * 86_400_000).toISOString();
          results.push({ category: c, records: rows[0]?.n ?? 0, action: 'retained' as const, reason: RETAINED_REASON, retainedUntil: until });
        } else {
          const rows = await em.execute<{ id: number }[]>('delete from records where subject = ? and category = ? returning id', [subjectKey(subject), c]);
          results.push({ category: c, records: rows.length, action: 'erased' as const });
        }
      }
      return results;
    },
    async rectify(subject, corrections, { em }) {
      owner.calls.rectify++;
      const rows = await em.execute<{ id: number }[]>('update records set data = data || cast(? as jsonb) where subject = ? returning id', [JSON.stringify(corrections), subjectKey(subject)]);
      return [{ category: categories[0]!, records: rows.length, action: 'rectified' as const }];
    },
  };
  const relay = new OutboxRelay(orm, h.js, silent, { pollIntervalMs: 50 });
  let handle: DataOwnerHandle | undefined;
  await owner.start();
  return owner;
}

/** The privacy service with one test owner registered, `salon-records` holding client profiles: where the client-rights tests begin. */
export async function startWithSalonRecords(): Promise<{ h: Harness; records: TestOwner; dispose(): Promise<void> }> {
  const h = await startPrivacy();
  const records = await startTestOwner(h, 'salon-records', ['client-profile']);
  await eventually(async () => (await as(h, user()).get('/data-map')).body.owners?.length === 2, 20_000, 'owner registered');
  return { h, records, dispose: () => disposeInOrder(records, h) };
}

/** The privacy service with both test owners registered (salon records; a ledger that keeps invoices): where the flow tests begin. */
export interface WithTwoOwners {
  h: Harness;
  records: TestOwner;
  ledger: TestOwner;
  /** Stops the owners, then the service. */
  dispose(): Promise<void>;
}

export async function startWithTwoOwners(env: Record<string, string> = {}): Promise<WithTwoOwners> {
  const h = await startPrivacy(env);
  const records = await startTestOwner(h, 'salon-records', ['client-profile', 'appointments']);
  const ledger = await startTestOwner(h, 'ledger', ['invoices', 'payment-preferences'], 'invoices');
  await eventually(async () => (await as(h, user()).get('/data-map')).body.owners?.length === 3, 20_000, 'owners registered');
  return { h, records, ledger, dispose: () => disposeInOrder(records, ledger, h) };
}
