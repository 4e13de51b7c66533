// The unit of work's afterCommit (against the real Postgres): it is given the transaction's entity
// manager once the commit is through, so a service kicks its notice job only after a commit that
// wrote a notice (a read, the client list, kicks nothing), and never after a rollback.
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { createOrm } from './orm';
import { noteNoticeWritten, ormUnitOfWork, wroteNotice } from './unit-of-work';

const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let orm: MikroORM;
beforeAll(async () => {
  orm = await createOrm({ clientUrl: server, entities: [], migrations: [] });
});
afterAll(() => orm?.close());

/** A unit of work whose repositories are the transaction's entity manager, recording each afterCommit. */
function recorded() {
  const commits: { tx: EntityManager; wroteNotice: boolean }[] = [];
  const uow = ormUnitOfWork({
    orm,
    tenantRole: 'postgres',
    repositories: (em) => em,
    afterCommit: (tx) => commits.push({ tx, wroteNotice: wroteNotice(tx) }),
  });
  return { uow, commits };
}

describe('ormUnitOfWork afterCommit', () => {
  it('gets the transaction it follows, and tells whether its work wrote a notice', async () => {
    const { uow, commits } = recorded();
    let seen: EntityManager | undefined;
    await uow.forTenant('ten_1', async (em) => {
      seen = em;
      await em.execute('select 1');
    });
    await uow.acrossTenants('test', async (em) => noteNoticeWritten(em));
    await uow.asUser('usr_1', async (em) => noteNoticeWritten(em));

    expect(commits.map((c) => c.wroteNotice)).toEqual([false, true, true]);
    expect(commits[0]!.tx).toBe(seen);
  });

  it('is not called when the work fails and the transaction rolls back', async () => {
    const { uow, commits } = recorded();
    await expect(
      uow.forTenant('ten_1', async (em) => {
        noteNoticeWritten(em);
        throw new Error('use case refused');
      }),
    ).rejects.toThrow('use case refused');
    expect(commits).toEqual([]);
  });
});
