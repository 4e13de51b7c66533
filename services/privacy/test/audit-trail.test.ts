import { appendAudit, verifyAuditChains } from '../src/infrastructure/audit-trail';
import { ormRepositories } from '../src/infrastructure/repositories';
import { as, eventually, user, type Harness } from './harness';
import { startWithTwoOwners } from './owners';
import { startedAroundAll } from '@homi/testing';

// ADR 68: an append skips what its transaction already knows of the chain (the request's lock, the
// tip it appended last), and the chain stays whole; a tip gone stale cannot fork it. ADR 71: the
// entries of a transaction are written together, in one statement just before its commit.
let h: Harness;
startedAroundAll(() => startWithTwoOwners(), (started) => ({ h } = started));

async function completedRequest(): Promise<string> {
  const api = as(h, user());
  const id = (await api.post('/requests', { type: 'access', subject: { kind: 'self' } })).body.id as string;
  await eventually(async () => (await api.get(`/requests/${id}`)).body.status === 'completed', 20_000, `request ${id} completed`);
  return id;
}

const statementsOf = (calls: unknown[][]) => calls.map(([sql]) => String(sql).split(' ').slice(0, 2).join(' '));

type Sender = { executeQuery(query: { sql: string }): Promise<unknown> };
/** Spies on every statement the transaction of `em` sends, whichever way (the ORM, raw SQL, a prepared statement). */
const sentOn = (em: { getTransactionContext<T>(): T | undefined }) => jest.spyOn(em.getTransactionContext<Sender>()!, 'executeQuery');
// An insert sent with the COMMIT carries service-kit's marker comment first (ADR 73).
const auditInserts = (sent: ReturnType<typeof sentOn>) => sent.mock.calls.filter(([q]) => q.sql.replace(/^\s*\/\*.*?\*\/\s*/, '').startsWith('insert into audit_events')).length;
const rowsOf = async (id: string) => (await h.service.orm.em.fork().getConnection().execute<{ n: number }[]>('select count(*)::int as n from audit_events where request_id = ?', [id]))[0]!.n;

describe("a request's audit chain", () => {
  it('takes the lock and reads the tip once per transaction, and chains every append', async () => {
    const id = await completedRequest();
    const before = (await verifyAuditChains(h.service.orm.em.fork(), id)).rows;
    let sent: ReturnType<typeof sentOn> | undefined;
    let seenBeforeCommit = -1;
    const statements = await h.service.orm.em.fork().transactional(async (em) => {
      sent = sentOn(em);
      await ormRepositories(em).requests.lock(id);
      await appendAudit(em, id, new Date(), 'system', 'test.first');
      await appendAudit(em, id, new Date(), 'system', 'test.second');
      seenBeforeCommit = auditInserts(sent);
      return sent.mock.calls.map(([q]) => q.sql);
    });
    // Locked by the use case: one round trip takes the lock and then reads the tasks and the tip
    // (ADR 73); the appends send nothing; both entries are written at the commit, together.
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/for update;\s*select \* from request_tasks .*;\s*select seq, hash from audit_events/s);
    expect([seenBeforeCommit, auditInserts(sent!)]).toEqual([0, 1]);
    expect(await verifyAuditChains(h.service.orm.em.fork(), id)).toEqual({ ok: true, requests: 1, rows: before + 2 });
  });

  it('locks a request once per transaction: a second lock (another answer of the same batch) sends no query and returns the same entity', async () => {
    const id = await completedRequest();
    let locks: string[] = [];
    await h.service.orm.em.fork().transactional(async (em) => {
      const sent = sentOn(em);
      const { requests } = ormRepositories(em);
      const first = await requests.lock(id);
      const second = await requests.lock(id);
      expect(first?.id).toBe(id);
      expect(second).toBe(first);
      // The tasks read with the lock are this transaction's: no query either.
      expect((await requests.tasks(id)).map((t) => t.requestId)).toEqual([id, id]);
      locks = sent.mock.calls.map(([q]) => q.sql).filter((sql) => sql.includes('for update'));
      expect(sent.mock.calls).toHaveLength(1);
    });
    expect(locks).toHaveLength(1);
  });

  it('locks and reads as before in a transaction that holds nothing yet', async () => {
    const id = await completedRequest();
    const before = await rowsOf(id);
    const calls = await h.service.orm.em.fork().transactional(async (em) => {
      const execute = jest.spyOn(em, 'execute');
      await appendAudit(em, id, new Date(), 'system', 'test.alone');
      return execute.mock.calls;
    });
    expect(statementsOf(calls)).toEqual(['select 1', 'select seq,']);
    expect(await rowsOf(id)).toBe(before + 1);
    expect(await verifyAuditChains(h.service.orm.em.fork(), id)).toMatchObject({ ok: true });
  });

  it('writes nothing of a transaction that rolls back, and an append outside a transaction at once', async () => {
    const id = await completedRequest();
    const before = await rowsOf(id);
    await expect(h.service.orm.em.fork().transactional(async (em) => {
      await appendAudit(em, id, new Date(), 'system', 'test.rolled-back');
      throw new Error('the use case failed');
    })).rejects.toThrow('the use case failed');
    expect(await rowsOf(id)).toBe(before);
    await appendAudit(h.service.orm.em.fork(), id, new Date(), 'system', 'test.outside');
    expect(await rowsOf(id)).toBe(before + 1);
    expect(await verifyAuditChains(h.service.orm.em.fork(), id)).toMatchObject({ ok: true, rows: before + 1 });
  });

  it('writes a transaction\'s entries before a savepoint of it starts, so the savepoint chains onto them', async () => {
    const id = await completedRequest();
    const before = await rowsOf(id);
    await h.service.orm.em.fork().transactional(async (em) => {
      await appendAudit(em, id, new Date(), 'system', 'test.outer');
      await em.transactional(async (inner) => appendAudit(inner, id, new Date(), 'system', 'test.inner'));
    });
    expect(await rowsOf(id)).toBe(before + 2);
    expect(await verifyAuditChains(h.service.orm.em.fork(), id)).toMatchObject({ ok: true, rows: before + 2 });
  });

  it('refuses an append whose remembered tip is no longer the chain\'s (the primary key), so the chain never forks', async () => {
    const id = await completedRequest();
    const em = h.service.orm.em.fork();
    await expect(em.transactional(async (tx) => {
      await appendAudit(tx, id, new Date(), 'system', 'test.remembered');
      // A row the memo does not know of, written behind its back in the same transaction.
      await tx.execute(
        `insert into audit_events (request_id, seq, at, actor, action, details, prev_hash, hash)
         select request_id, seq + 1, at, actor, 'test.behind', details, hash, hash from audit_events where request_id = ? order by seq desc limit 1`,
        [id],
      );
      await appendAudit(tx, id, new Date(), 'system', 'test.stale');
    })).rejects.toThrow(/duplicate key|audit_events_pkey/);
    expect(await verifyAuditChains(h.service.orm.em.fork(), id)).toMatchObject({ ok: true });
  });
});
