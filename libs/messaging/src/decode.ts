import type { JsMsg } from '@nats-io/jetstream';
import type { Contract } from '@homi/contracts';
import type { DeadLetterReason } from './dead-letter';
import type { MessageHeaders } from './tracing';

/** A message as a handler sees it: parsed and checked against its contract. */
export interface ConsumedEvent<T = unknown> {
  subject: string;
  data: T;
  /** The producer's message id (`Nats-Msg-Id`, the outbox id), else `<stream>:<sequence>`. */
  id: string;
  headers: MessageHeaders;
  deliveryCount: number;
}

export type Decoded =
  | { ok: true; event: ConsumedEvent }
  | { ok: false; reason: Extract<DeadLetterReason, 'invalid_json' | 'unknown_subject' | 'schema_mismatch'>; detail: string };

/** Parses a message against the contract for its subject; a failure here will never go away. */
export function decodeMessage(msg: JsMsg, headers: MessageHeaders, contracts: ReadonlyMap<string, Contract>): Decoded {
  const contract = contracts.get(msg.subject);
  if (!contract) return { ok: false, reason: 'unknown_subject', detail: `no contract for ${msg.subject}` };
  let json: unknown;
  try {
    json = JSON.parse(msg.string());
  } catch (err) {
    return { ok: false, reason: 'invalid_json', detail: err instanceof Error ? err.message : String(err) };
  }
  const parsed = contract.schema.safeParse(json);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    return { ok: false, reason: 'schema_mismatch', detail };
  }
  const id = msg.headers?.get('Nats-Msg-Id') || `${msg.info.stream}:${msg.info.streamSequence}`;
  return {
    ok: true,
    event: { subject: msg.subject, data: parsed.data, id, headers, deliveryCount: msg.info.deliveryCount },
  };
}
