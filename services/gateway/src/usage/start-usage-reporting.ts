import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { GATEWAY_STREAM } from '@homi/contracts';
import { ensureStream } from '@homi/messaging';
import type { Logger } from '@homi/service-kit';
import { API_ROUTES } from '../http/route-table';
import { countTenantRequests } from './count-tenant-requests';
import { UsageReporter } from './usage-reporter';

/** The GATEWAY stream (ensured), a started reporter, and the middleware that feeds it. */
export async function startUsageReporting(nc: NatsConnection, logger: Logger, flushSeconds: number) {
  const js = jetstream(nc);
  await ensureStream(await js.jetstreamManager(), { name: GATEWAY_STREAM.name, subjects: [...GATEWAY_STREAM.subjects], maxAgeMs: GATEWAY_STREAM.maxAgeMs });
  const reporter = new UsageReporter({ js, logger, flushIntervalMs: flushSeconds * 1000 });
  reporter.start();
  return { reporter, middleware: countTenantRequests(reporter, API_ROUTES) };
}
