import type { Server } from 'node:http';
import { startFactuurSturenSimulator, type FactuurSturenSimulator } from '@homi/factuursturen-simulator';
import { createLogger } from '@homi/service-kit';
import { capturedLog, listenLocally, localUrl, ownedTestDatabase, pollUntil, startPrivateNatsServer } from '@homi/testing';
// tenant-data runs for real beside billing-integration: its internal route and its events are what billing consumes.
import { buildService as buildTenantData, stopService as stopTenantData, type TenantDataService } from '../../tenant-data/src/service';
import { readConfig as readTenantDataConfig } from '../../tenant-data/src/config';
import { TENANT_ROLE as TENANT_DATA_ROLE } from '../../tenant-data/src/infrastructure/migrations/0001-initial';
import { owner, signedClient, type Caller } from '../../tenant-data/test/harness';
import { FactuurSturenProvider } from '../src/infrastructure/factuursturen-provider';
import { buildService, stopService, type BillingService } from '../src/service';
import { readConfig } from '../src/config';
import { TENANT_ROLE } from '../src/infrastructure/migrations/0001-initial';
import { PostgresTenantScope } from '../src/infrastructure/tenant-scope';
import type { InvoicingProvider } from '../src/application/ports';

export { callerHeader, GATEWAY, owner, staff, type Caller } from '../../tenant-data/test/harness';
export const KEY = Buffer.alloc(32, 7).toString('base64');
export const ACCOUNT = { username: 'salon@example.nl', apiKey: 'fs-live-key-4f9a2c7d1e' };
export const OTHER_ACCOUNT = { username: 'kapper@example.nl', apiKey: 'fs-other-key-88b1e0c3' };

export interface Harness {
  billing: BillingService;
  server: Server;
  tenantData: TenantDataService;
  tenantDataServer: Server;
  sim: FactuurSturenSimulator;
  databaseUrl: string;
  natsUrl: string;
  logLines: string[];
  /** Moves the service's clock; undefined: the real one. */
  setClock(now: Date | undefined): void;
  /** Starts another billing instance on the same database and NATS (a restart, a replica). */
  startBilling(options?: BillingOptions): Promise<{ billing: BillingService; server: Server; stop(): Promise<void> }>;
  stop(): Promise<void>;
}

export interface BillingOptions {
  env?: Record<string, string>;
  provider?: (real: FactuurSturenProvider) => InvoicingProvider;
  privacyUrl?: string;
}


/** A fast-failing adapter for tests: short timeouts and backoffs, a breaker that recovers quickly. */
export const testProvider = (sim: FactuurSturenSimulator) =>
  new FactuurSturenProvider({ baseUrl: `${sim.url}/api/v1/`, timeoutMs: 300, backoffBaseMs: 5, backoffMaxMs: 20, cooldownMs: 50, failureThreshold: 50 });

/**
 * billing-integration and tenant-data in-process on real sockets, each with a fresh database, on a
 * private nats-server, against the FactuurSturen simulator over HTTP.
 */
export async function startHarness(options: BillingOptions = {}): Promise<Harness> {
  const nats = await startPrivateNatsServer();
  const sim = await startFactuurSturenSimulator({ accounts: [ACCOUNT, OTHER_ACCOUNT] });
  const tdDb = await ownedTestDatabase('homi_bi_td_test', [TENANT_DATA_ROLE]);
  const biDb = await ownedTestDatabase('homi_bi_test', [TENANT_ROLE]);
  const tdUrl = tdDb.url;
  const databaseUrl = biDb.url;
  const log = capturedLog();
  const quiet = createLogger({ service: 'tenant-data', level: 'warn' });
  const tenantData = await buildTenantData(readTenantDataConfig({ TENANT_DATA_DATABASE_URL: tdUrl, NATS_URL: nats.url, NODE_ENV: 'test' }), quiet);
  const tenantDataServer = await listenLocally(tenantData.http.app);
  let clock: Date | undefined;

  const startBilling = async (o: BillingOptions = options) => {
    const config = readConfig({
      BILLING_INTEGRATION_DATABASE_URL: databaseUrl, NATS_URL: nats.url, NODE_ENV: 'test',
      BILLING_CREDENTIALS_KEY: KEY, FACTUURSTUREN_URL: `${sim.url}/api/v1/`, TENANT_DATA_URL: localUrl(tenantDataServer),
      INVOICE_WORKER_INTERVAL_MS: '50', INVOICE_RETRY_BASE_MS: '20', INVOICE_RETRY_MAX_MS: '100',
      PAYMENT_POLLER_INTERVAL_MS: '3600000', RETENTION_INTERVAL_MS: '3600000',
      ...(o.privacyUrl ? { PRIVACY_URL: o.privacyUrl } : {}),
      ...o.env,
    });
    const logger = createLogger({ service: 'billing-integration', level: 'debug', destination: log.destination });
    const real = testProvider(sim);
    const billing = await buildService(config, logger, { provider: o.provider ? o.provider(real) : real, clock: () => clock ?? new Date() });
    const server = await listenLocally(billing.http.app);
    return { billing, server, stop: () => stopService(billing, server) };
  };
  const first = await startBilling();

  return {
    ...first,
    tenantData,
    tenantDataServer,
    sim,
    databaseUrl,
    natsUrl: nats.url,
    logLines: log.lines,
    setClock: (now) => (clock = now),
    startBilling,
    async stop() {
      await first.stop().catch(() => undefined);
      await stopTenantData(tenantData, tenantDataServer);
      await sim.close();
      await nats.dispose();
      await biDb.drop();
      await tdDb.drop();
    },
  };
}

/** Raw-SQL transactions on a billing instance's database, for one tenant or across tenants as the service opens them (the use cases see only repositories). */
export const scopeOf = (billing: Pick<BillingService, 'orm'>) => new PostgresTenantScope(billing.orm);

/** billing-integration's API as `caller`, with the gateway's signed context. */
export const as = (h: Pick<Harness, 'server'>, caller: Caller) => signedClient(h.server, caller, 'billing-integration');
/** tenant-data's API as `caller`. */
export const tenantDataAs = (h: Harness, caller: Caller) => signedClient(h.tenantDataServer, caller);

/**
 * A provider whose `method` does its work at FactuurSturen and then throws, as a process dying before
 * its commit would (`crashed.count` counts them); `others` replaces further methods.
 */
export function dyingAfter(method: 'createClient' | 'createInvoice', others: Partial<InvoicingProvider> = {}) {
  const crashed = { count: 0 };
  const provider = (real: FactuurSturenProvider): InvoicingProvider => Object.assign(Object.create(real) as FactuurSturenProvider, {
    [method]: async (...args: unknown[]) => {
      await (real[method] as (...a: unknown[]) => Promise<unknown>).apply(real, args);
      crashed.count += 1;
      throw new Error('process died before its commit');
    },
    ...others,
  });
  return { provider, crashed };
}

/** Resolves with the first truthy value `probe` returns within the time, else throws. */
export const eventually = <T>(probe: () => Promise<T | undefined | false>, timeoutMs = 10_000, what = 'condition'): Promise<T> =>
  pollUntil(probe, { done: Boolean, timeoutMs, intervalMs: 50, what }) as Promise<T>;

export const connectBody = (shareClientData = true, account = ACCOUNT) => ({ ...account, shareClientData });
export const haircut = { description: 'Knippen', quantity: 1, unitPriceCents: 3000, taxRate: 21 };

/** A connected tenant with one client in tenant-data; returns the APIs and the client id. */
export async function connectedTenant(h: Harness, clientBody: Record<string, unknown> = { name: 'Anna de Vries', email: 'anna@example.nl', phone: '0612345678' }) {
  const caller = owner();
  const api = as(h, caller);
  const td = tenantDataAs(h, caller);
  const connected = await api.put('/integrations/factuursturen', connectBody());
  if (connected.status !== 200) throw new Error(`connect failed: ${connected.status} ${JSON.stringify(connected.body)}`);
  const created = await td.post('/clients', clientBody);
  if (created.status !== 201) throw new Error(`client not created: ${created.status}`);
  return { caller, api, td, clientId: created.body.id as string };
}

/** The invoice once it left `pending`. */
export const settled = (api: ReturnType<typeof as>, id: string, timeoutMs = 10_000) =>
  eventually(async () => {
    const res = await api.get(`/invoices/${id}`);
    return res.body.status !== 'pending' ? res.body : undefined;
  }, timeoutMs, `invoice ${id} to settle`);

