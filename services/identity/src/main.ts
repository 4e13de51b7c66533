// Tracing first, from a module that loads no HTTP code itself: the instrumentation patches
// `http` when express requires it after this point.
import { startServiceTelemetry } from '@homi/service-kit/telemetry';

const telemetry = startServiceTelemetry('identity');

import { runService } from '@homi/service-kit';
import { readConfig } from './config';
import { buildService, openDatabase, SERVICE } from './service';

runService({
  name: SERVICE,
  telemetry,
  readConfig,
  migrate: async (config, logger) => (await openDatabase(config, logger)).close(),
  start: async (config, logger) => {
    const service = await buildService(config, logger);
    return {
      http: service.http,
      describe: { identityProvider: config.IDENTITY_PROVIDER },
      steps: [
        { name: 'retention', run: () => service.housekeeping.stop() },
        { name: 'consumers', run: () => Promise.all(service.consumers.map((c) => c.stop())) },
        { name: 'reconciler', run: () => service.reconciler.stop() },
        { name: 'support access expiry', run: () => service.expiry.stop() },
        { name: 'outbox relay', run: () => service.relay.stop() },
        { name: 'mail', run: () => service.mailer.close() },
        { name: 'nats', run: () => service.nc.drain() },
        { name: 'database', run: () => service.orm.close() },
      ],
    };
  },
});
