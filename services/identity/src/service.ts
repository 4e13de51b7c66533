import type { Server } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { NatsConnection } from '@nats-io/nats-core';
import { jetstream } from '@nats-io/jetstream';
import { AUDIT_STREAM, IDENTITY_STREAM, PRIVACY_STREAM, SupportAccessChanged, SupportAccessRefused, TenantActionPerformed } from '@homi/contracts';
import { connectNats, ensureStream, messagingEntities, messagingMigration, OutboxRelay, runConsumer, type ConsumerHandle } from '@homi/messaging';
import { Mailer, SmtpMailSender, smtpSettingsFrom } from '@homi/mail';
import { retentionMigration, startDataOwner, startHousekeeping, type DataOwnerHandle, type Housekeeping } from '@homi/privacy-kit';
import { createHttpApp, enterAllTenants, inAllTenantsTransaction, newId, openServiceDatabase, type HttpApp, type Logger, type PeriodicJob } from '@homi/service-kit';
import type { Config } from './config';
import type { Deps, TenantStep } from './application/deps';
import type { IdentityProvider } from './application/ports';
import { seedFirstStatement } from './application/privacy-statements';
import { supportAccessExpiry } from './application/lapse-support-access';
import { projectCurrentStatement, projectEverything, projectEvent, projectUser, PROJECTED_CONTRACTS } from './application/project-access';
import { projectGrant, reconcileGrants } from './application/project-grants';
import { reconciler as startReconciler } from './application/reconcile';
import { recordSupportRefusal, recordTenantAction } from './application/tenant-audit-log';
import { createTenant } from './application/tenant-step';
import { mountRoutes } from './http/routes';
import { AccessReader } from './infrastructure/access-reader';
import { identityProviderFrom } from './infrastructure/identity-provider-factory';
import { KvAccessStore } from './infrastructure/kv-access-store';
import { KvGrantStore } from './infrastructure/kv-grant-store';
import { Migration0001Initial } from './infrastructure/migrations/0001-initial';
import { Migration0002SupportAccess } from './infrastructure/migrations/0002-support-access';
import { Migration0003Retention } from './infrastructure/migrations/0003-retention';
import { Migration0004Invitations } from './infrastructure/migrations/0004-invitations';
import { newMailToken } from './infrastructure/mail-tokens';
import { Migration0005ForcedRowLevelSecurity } from './infrastructure/migrations/0005-forced-row-level-security';
import { Migration0006AuditLogFilters } from './infrastructure/migrations/0006-audit-log-filters';
import { identityEntities } from './infrastructure/schema';
import { PostgresScopes } from './infrastructure/scopes';
import { declaration, identityDataOwner } from './privacy';
import { retentionPolicies } from './retention';

export const SERVICE = 'identity';
const MIGRATION_LOCK = 0x1d_e7_17_01;

export interface IdentityService {
  http: HttpApp;
  orm: MikroORM;
  nc: NatsConnection;
  relay: OutboxRelay;
  consumers: (ConsumerHandle | DataOwnerHandle)[];
  reconciler: PeriodicJob;
  expiry: PeriodicJob;
  store: KvAccessStore;
  grants: KvGrantStore;
  /** Retention of the declared categories, and of the inbox. */
  housekeeping: Housekeeping;
  mailer: Mailer;
  deps: Deps;
}


/** What tests may replace: the identity provider, the sign-up's tenant step (to make it fail), the clock. */
export interface ServiceOverrides {
  idp?: IdentityProvider;
  tenantStep?: TenantStep;
  clock?: () => Date;
}

/** Opens identity's database, creating it when missing, and applies pending migrations. */
export async function openDatabase(config: Config, logger: Logger): Promise<MikroORM> {
  return openServiceDatabase({
    service: SERVICE,
    env: { DATABASE_URL: config.DATABASE_URL, IDENTITY_DATABASE_URL: config.IDENTITY_DATABASE_URL },
    entities: [...identityEntities, ...messagingEntities],
    migrations: [
      messagingMigration,
      retentionMigration,
      { name: 'Migration0001Initial', class: Migration0001Initial },
      { name: 'Migration0002SupportAccess', class: Migration0002SupportAccess },
      { name: 'Migration0003Retention', class: Migration0003Retention },
      { name: 'Migration0004Invitations', class: Migration0004Invitations },
      { name: 'Migration0005ForcedRowLevelSecurity', class: Migration0005ForcedRowLevelSecurity },
      { name: 'Migration0006AuditLogFilters', class: Migration0006AuditLogFilters },
    ],
    lockKey: MIGRATION_LOCK,
    logger,
  });
}

/** Wires identity: database (created, migrated, first statement seeded), NATS, KV projection, relay, routes. */
export async function buildService(config: Config, logger: Logger, overrides: ServiceOverrides = {}): Promise<IdentityService> {
  const orm = await openDatabase(config, logger);
  const started: Started = { consumers: [] };
  try {
    return await wire(config, logger, overrides, orm, started);
  } catch (err) {
    // A start that fails halfway leaves nothing running behind it.
    if (started.housekeeping) await started.housekeeping.stop().catch(() => undefined);
    for (const c of started.consumers) await c.stop().catch(() => undefined);
    await started.expiry?.stop().catch(() => undefined);
    await started.relay?.stop().catch(() => undefined);
    await started.mailer?.close().catch(() => undefined);
    await started.nc?.close().catch(() => undefined);
    await orm.close();
    throw err;
  }
}

/** What is running so far, so that a failed start can stop it. */
interface Started {
  nc?: NatsConnection;
  relay?: OutboxRelay;
  expiry?: PeriodicJob;
  housekeeping?: Housekeeping;
  mailer?: Mailer;
  consumers: (ConsumerHandle | DataOwnerHandle)[];
}

async function wire(config: Config, logger: Logger, overrides: ServiceOverrides, orm: MikroORM, started: Started): Promise<IdentityService> {
  const nc = await connectNats({ url: config.NATS_URL, name: SERVICE, logger });
  started.nc = nc;
  const js = jetstream(nc);
  const jsm = await js.jetstreamManager();
  await ensureStream(jsm, IDENTITY_STREAM);
  await ensureStream(jsm, { name: AUDIT_STREAM.name, subjects: [...AUDIT_STREAM.subjects], maxAgeMs: AUDIT_STREAM.maxAgeMs });
  const store = await KvAccessStore.open(nc, { memberships: config.MEMBERSHIPS_BUCKET, users: config.USERS_BUCKET });
  const grants = await KvGrantStore.open(nc, config.SUPPORT_GRANTS_BUCKET);

  const relay = new OutboxRelay(orm, js, logger);
  started.relay = relay;
  const mailer = new Mailer(new SmtpMailSender(smtpSettingsFrom(config)), logger);
  started.mailer = mailer;
  const web = config.WEB_BASE_URL.replace(/\/$/, '');
  const deps: Deps = {
    scopes: new PostgresScopes(orm, () => relay.kick()),
    idp: overrides.idp ?? identityProviderFrom(config, logger),
    clock: overrides.clock ?? (() => new Date()),
    newId,
    logger,
    tenantStep: overrides.tenantStep ?? createTenant,
    supportRequestTtlMs: config.SUPPORT_REQUEST_TTL_HOURS * 3600_000,
    mail: mailer,
    newToken: newMailToken,
    // The token in the fragment: browsers do not send it, so no server or proxy log keeps it.
    links: {
      invitation: (token) => `${web}/invitations/accept#token=${token}`,
      emailConfirmation: (token) => `${web}/account/email-confirmation#token=${token}`,
    },
    emailChangeTtlMs: config.EMAIL_CHANGE_TTL_HOURS * 3600_000,
    // The projection reads whichever tenant's rows the change names: it says it crosses tenants.
    projectNow: (change) =>
      inAllTenantsTransaction(orm, (em) =>
        'supportRequestId' in change
          ? projectGrant(em, grants, change.supportRequestId, () => deps.clock())
          : projectUser(em, store, change.userId, change.tenantId)),
  };
  relay.start();
  if (await seedFirstStatement(deps)) logger.info('published the first privacy statement');
  await syncBuckets(orm, store);
  await inAllTenantsTransaction(orm, (em) => reconcileGrants(em, grants, deps.clock()));

  const consumers = started.consumers;
  consumers.push(
    await runConsumer({
      js, orm, logger,
      stream: IDENTITY_STREAM.name,
      durable: config.KV_PROJECTION_CONSUMER,
      contracts: PROJECTED_CONTRACTS,
      handler: async (event, em) => {
        await enterAllTenants(em);
        return event.subject === SupportAccessChanged.subject
          ? projectGrant(em, grants, (event.data as unknown as { requestId: string }).requestId, deps.clock)
          : projectEvent(em, store, event as Parameters<typeof projectEvent>[2]);
      },
    }),
    await runConsumer({
      js, orm, logger,
      stream: AUDIT_STREAM.name,
      durable: config.AUDIT_LOG_CONSUMER,
      contracts: [TenantActionPerformed],
      handler: (event, em) => recordTenantAction(em, event.data),
    }),
    // A durable of its own: the one above filters one subject, and a durable's filter cannot change in place.
    await runConsumer({
      js, orm, logger,
      stream: AUDIT_STREAM.name,
      durable: config.SUPPORT_REFUSALS_CONSUMER,
      contracts: [SupportAccessRefused],
      handler: (event, em) => recordSupportRefusal(em, event.data),
    }),
  );
  if (config.PRIVACY_DATA_OWNER) {
    const privacy = { url: config.PRIVACY_URL, secret: config.INTERNAL_AUTH_SECRET };
    consumers.push(await startDataOwner({ js, orm, logger, owner: identityDataOwner(deps.idp), privacy }));
  }
  const reconciler = startReconciler(deps, { intervalMs: config.RECONCILE_INTERVAL_MS, signupStaleAfterMs: config.SIGNUP_STALE_AFTER_MS }).start();
  const expiry = supportAccessExpiry(deps, config.SUPPORT_EXPIRY_INTERVAL_MS);
  started.expiry = expiry;
  expiry.start();
  const intervalMs = config.RETENTION_INTERVAL_MS;
  const housekeeping = startHousekeeping({
    orm, jsm, logger, declaration, policies: retentionPolicies, clock: deps.clock, intervalMs, afterReport: () => relay.kick(),
    // IDENTITY, AUDIT, and PRIVACY for the data owner.
    consumedStreams: [IDENTITY_STREAM.name, AUDIT_STREAM.name, ...(config.PRIVACY_DATA_OWNER ? [PRIVACY_STREAM.name] : [])],
  });
  started.housekeeping = housekeeping;

  const http = createHttpApp({
    logger,
    readiness: [
      { name: 'postgres', check: () => orm.em.fork().execute('select 1') },
      { name: 'nats', check: () => (nc.isClosed() ? Promise.reject(new Error('closed')) : nc.flush()) },
    ],
    routes: (app) => mountRoutes(app, deps, config.INTERNAL_AUTH_SECRET),
  });
  return { http, orm, nc, relay, consumers, reconciler, expiry, store, grants, housekeeping, mailer, deps };
}

/** Empty buckets (a new or wiped NATS) are rebuilt from the database, every tenant's; the current statement is always put. */
async function syncBuckets(orm: MikroORM, store: KvAccessStore): Promise<void> {
  await inAllTenantsTransaction(orm, async (em) => {
    if (await store.isEmpty()) await projectEverything(em, store);
    else await projectCurrentStatement(new AccessReader(em), store);
  });
}

/** Stops in the order that loses nothing: retention jobs, consumers, reconciler and expiry job, relay, NATS (drained), database. */
export async function stopService(service: IdentityService, server?: Server): Promise<void> {
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  await service.housekeeping.stop();
  for (const c of service.consumers) await c.stop();
  await service.reconciler.stop();
  await service.expiry.stop();
  await service.relay.stop();
  await service.mailer.close();
  await service.nc.drain();
  await service.orm.close();
}
