import type { Server } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { NatsConnection } from '@nats-io/nats-core';
import { jetstream } from '@nats-io/jetstream';
import { BILLING_STREAM, ClientCreated, ClientDeleted, ClientUpdated, PRIVACY_STREAM, TENANT_DATA_STREAM } from '@homi/contracts';
import { connectNats, ensureStream, messagingEntities, messagingMigration, OutboxRelay, runConsumer, type ConsumerHandle } from '@homi/messaging';
import { retentionMigration, startDataOwner, startHousekeeping, type DataOwnerHandle, type Housekeeping } from '@homi/privacy-kit';
import { createHttpApp, newId, openServiceDatabase, type HttpApp, type Logger, periodicJob, type PeriodicJob } from '@homi/service-kit';
import type { Config } from './config';
import type { Deps } from './application/deps';
import type { InvoicingProvider } from './application/ports';
import { issueDueInvoices } from './application/issue-due-invoices';
import { pollPayments } from './application/poll-payments';
import { rewrapCredentials } from './application/rewrap-credentials';
import { syncClientDeletion, syncClientUpdate } from './application/sync-client';
import { mountRoutes } from './http/routes';
import { CredentialCipher } from './infrastructure/credential-cipher';
import { FactuurSturenProvider } from './infrastructure/factuursturen-provider';
import { Migration0001Initial } from './infrastructure/migrations/0001-initial';
import { Migration0002Retention } from './infrastructure/migrations/0002-retention';
import { Migration0003AllTenantsEscape } from './infrastructure/migrations/0003-all-tenants-escape';
import { billingEntities } from './infrastructure/schema';
import { TenantDataClients } from './infrastructure/tenant-data-clients';
import { PostgresTenantScope } from './infrastructure/tenant-scope';
import { billingDataOwner, declaration } from './privacy';
import { retentionPolicies } from './retention';

export const SERVICE = 'billing-integration';
const MIGRATION_LOCK = 0xb1_11_17_01;

export interface BillingService {
  http: HttpApp;
  orm: MikroORM;
  nc: NatsConnection;
  relay: OutboxRelay;
  consumers: (ConsumerHandle | DataOwnerHandle)[];
  jobs: { issuer: PeriodicJob; poller: PeriodicJob };
  /** Retention of the declared categories (ADR 20), and of the inbox. */
  housekeeping: Housekeeping;
  deps: Deps;
}

/** What tests may replace: the provider (to wrap it), the clock (to move it). */
export interface ServiceOverrides {
  provider?: InvoicingProvider;
  clock?: () => Date;
}

/** Opens billing-integration's database (homi_billing_integration), creating it when missing, and applies pending migrations. */
export async function openDatabase(config: Config, logger: Logger): Promise<MikroORM> {
  // Named like the chart and compose name it: database homi_billing_integration, or BILLING_INTEGRATION_DATABASE_URL.
  return openServiceDatabase({
    service: SERVICE,
    env: { DATABASE_URL: config.DATABASE_URL, BILLING_INTEGRATION_DATABASE_URL: config.BILLING_INTEGRATION_DATABASE_URL },
    entities: [...billingEntities, ...messagingEntities],
    migrations: [
      messagingMigration,
      retentionMigration,
      { name: 'Migration0001Initial', class: Migration0001Initial },
      { name: 'Migration0002Retention', class: Migration0002Retention },
      { name: 'Migration0003AllTenantsEscape', class: Migration0003AllTenantsEscape },
    ],
    lockKey: MIGRATION_LOCK,
    logger,
  });
}

/** Wires billing-integration: database, NATS streams, relay, the client-sync consumer, data owner, jobs, routes. */
export async function buildService(config: Config, logger: Logger, overrides: ServiceOverrides = {}): Promise<BillingService> {
  const orm = await openDatabase(config, logger);
  const nc = await connectNats({ url: config.NATS_URL, name: SERVICE });
  const js = jetstream(nc);
  const jsm = await js.jetstreamManager();
  // From the constants, max age included: privacy and tenant-data ensure the same streams from them.
  await ensureStream(jsm, BILLING_STREAM);
  await ensureStream(jsm, TENANT_DATA_STREAM);

  const relay = new OutboxRelay(orm, js, logger);
  const jobs = {} as BillingService['jobs'];
  const deps: Deps = {
    scope: new PostgresTenantScope(orm, () => relay.kick()),
    clock: overrides.clock ?? (() => new Date()),
    newId,
    provider: overrides.provider ?? new FactuurSturenProvider({ baseUrl: config.FACTUURSTUREN_URL, timeoutMs: config.FACTUURSTUREN_TIMEOUT_MS }),
    cipher: new CredentialCipher({ id: config.BILLING_CREDENTIALS_KEY_ID, key: config.BILLING_CREDENTIALS_KEY }, config.BILLING_CREDENTIALS_PREVIOUS_KEYS),
    clients: new TenantDataClients({ url: config.TENANT_DATA_URL, secret: config.INTERNAL_AUTH_SECRET, service: SERVICE }),
    kickIssuer: () => jobs.issuer.kick(),
    timing: { retryBaseMs: config.INVOICE_RETRY_BASE_MS, retryMaxMs: config.INVOICE_RETRY_MAX_MS, pollEveryMs: config.PAYMENT_POLL_EVERY_MS },
  };
  jobs.issuer = periodicJob({ name: 'invoice-issuer', intervalMs: config.INVOICE_WORKER_INTERVAL_MS, work: () => issueDueInvoices(deps, logger), logger });
  jobs.poller = periodicJob({ name: 'payment-poller', intervalMs: config.PAYMENT_POLLER_INTERVAL_MS, work: () => pollPayments(deps, logger), logger });

  const rewrapped = await rewrapCredentials(deps);
  if (rewrapped > 0) logger.info({ rewrapped, keyId: deps.cipher.currentKeyId }, 'credentials re-sealed under the current key');

  const consumers: (ConsumerHandle | DataOwnerHandle)[] = [
    await runConsumer({
      js,
      orm,
      logger,
      stream: TENANT_DATA_STREAM.name,
      durable: 'billing-integration-client-sync',
      // ClientCreated is covered by the filter too; nothing is shared before the first invoice.
      contracts: [ClientCreated, ClientUpdated, ClientDeleted],
      filterSubject: 'tenant-data.client.>',
      handler: async (event, em) => {
        const { tenantId, clientId } = event.data;
        if (event.subject === ClientUpdated.subject) await syncClientUpdate(em, deps, tenantId, clientId);
        else if (event.subject === ClientDeleted.subject) await syncClientDeletion(em, deps, tenantId, clientId);
      },
    }),
    await startDataOwner({ js, orm, logger, owner: billingDataOwner(deps), privacy: { url: config.PRIVACY_URL, secret: config.INTERNAL_AUTH_SECRET } }),
  ];
  const intervalMs = config.RETENTION_INTERVAL_MS;
  const housekeeping = startHousekeeping({
    orm, jsm, logger, declaration, policies: retentionPolicies, clock: deps.clock, intervalMs, afterReport: () => relay.kick(),
    // TENANT_DATA (client sync), PRIVACY (data owner).
    consumedStreams: [TENANT_DATA_STREAM.name, PRIVACY_STREAM.name],
  });

  const http = createHttpApp({
    logger,
    readiness: [
      { name: 'postgres', check: () => orm.em.fork().execute('select 1') },
      { name: 'nats', check: () => (nc.isClosed() ? Promise.reject(new Error('closed')) : nc.flush()) },
    ],
    routes: (app) => mountRoutes(app, deps, config.INTERNAL_AUTH_SECRET),
  });
  relay.start();
  for (const job of Object.values(jobs)) job.start();
  return { http, orm, nc, relay, consumers, jobs, housekeeping, deps };
}

/** Stops the periodic jobs and the retention jobs, letting a run or batch under way commit. */
export async function stopJobs(service: BillingService): Promise<void> {
  for (const job of Object.values(service.jobs)) await job.stop();
  await service.housekeeping.stop();
}

/** Stops in the order that loses nothing: jobs and consumers, relay, NATS (drained), database. */
export async function stopService(service: BillingService, server?: Server): Promise<void> {
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  await stopJobs(service);
  for (const c of service.consumers) await c.stop();
  await service.relay.stop();
  await service.nc.drain();
  await service.orm.close();
}
