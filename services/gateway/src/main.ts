// Tracing first, from a module that loads no HTTP code itself: the instrumentation patches
// `http` when express requires it after this point.
import { startServiceTelemetry } from '@homi/service-kit/telemetry';

const telemetry = startServiceTelemetry('gateway');

import { runService } from '@homi/service-kit';
import { readConfig } from './config';
import { buildGateway, SERVICE } from './service';

runService({
  name: SERVICE,
  telemetry,
  readConfig,
  start: async (config, logger) => {
    const gateway = await buildGateway(config, logger);
    return {
      http: gateway.http,
      describe: { issuer: config.OIDC_ISSUER_URL },
      steps: [
        { name: 'token verifier', run: async () => gateway.verifier.stop() },
        { name: 'rate limiter', run: async () => gateway.stopSweeping() },
        { name: 'memberships watch', run: () => gateway.memberships.stop() },
        { name: 'users watch', run: () => gateway.users.stop() },
        { name: 'support grants watch', run: () => gateway.grants.stop() },
        {
          name: 'upstream connections',
          run: async () => {
            gateway.tenantData.close();
            gateway.identity.close();
            gateway.privacy.close();
            gateway.billing.close();
          },
        },
        { name: 'usage report', run: () => gateway.usage.stop() },
        { name: 'support refusals', run: () => gateway.refusals.stop() },
        { name: 'nats', run: () => gateway.nc.drain() },
      ],
    };
  },
});
