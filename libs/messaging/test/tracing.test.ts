import { SpanKind, trace, type SpanContext } from '@opentelemetry/api';
import { enqueue, OutboxRelay, publish, runConsumer, type ConsumerHandle } from '../src';
import { testContracts } from './support/contracts';
import { createTestDb, type TestDb } from './support/db';
import { uniqueSuffix, waitFor } from './support/env';
import { recordingLogger } from './support/logger';
import { createTestNats, type TestNats } from './support/nats';
import { installInMemoryTracing } from './support/tracing';

const tracing = installInMemoryTracing();
const sfx = uniqueSuffix();
const PREFIX = `trace_${sfx}`;
const STREAM = `TRACE_${sfx}`;
const { ThingCreated } = testContracts(PREFIX);
const testTracer = trace.getTracer('messaging-test');

let db: TestDb;
let nats: TestNats;
let consumer: ConsumerHandle | undefined;
const handlerSpans = new Map<string, SpanContext | undefined>();
let failWith: ((thingId: string) => unknown) | undefined;

beforeAll(async () => {
  db = await createTestDb();
  nats = await createTestNats('tracing-test');
  await nats.stream(STREAM, [`${PREFIX}.>`]);
  const durable = `trace_${sfx}`;
  nats.cleanDeadLettersOnClose(durable);
  consumer = await runConsumer({
    js: nats.js,
    orm: db.orm,
    logger: recordingLogger(),
    stream: STREAM,
    durable,
    contracts: [ThingCreated],
    backoffMs: [20],
    maxDeliver: 2,
    handler: async (event) => {
      handlerSpans.set(event.data.thingId, trace.getActiveSpan()?.spanContext());
      const failure = failWith?.(event.data.thingId);
      if (failure) throw failure;
    },
  });
});

afterAll(async () => {
  await consumer?.stop();
  await nats?.close();
  await db?.close();
  await tracing.shutdown();
});

const spans = () => tracing.exporter.getFinishedSpans();
const consumerSpans = () => spans().filter((s) => s.kind === SpanKind.CONSUMER);
const consumerSpanOf = (thingId: string) =>
  consumerSpans().find((s) => s.spanContext().spanId === handlerSpans.get(thingId)?.spanId);

/** Waits until the handler has run for this thing and its consumer span has ended. */
async function consumed(thingId: string): Promise<void> {
  await waitFor(() => consumerSpanOf(thingId) !== undefined);
}

describe('trace context across the bus', () => {
  it('makes the span active at enqueue time the parent of the consumer span', async () => {
    const enqueueSpan = await testTracer.startActiveSpan('create thing', async (span) => {
      await db.orm.em.fork().transactional(async (em) => {
        enqueue(em, ThingCreated, { thingId: 'traced', n: 1 });
      });
      span.end();
      return span;
    });
    await new OutboxRelay(db.orm, nats.js, recordingLogger()).runBatch();
    await consumed('traced');

    const processing = consumerSpanOf('traced');
    const producer = spans().find((s) => s.kind === SpanKind.PRODUCER && s.name === `send ${ThingCreated.subject}`);
    expect(processing?.name).toBe(`process ${ThingCreated.subject}`);
    expect(processing?.parentSpanContext?.spanId).toBe(enqueueSpan.spanContext().spanId);
    expect(processing?.spanContext().traceId).toBe(enqueueSpan.spanContext().traceId);
    expect(producer?.parentSpanContext?.spanId).toBe(enqueueSpan.spanContext().spanId);
  });

  it('makes the producer span of a direct publish the parent of the consumer span', async () => {
    await publish(nats.js, ThingCreated, { thingId: 'direct', n: 1 }, { msgId: `evt_direct_${sfx}` });
    await consumed('direct');

    const processing = consumerSpanOf('direct');
    const producer = spans().find(
      (s) => s.kind === SpanKind.PRODUCER && s.attributes['messaging.message.id'] === `evt_direct_${sfx}`,
    );
    expect(producer).toBeDefined();
    expect(processing?.parentSpanContext?.spanId).toBe(producer?.spanContext().spanId);
  });

  it('records an unexpected handler error as a span exception, an expected one only as a status', async () => {
    failWith = (thingId) =>
      thingId === 'unexpected' ? new Error('bug') : Object.assign(new Error('taken'), { kind: 'conflict' });
    await publish(nats.js, ThingCreated, { thingId: 'unexpected', n: 1 }, { msgId: `evt_unexp_${sfx}` });
    await publish(nats.js, ThingCreated, { thingId: 'expected', n: 1 }, { msgId: `evt_exp_${sfx}` });
    await consumed('unexpected');
    await consumed('expected');
    failWith = undefined;

    const exceptions = (thingId: string) =>
      consumerSpans()
        .filter((s) => s.spanContext().traceId === handlerSpans.get(thingId)?.traceId)
        .flatMap((s) => s.events.filter((e) => e.name === 'exception'));
    expect(exceptions('unexpected').length).toBeGreaterThan(0);
    expect(exceptions('expected')).toEqual([]);
    expect(consumerSpanOf('expected')?.status.message).toBe('taken');
  });
});
