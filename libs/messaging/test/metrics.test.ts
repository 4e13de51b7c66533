import { natsName } from '@homi/contracts';
import { metrics } from '@opentelemetry/api';
import { MeterProvider, MetricReader, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { enqueue, OutboxRelay, runConsumer } from '../src';
import { testContracts } from './support/contracts';
import { createTestDb, type TestDb } from './support/db';
import { uniqueSuffix } from './support/env';
import { recordingLogger } from './support/logger';
import { createTestNats, type TestNats } from './support/nats';

class TestReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

const sfx = uniqueSuffix();
const PREFIX = `metrics_${sfx}`;
const STREAM = `METRICS_${sfx}`;
const { ThingCreated } = testContracts(PREFIX);
let db: TestDb;
let nats: TestNats;
const reader = new TestReader();

function gauge(collected: ResourceMetrics, name: string): { value: number; attributes: Record<string, unknown> }[] {
  const metric = collected.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === name);
  return (metric?.dataPoints ?? []).map((p) => ({ value: p.value as number, attributes: p.attributes }));
}

beforeAll(async () => {
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
  db = await createTestDb();
  nats = await createTestNats('metrics-test');
  await nats.stream(STREAM, [`${PREFIX}.>`]);
});
afterAll(async () => {
  await nats?.close();
  await db?.close();
  metrics.disable();
});

describe('messaging metrics', () => {
  it('reports the outbox backlog while NATS refuses publishes', async () => {
    const refusing = { publish: () => Promise.reject(new Error('nats away')) };
    const relay = new OutboxRelay(db.orm, refusing as never, recordingLogger(), { pollIntervalMs: 10_000 });
    await db.orm.em.fork().transactional(async (em) => {
      for (let n = 0; n < 3; n++) enqueue(em, ThingCreated, { thingId: `t${n}`, n });
    });
    relay.start();
    const { resourceMetrics } = await reader.collect();
    await relay.stop();
    expect(gauge(resourceMetrics, 'homi_outbox_backlog')).toEqual([{ value: 3, attributes: {} }]);
  });

  it('reports how many messages a durable consumer has not yet handled', async () => {
    for (let n = 0; n < 4; n++) await nats.js.publish(natsName.subject(`${PREFIX}.thing.created.v1`), JSON.stringify({ thingId: `x${n}`, n }));
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const handle = await runConsumer({
      js: nats.js, orm: db.orm, logger: recordingLogger(), stream: STREAM, durable: `lag-${sfx}`,
      contracts: [ThingCreated], handler: () => gate, concurrency: 1, ackWaitMs: 60_000,
    });
    // The gauge appears once the consumer is registered; read it until it does (no fixed wait).
    let points = gauge((await reader.collect()).resourceMetrics, 'homi_consumer_pending');
    for (const deadline = Date.now() + 10_000; points.length === 0 && Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 50));
      points = gauge((await reader.collect()).resourceMetrics, 'homi_consumer_pending');
    }
    expect(points).toEqual([{ value: 4, attributes: { consumer: `lag-${sfx}`, stream: STREAM } }]);
    release();
    await handle.stop();
  });
});
