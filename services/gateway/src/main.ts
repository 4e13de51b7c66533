// Tracing first, from a module that loads no HTTP code itself: the instrumentation patches
// `http` when express requires it after this point.
import { startTelemetry } from '@homi/service-kit/telemetry';

const telemetry = startTelemetry({
  serviceName: 'gateway',
  otlpEndpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT,
  metricsPort: process.env.METRICS_PORT ? Number(process.env.METRICS_PORT) : undefined,
});

import { createLogger, installGracefulShutdown } from '@homi/service-kit';
import { readConfig } from './config';
import { buildGateway, SERVICE } from './gateway';

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger({ service: SERVICE, level: config.LOG_LEVEL });
  const gateway = await buildGateway(config, logger);
  const server = gateway.http.app.listen(config.PORT, config.HOST, () => {
    logger.info({ port: config.PORT, issuer: config.OIDC_ISSUER_URL }, 'gateway listening');
  });
  installGracefulShutdown({
    logger,
    server,
    health: gateway.http.health,
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    steps: [
      { name: 'token verifier', run: async () => gateway.verifier.stop() },
      { name: 'rate limiter', run: async () => gateway.stopSweeping() },
      { name: 'memberships watch', run: () => gateway.memberships.stop() },
      { name: 'users watch', run: () => gateway.users.stop() },
      {
        name: 'upstream connections',
        run: async () => {
          gateway.tenantData.close();
          gateway.identity.close();
          gateway.privacy.close();
        },
      },
      { name: 'nats', run: () => gateway.nc.drain() },
      { name: 'telemetry', run: () => telemetry.shutdown() },
    ],
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`gateway failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
