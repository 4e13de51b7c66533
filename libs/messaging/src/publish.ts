import { SpanKind, context, trace } from '@opentelemetry/api';
import type { JetStreamClient, PubAck } from '@nats-io/jetstream';
import type { Contract, ContractData } from '@homi/contracts';
import { dependencyOutage } from '@homi/service-kit';
import { InvalidMessageError } from './outbox';
import { currentTraceHeaders, failExpected, toNatsHeaders, tracer } from './tracing';

export interface PublishOptions {
  /** Dedup key within the stream's duplicate window: the same id twice is stored once. */
  msgId: string;
  timeoutMs?: number;
  /**
   * How long to keep trying, with the same msgId, while JetStream does not answer (no responders, a
   * timeout, a reconnect): a stream whose leader died answers again once a new one is elected (5–8 s
   * on nats-server 2.9, ADR 57). Default 10 s; 0 tries once.
   */
  retryForMs?: number;
}

export const DEFAULT_PUBLISH_RETRY_MS = 10_000;
const RETRY_PAUSE_MS = [100, 250, 500, 1_000] as const;

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
    const send = () =>
      js.publish(contract.subject, encodePayload(parsed.data), {
        msgID: options.msgId,
        headers: toNatsHeaders(headers),
        ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
      });
    return await retryWhileUnanswered(send, options.retryForMs ?? DEFAULT_PUBLISH_RETRY_MS);
  } catch (err) {
    // Not being able to reach NATS is an operating condition; the caller decides what it means.
    failExpected(span, err instanceof Error ? err.message : String(err));
    throw err;
  } finally {
    span.end();
  }
}

/**
 * Runs `send` until it succeeds, fails for another reason than NATS not answering, or `retryForMs`
 * have passed. Every try carries the same msgID, so a try whose ack was lost is stored once.
 */
export async function retryWhileUnanswered<T>(send: () => Promise<T>, retryForMs: number): Promise<T> {
  const deadline = Date.now() + retryForMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (err) {
      const pause = RETRY_PAUSE_MS[Math.min(attempt, RETRY_PAUSE_MS.length - 1)]!;
      if (!unanswered(err) || Date.now() + pause > deadline) throw err;
      // Unref'd: a retry alone keeps no process alive (a service's server does; a test's end should not wait).
      await new Promise((resolve) => setTimeout(resolve, pause).unref());
    }
  }
}

/** NATS did not answer, but the connection lives: no responders (no stream leader), a timeout, a reconnect. */
function unanswered(err: unknown): boolean {
  if (dependencyOutage(err) !== 'nats') return false;
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (e.name === 'ClosedConnectionError' || e.name === 'DrainingConnectionError') return false;
  }
  return true;
}
