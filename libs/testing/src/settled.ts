import type { JetStreamManager } from '@nats-io/jetstream';

export interface SettledOptions {
  jsm: JetStreamManager;
  /** Rows each process has committed but not yet published (its outbox backlog). */
  backlogs?: Array<() => Promise<number>>;
  /** Which durable consumers must have handled everything (all on the server by default). */
  consumers?: (stream: string, durable: string) => boolean;
  timeoutMs?: number;
  what?: string;
}

interface Snapshot { busy: boolean; sequences: string }

async function snapshot(opts: SettledOptions): Promise<Snapshot> {
  let busy = false;
  for (const backlog of opts.backlogs ?? []) if ((await backlog()) > 0) busy = true;
  const sequences: string[] = [];
  for await (const stream of opts.jsm.streams.list()) {
    const name = stream.config.name;
    sequences.push(`${name}:${stream.state.last_seq}`);
    for await (const c of opts.jsm.consumers.list(name)) {
      if (opts.consumers && !opts.consumers(name, c.name)) continue;
      if (c.num_pending > 0 || c.num_ack_pending > 0) busy = true;
    }
  }
  return { busy, sequences: sequences.sort().join(',') };
}

/**
 * Waits until the message flow has come to rest: no outbox backlog, every chosen durable consumer
 * has handled (acknowledged) all it was sent, and no stream grew between two looks. A test that
 * shows something did NOT happen waits for this instead of for a while: past this point a message
 * still on its way would have shown.
 */
export async function settled(opts: SettledOptions): Promise<void> {
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  let previous: Snapshot | undefined;
  for (;;) {
    const now = await snapshot(opts);
    if (!now.busy && previous && !previous.busy && previous.sequences === now.sequences) return;
    if (Date.now() > deadline) throw new Error(`not settled within ${opts.timeoutMs ?? 20_000} ms: ${opts.what ?? 'messages still in flight'}`);
    previous = now;
    await new Promise((r) => setTimeout(r, 100));
  }
}
