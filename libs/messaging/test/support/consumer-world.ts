import type { ConsumerHandle } from '../../src';
import { createTestDb, type TestDb } from './db';
import { createTestNats, type TestNats } from './nats';

export interface ConsumerWorldOptions {
  /** Names the test's NATS connection. */
  name: string;
  stream: string;
  subjects: string[];
  duplicateWindowMs?: number;
  /** Durables are this, `_` and a count. */
  durablePrefix: string;
  /** Creates the tables the test's handlers write their effects to. */
  schema: string;
  /** Emptied after each test, with the stream purged (a new durable starts at its first message). */
  cleared: string[];
}

/**
 * What a consumer test file runs against: a test database, a private stream in the run's NATS
 * namespace, and the consumers its tests start (in `handles`), stopped after each test. `ready`
 * receives the database and NATS once both are up.
 */
export function consumerWorld(options: ConsumerWorldOptions, ready: (db: TestDb, nats: TestNats) => void) {
  const handles: ConsumerHandle[] = [];
  let db: TestDb | undefined;
  let nats: TestNats | undefined;
  let durables = 0;
  beforeAll(async () => {
    db = await createTestDb();
    await db.orm.em.getConnection().execute(options.schema);
    nats = await createTestNats(options.name);
    await nats.stream(options.stream, options.subjects, options.duplicateWindowMs);
    ready(db, nats);
  });
  afterEach(async () => {
    await Promise.all(handles.splice(0).map((h) => h.stop()));
    await db!.orm.em.getConnection().execute(options.cleared.map((table) => `delete from ${table}`).join('; '));
    await nats!.jsm.streams.purge(options.stream);
  });
  afterAll(async () => {
    await nats?.close();
    await db?.close();
  });
  return {
    handles,
    /** A durable name of its own, whose dead letters are purged when the test's NATS closes. */
    newDurable(): string {
      const durable = `${options.durablePrefix}_${++durables}`;
      nats!.cleanDeadLettersOnClose(durable);
      return durable;
    },
    /** Nothing pending nor waiting for its acknowledgement. */
    async settled(durable: string): Promise<boolean> {
      const info = await nats!.jsm.consumers.info(options.stream, durable);
      return info.num_pending === 0 && info.num_ack_pending === 0;
    },
  };
}
