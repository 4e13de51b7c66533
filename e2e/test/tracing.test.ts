import http from 'node:http';
import { Writable } from 'node:stream';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { jetstream } from '@nats-io/jetstream';
import { ClientCreated, TENANT_DATA_STREAM } from '@homi/contracts';
import { connectNats, messagingEntities, messagingMigration, runConsumer } from '@homi/messaging';
import { createLogger, createOrm } from '@homi/service-kit';
import { createDatabase, dropDatabase, testInfra, uniqueName } from '@homi/testing';
import { client, startPlatform, type Platform } from './platform';

interface OtlpSpan { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number }

/** A stand-in OpenTelemetry collector: receives OTLP/HTTP JSON from the services. */
function startCollector() {
  const spans: { service: string; span: OtlpSpan }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const payload = JSON.parse(body || '{}');
      for (const rs of payload.resourceSpans ?? []) {
        const service = rs.resource?.attributes?.find((a: { key: string }) => a.key === 'service.name')?.value?.stringValue;
        for (const ss of rs.scopeSpans ?? []) for (const span of ss.spans ?? []) spans.push({ service, span });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return { spans, server };
}

describe('one trace across HTTP and NATS', () => {
  let p: Platform;
  const collector = startCollector();
  const exporter = new InMemorySpanExporter();
  const dbName = uniqueName('homi_e2e_trace');

  beforeAll(async () => {
    await new Promise<void>((r) => collector.server.listen(0, '127.0.0.1', () => r()));
    const endpoint = `http://127.0.0.1:${(collector.server.address() as { port: number }).port}`;
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }));
    p = await startPlatform({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_BSP_SCHEDULE_DELAY: '100' } });
  }, 120_000);

  afterAll(async () => {
    await p?.stop();
    collector.server.close();
    await dropDatabase((await testInfra()).databaseUrl, dbName);
    trace.disable();
    propagation.disable();
    context.disable();
  });

  it('links the gateway request, tenant-data, the outbox relay and a consumer in one trace', async () => {
    const { tenantId, ownerToken } = await p.signup('Trace Salon');
    const api = client(p.gateway, ownerToken);
    const created = await api.post(`/tenants/${tenantId}/clients`, { name: 'Traced Client' });
    expect(created.status).toBe(201);

    // A consumer in this process, as billing will be: its span must continue the same trace.
    const silent = createLogger({ service: 'test', level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
    const orm = await createOrm({ clientUrl: await createDatabase((await testInfra()).databaseUrl, dbName), entities: [...messagingEntities], migrations: [messagingMigration] });
    await orm.migrator.up();
    const nc = await connectNats({ url: p.natsUrl, name: 'trace-consumer' });
    let seen: string | undefined;
    const handle = await runConsumer({
      js: jetstream(nc), orm, logger: silent, stream: TENANT_DATA_STREAM.name, durable: 'trace-test', contracts: [ClientCreated],
      handler: async (event) => { if (event.data.clientId === created.body.id) seen = event.data.clientId; },
    });
    const deadline = Date.now() + 15_000;
    const consumerSpan = () => exporter.getFinishedSpans().find((s) => s.name.startsWith('process') && seen);
    while ((!consumerSpan() || collector.spans.length < 3) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await handle.stop();
    await nc.close();
    await orm.close();

    const traceId = consumerSpan()?.spanContext().traceId;
    expect(traceId).toBeDefined();
    const inTrace = collector.spans.filter((s) => s.span.traceId === traceId);
    const services = new Set(inTrace.map((s) => s.service));
    expect([...services]).toEqual(expect.arrayContaining(['gateway', 'tenant-data']));
    // The gateway's server span is the root: the browser's request started the trace.
    const root = inTrace.find((s) => !s.span.parentSpanId);
    expect(root?.service).toBe('gateway');
    expect(inTrace.some((s) => s.service === 'tenant-data' && s.span.name.startsWith('send'))).toBe(true);
  });
});
