import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { DEAD_LETTER_STREAM } from './streams';

/** Why a message was given up on. */
export type DeadLetterReason =
  | 'invalid_json'
  | 'unknown_subject'
  | 'schema_mismatch'
  | 'handler_failed'
  | 'max_deliver_exceeded';

/** Headers a dead letter carries besides the original message's own. */
export const DLQ_HEADERS = {
  reason: 'Homi-Dlq-Reason',
  detail: 'Homi-Dlq-Detail',
  subject: 'Homi-Dlq-Subject',
  stream: 'Homi-Dlq-Stream',
  sequence: 'Homi-Dlq-Stream-Seq',
  consumer: 'Homi-Dlq-Consumer',
  deliveries: 'Homi-Dlq-Deliveries',
  messageId: 'Homi-Dlq-Message-Id',
} as const;

const DLQ_SUBJECT_PREFIX = (DEAD_LETTER_STREAM.subjects[0] ?? '').slice(0, -1);

export function deadLetterSubject(durable: string): string {
  return `${DLQ_SUBJECT_PREFIX}${durable}`;
}

/**
 * Copies a message, as received, to `dlq.<durable>` with headers that say why and where from.
 * Publishing is deduplicated per (stream, sequence, consumer), so a retry after a lost term is harmless.
 */
export async function deadLetter(
  js: Pick<JetStreamClient, 'publish'>,
  msg: JsMsg,
  durable: string,
  reason: DeadLetterReason,
  detail: string,
): Promise<void> {
  const h = natsHeaders();
  for (const key of msg.headers?.keys() ?? []) {
    // Nats-* headers steer the stream that stores a message (dedup, expectations): not ours to copy.
    if (!key.toLowerCase().startsWith('nats-')) h.set(key, msg.headers!.get(key));
  }
  const { stream, streamSequence, deliveryCount } = msg.info;
  h.set(DLQ_HEADERS.reason, reason);
  h.set(DLQ_HEADERS.detail, headerSafe(detail));
  h.set(DLQ_HEADERS.subject, msg.subject);
  h.set(DLQ_HEADERS.stream, stream);
  h.set(DLQ_HEADERS.sequence, String(streamSequence));
  h.set(DLQ_HEADERS.consumer, durable);
  h.set(DLQ_HEADERS.deliveries, String(deliveryCount));
  const original = msg.headers?.get('Nats-Msg-Id');
  if (original) h.set(DLQ_HEADERS.messageId, original);
  await js.publish(deadLetterSubject(durable), msg.data, { msgID: `${stream}:${streamSequence}:${durable}`, headers: h });
}

/** Header values are one line; keep them short, too. */
function headerSafe(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').slice(0, 500);
}
