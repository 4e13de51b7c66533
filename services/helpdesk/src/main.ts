// Tracing first, from a module that loads no HTTP code itself: the instrumentation patches
// `http` when express requires it after this point.
import { startServiceTelemetry } from '@homi/service-kit/telemetry';

const telemetry = startServiceTelemetry('helpdesk');

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
    return { http: service.http, steps: service.steps };
  },
});
