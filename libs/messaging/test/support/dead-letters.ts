import type { JetStreamManager, MsgRequest, StoredMsg } from '@nats-io/jetstream';
import { DEAD_LETTER_STREAM, deadLetterSubject } from '../../src';

/** Every dead letter a consumer has produced so far, oldest first. */
export async function deadLettersOf(jsm: JetStreamManager, durable: string): Promise<StoredMsg[]> {
  const out: StoredMsg[] = [];
  let seq = 1;
  for (;;) {
    // The server (2.9+) answers next_by_subj on MSG.GET; the client's type only lists it for direct gets.
    const query = { next_by_subj: deadLetterSubject(durable), seq } as unknown as MsgRequest;
    const msg = await jsm.streams.getMessage(DEAD_LETTER_STREAM.name, query);
    if (!msg) return out;
    out.push(msg);
    seq = msg.seq + 1;
  }
}
