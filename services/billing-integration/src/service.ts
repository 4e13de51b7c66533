import { BILLING_STREAM, PRIVACY_STREAM, TENANT_DATA_STREAM } from '@homi/contracts';
import { ownerSettings, serviceDatabase, startService, type BuildOptions, type RunningService } from '@homi/privacy-kit';
import { CredentialCipher, newId, serviceVerifier, periodicJob, type Logger, type PeriodicJob } from '@homi/service-kit';
import type { Config } from './config';
import type { Deps } from './application/deps';
import type { InvoicingProvider } from './application/ports';
import { issueDueInvoices } from './application/issue-due-invoices';
import { pollPayments } from './application/poll-payments';
import { rewrapCredentials } from './application/rewrap-credentials';
import { mountRoutes } from './http/routes';
import { FactuurSturenProvider } from './infrastructure/factuursturen-provider';
import { Migration0001Initial } from './infrastructure/migrations/0001-initial';
import { Migration0002Retention } from './infrastructure/migrations/0002-retention';
import { Migration0003AllTenantsEscape } from './infrastructure/migrations/0003-all-tenants-escape';
import { Migration0004AppointmentInvoices } from './infrastructure/migrations/0004-appointment-invoices';
import { Migration0005ProviderCalls } from './infrastructure/migrations/0005-provider-calls';
import { billingEntities } from './infrastructure/schema';
import { TenantDataAppointments, TenantDataClients } from './infrastructure/tenant-data-clients';
import { billingUnitOfWork } from './infrastructure/repositories';
import { billingDataOwner } from './privacy';
import { retentionPolicies } from './retention';
import { subscribeClientSync } from './subscribers/client-sync';

export { stopService } from '@homi/privacy-kit';

export const SERVICE = 'billing-integration';

const database = serviceDatabase<Config>({
  service: SERVICE,
  entities: billingEntities,
  migrations: [Migration0001Initial, Migration0002Retention, Migration0003AllTenantsEscape, Migration0004AppointmentInvoices, Migration0005ProviderCalls],
  lockKey: 0xb1_11_17_01,
});

/** The invoice worker and the payment poller, by name (tests run a turn of one). */
export interface BillingJobs {
  issuer: PeriodicJob;
  poller: PeriodicJob;
}

export type BillingService = Omit<RunningService<Deps>, 'jobs'> & { jobs: BillingJobs };

/** What tests may replace besides the clock: the provider (to wrap it). */
export interface ServiceOverrides extends BuildOptions {
  provider?: InvoicingProvider;
}

/** Opens billing-integration's database (BILLING_INTEGRATION_DATABASE_URL or homi_billing_integration, as the chart and compose name it), creating it when missing, and applies pending migrations. */
export const openDatabase = database.open;

/** Wires billing-integration: database, NATS streams, relay, the client-sync consumer, data owner, jobs, routes. */
export async function buildService(config: Config, logger: Logger, overrides: ServiceOverrides = {}): Promise<BillingService> {
  const clock = overrides.clock ?? (() => new Date());
  const jobs = {} as BillingJobs;
  const running = await startService<Deps>({
    ...database.connections(config),
    logger,
    // From the constants, max age included: privacy and tenant-data ensure the same streams from them.
    streams: [BILLING_STREAM, TENANT_DATA_STREAM],
    deps: ({ orm }) => {
      const deps: Deps = {
        uow: billingUnitOfWork(orm, logger),
        clock,
        newId,
        provider: overrides.provider ?? new FactuurSturenProvider({ baseUrl: config.FACTUURSTUREN_URL, timeoutMs: config.FACTUURSTUREN_TIMEOUT_MS }),
        cipher: new CredentialCipher({ id: config.BILLING_CREDENTIALS_KEY_ID, key: config.BILLING_CREDENTIALS_KEY }, config.BILLING_CREDENTIALS_PREVIOUS_KEYS),
        clients: new TenantDataClients({ url: config.TENANT_DATA_URL, keys: config.SERVICE_KEYS }),
        appointments: new TenantDataAppointments({ url: config.TENANT_DATA_URL, keys: config.SERVICE_KEYS }),
        kickIssuer: () => jobs.issuer.kick(),
        timing: { retryBaseMs: config.INVOICE_RETRY_BASE_MS, retryMaxMs: config.INVOICE_RETRY_MAX_MS, pollEveryMs: config.PAYMENT_POLL_EVERY_MS },
      };
      jobs.issuer = periodicJob({ name: 'invoice-issuer', intervalMs: config.INVOICE_WORKER_INTERVAL_MS, work: () => issueDueInvoices(deps, logger), logger });
      jobs.poller = periodicJob({ name: 'payment-poller', intervalMs: config.PAYMENT_POLLER_INTERVAL_MS, work: () => pollPayments(deps, logger), logger });
      return deps;
    },
    consumers: async (platform, deps) => {
      // Before anything uses a key: API keys still sealed under a retired key are re-sealed.
      const rewrapped = await rewrapCredentials(deps);
      if (rewrapped > 0) logger.info({ rewrapped, keyId: deps.cipher.currentKeyId }, 'credentials re-sealed under the current key');
      return [await subscribeClientSync(platform, deps)];
    },
    jobs: () => [jobs.issuer, jobs.poller],
    routes: (app, deps) => mountRoutes(app, deps, serviceVerifier(config.SERVICE_KEYS)),
    owner: {
      ...ownerSettings(config, clock),
      owner: billingDataOwner,
      policies: retentionPolicies,
      // TENANT_DATA (client sync), PRIVACY (data owner).
      consumedStreams: [TENANT_DATA_STREAM.name, PRIVACY_STREAM.name],
    },
  });
  return { ...running, jobs };
}
