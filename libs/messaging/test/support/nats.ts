import { natsName } from '@homi/contracts';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { DEAD_LETTER_STREAM, connectNats, deadLetterSubject, ensureStream } from '../../src';
import { NATS_URL } from './env';

export interface TestNats {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  /** Creates a stream that close() deletes again; its subjects (plain) in the run's NATS namespace. */
  stream(name: string, subjects: string[], duplicateWindowMs?: number): Promise<void>;
  /** Messages a stream holds under a subject filter. */
  count(stream: string, subject?: string): Promise<number>;
  /** On close, purges this durable's dead letters (the DEAD_LETTERS stream itself is shared). */
  cleanDeadLettersOnClose(durable: string): void;
  close(): Promise<void>;
}

export async function createTestNats(name: string): Promise<TestNats> {
  const nc = await connectNats({ url: NATS_URL, name });
  const js = jetstream(nc);
  const jsm = await jetstreamManager(nc);
  const streams: string[] = [];
  const durables: string[] = [];
  return {
    nc,
    js,
    jsm,
    async stream(streamName, subjects, duplicateWindowMs) {
      // Contracts put their subjects in the run's namespace; so does a test's stream.
      await ensureStream(jsm, { name: streamName, subjects: subjects.map(natsName.subject), duplicateWindowMs });
      streams.push(streamName);
    },
    async count(stream, subject) {
      const info = await jsm.streams.info(stream, subject ? { subjects_filter: subject } : undefined);
      if (!subject) return info.state.messages;
      return Object.values(info.state.subjects ?? {}).reduce((a, b) => a + b, 0);
    },
    cleanDeadLettersOnClose(durable) {
      durables.push(durable);
    },
    async close() {
      for (const s of streams) await jsm.streams.delete(s).catch(() => false);
      for (const d of durables) {
        await jsm.streams.purge(DEAD_LETTER_STREAM.name, { filter: deadLetterSubject(d) }).catch(() => undefined);
      }
      await nc.close();
    },
  };
}
