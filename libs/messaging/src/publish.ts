import { SpanKind, context, trace } from '@opentelemetry/api';
import type { JetStreamClient, PubAck } from '@nats-io/jetstream';
import type { Contract, ContractData } from '@homi/contracts';
import { InvalidMessageError } from './outbox';
import { currentTraceHeaders, failExpected, toNatsHeaders, tracer } from './tracing';

export interface PublishOptions {
  /** Dedup key within the stream's duplicate window: the same id twice is stored once. */
  msgId: string;
  timeoutMs?: number;
}

const encoder = new TextEncoder();

export function encodePayload(data: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(data));
}

export function messagingAttributes(subject: string, msgId: string) {
  return {
    'messaging.system': 'nats',
    'messaging.operation.type': 'send',
    'messaging.destination.name': subject,
    'messaging.message.id': msgId,
  };
}

/**
 * Publishes straight to JetStream, for producers that have no database transaction to stay
 * consistent with (otherwise use enqueue). Validates first; a message that does not match its
 * contract is a bug and throws before anything is sent.
 */
export async function publish<C extends Contract>(
  js: Pick<JetStreamClient, 'publish'>,
  contract: C,
  data: ContractData<C>,
  options: PublishOptions,
): Promise<PubAck> {
  const parsed = contract.schema.safeParse(data);
  if (!parsed.success) throw new InvalidMessageError(contract.subject, parsed.error.issues);
  const span = tracer.startSpan(`send ${contract.subject}`, {
    kind: SpanKind.PRODUCER,
    attributes: messagingAttributes(contract.subject, options.msgId),
  });
  try {
    // The consumer's span becomes a child of this producer span.
    const headers = currentTraceHeaders(trace.setSpan(context.active(), span));
    return await js.publish(contract.subject, encodePayload(parsed.data), {
      msgID: options.msgId,
      headers: toNatsHeaders(headers),
      ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
    });
  } catch (err) {
    // Not being able to reach NATS is an operating condition; the caller decides what it means.
    failExpected(span, err instanceof Error ? err.message : String(err));
    throw err;
  } finally {
    span.end();
  }
}
