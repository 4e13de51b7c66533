// Tracing first, from a module that loads no HTTP code itself: the instrumentation patches
// `http` when express requires it after this point.
import { startTelemetry } from '@homi/service-kit/telemetry';

const telemetry = startTelemetry({
  serviceName: 'privacy',
  otlpEndpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT,
  metricsPort: process.env.METRICS_PORT ? Number(process.env.METRICS_PORT) : undefined,
});

import { createLogger, installGracefulShutdown } from '@homi/service-kit';
import { readConfig } from './config';
import { buildService, openDatabase, SERVICE } from './service';

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger({ service: SERVICE, level: config.LOG_LEVEL });
  if (process.env.MIGRATE_ONLY === 'true') {
    // The Helm pre-upgrade Job: migrate, then exit.
    await (await openDatabase(config, logger)).close();
    await telemetry.shutdown();
    logger.info('migrations applied');
    return;
  }
  const service = await buildService(config, logger);
  const server = service.http.app.listen(config.PORT, config.HOST, () => {
    logger.info({ port: config.PORT }, 'privacy listening');
  });
  installGracefulShutdown({
    logger,
    server,
    health: service.http.health,
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    steps: [
      { name: 'scheduler', run: () => service.scheduler.stop() },
      { name: 'consumers', run: () => Promise.all(service.consumers.map((c) => c.stop())) },
      { name: 'outbox relay', run: () => service.relay.stop() },
      { name: 'nats', run: () => service.nc.drain() },
      { name: 'database', run: () => service.orm.close() },
      { name: 'telemetry', run: () => telemetry.shutdown() },
    ],
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`privacy failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
