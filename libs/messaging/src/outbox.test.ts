import type { EntityManager } from '@mikro-orm/core';
import { context, propagation, trace, TraceFlags } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { z } from 'zod';
import { defineContract } from '@homi/contracts';
import { enqueue, InvalidMessageError, type OutboxMessage } from './outbox';

const ThingCreated = defineContract('unit.thing.created.v1', 1, z.strictObject({ thingId: z.string().min(1) }));

/** Just enough of an EntityManager to see what enqueue asks of it. */
function fakeEm() {
  const persisted: OutboxMessage[] = [];
  let flushed = 0;
  const em = {
    // Outside a transaction: the row goes to the unit of work as an entity.
    getTransactionContext: () => undefined,
    create: (_schema: unknown, data: OutboxMessage) => ({ ...data }),
    persist: (row: OutboxMessage) => void persisted.push(row),
    flush: async () => void flushed++,
  };
  return { em: em as unknown as EntityManager, persisted, flushes: () => flushed };
}

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
});

afterAll(() => {
  propagation.disable();
  context.disable();
});

describe('enqueue', () => {
  it('persists an outbox row for the contract subject without flushing', () => {
    const { em, persisted, flushes } = fakeEm();

    const row = enqueue(em, ThingCreated, { thingId: 'a' });

    expect(persisted).toEqual([row]);
    expect(flushes()).toBe(0);
    expect(row).toMatchObject({ subject: ThingCreated.subject, payload: { thingId: 'a' }, publishedAt: null, attempts: 0 });
    expect(row.id).toMatch(/^evt_/);
  });

  it('throws on data that breaks the contract and persists nothing', () => {
    const { em, persisted } = fakeEm();

    expect(() => enqueue(em, ThingCreated, { thingId: '' })).toThrow(InvalidMessageError);
    expect(() => enqueue(em, ThingCreated, { thingId: 'a', extra: 1 } as never)).toThrow(InvalidMessageError);
    expect(persisted).toEqual([]);
  });

  it('stores the active trace context as W3C headers', () => {
    const { em } = fakeEm();
    const spanContext = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: TraceFlags.SAMPLED };

    const row = context.with(trace.setSpanContext(context.active(), spanContext), () => enqueue(em, ThingCreated, { thingId: 'a' }));

    expect(row.headers).toEqual({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' });
  });

  it('stores no trace headers when no span is active', () => {
    const { em } = fakeEm();
    expect(enqueue(em, ThingCreated, { thingId: 'a' }).headers).toEqual({});
  });
});
