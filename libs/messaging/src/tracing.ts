import { context, propagation, trace, ROOT_CONTEXT, SpanStatusCode, type Context, type Span } from '@opentelemetry/api';
import { headers as natsHeaders, type MsgHdrs } from '@nats-io/nats-core';

export const tracer = trace.getTracer('@homi/messaging');

/** Headers a message carries: W3C trace context (`traceparent`, `tracestate`) and the like. */
export type MessageHeaders = Record<string, string>;

/** The active trace context as W3C headers, to be stored with a message. */
export function currentTraceHeaders(ctx: Context = context.active()): MessageHeaders {
  const carrier: MessageHeaders = {};
  propagation.inject(ctx, carrier);
  return carrier;
}

/** The trace context stored in message headers (or the root context when there is none). */
export function contextFromHeaders(headers: MessageHeaders): Context {
  return propagation.extract(ROOT_CONTEXT, headers);
}

export function toNatsHeaders(values: MessageHeaders): MsgHdrs {
  const h = natsHeaders();
  for (const [k, v] of Object.entries(values)) h.set(k, v);
  return h;
}

export function fromNatsHeaders(h: MsgHdrs | undefined): MessageHeaders {
  const out: MessageHeaders = {};
  if (!h) return out;
  for (const k of h.keys()) out[k] = h.get(k);
  return out;
}

/** Marks a span failed by an expected condition: a status, but no exception event. */
export function failExpected(span: Span, reason: string): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message: reason });
}

/** Marks a span failed by something nobody planned for: status plus the recorded exception. */
export function failUnexpected(span: Span, err: unknown): void {
  span.recordException(err instanceof Error ? err : String(err));
  span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
}
