import { AUDIT_STREAM, HELPDESK_STREAM, IDENTITY_STREAM, PRIVACY_STREAM, SupportAccessRefused, TenantActionPerformed } from '@homi/contracts';
import { Mailer, SmtpMailSender, smtpSettingsFrom } from '@homi/mail';
import { ownerSettings, serviceDatabase, startService, type BuildOptions, type RunningService } from '@homi/privacy-kit';
import { newId, serviceVerifier, type Logger, type PeriodicJob } from '@homi/service-kit';
import type { Config } from './config';
import type { Deps, TenantStep } from './application/deps';
import type { IdentityProvider, TicketDirectory } from './application/ports';
import { seedFirstStatement } from './application/privacy-statements';
import { supportAccessExpiry } from './application/lapse-support-access';
import { PROJECTION, projectCurrentStatement, projectEverything, projectUser } from './application/project-access';
import { projectGrant, reconcileGrants } from './application/project-grants';
import { reconciler as startReconciler } from './application/reconcile';
import { createTenant } from './application/tenant-step';
import { mountRoutes } from './http/routes';
import { HelpdeskTicketDirectory } from './infrastructure/helpdesk-ticket-directory';
import { identityProviderFrom } from './infrastructure/identity-provider-factory';
import { KvAccessStore } from './infrastructure/kv-access-store';
import { KvGrantStore } from './infrastructure/kv-grant-store';
import { Migration0001Initial } from './infrastructure/migrations/0001-initial';
import { Migration0002SupportAccess } from './infrastructure/migrations/0002-support-access';
import { Migration0003Retention } from './infrastructure/migrations/0003-retention';
import { Migration0004Invitations } from './infrastructure/migrations/0004-invitations';
import { newMailToken } from './domain/mail-token';
import { Migration0005ForcedRowLevelSecurity } from './infrastructure/migrations/0005-forced-row-level-security';
import { Migration0006AuditLogFilters } from './infrastructure/migrations/0006-audit-log-filters';
import { Migration0007TicketClosures } from './infrastructure/migrations/0007-ticket-closures';
import { Migration0008InstituteName } from './infrastructure/migrations/0008-institute-name';
import { identityEntities } from './infrastructure/schema';
import { identityUnitOfWork } from './infrastructure/repositories';
import { identityDataOwner } from './privacy';
import { retentionPolicies } from './retention';
import { subscribeAccessProjection } from './subscribers/access-projection';
import { subscribeAuditLog } from './subscribers/audit-log';
import { subscribeTicketClosures } from './subscribers/ticket-closures';

export { stopService } from '@homi/privacy-kit';

export const SERVICE = 'identity';

const database = serviceDatabase<Config>({
  service: SERVICE,
  entities: identityEntities,
  migrations: [
    Migration0001Initial, Migration0002SupportAccess, Migration0003Retention, Migration0004Invitations, Migration0005ForcedRowLevelSecurity,
    Migration0006AuditLogFilters, Migration0007TicketClosures, Migration0008InstituteName,
  ],
  lockKey: 0x1d_e7_17_01,
});

/** The running service; its reconciler and support-access expiry are also among `jobs` (tests run a turn of one). */
export type IdentityService = RunningService<Deps> & {
  reconciler: PeriodicJob;
  expiry: PeriodicJob;
  store: KvAccessStore;
  grants: KvGrantStore;
  mailer: Mailer;
};


/** What tests may replace besides the clock: the identity provider, the sign-up's tenant step (to make it fail), the helpdesk. */
export interface ServiceOverrides extends BuildOptions {
  idp?: IdentityProvider;
  tickets?: TicketDirectory;
  tenantStep?: TenantStep;
}

/** Opens identity's database (IDENTITY_DATABASE_URL or homi_identity), creating it when missing, and applies pending migrations. */
export const openDatabase = database.open;

/** Wires identity: database (migrated, first statement seeded), NATS, KV projection, consumers, data owner, jobs, routes. */
export async function buildService(config: Config, logger: Logger, overrides: ServiceOverrides = {}): Promise<IdentityService> {
  const clock = overrides.clock ?? (() => new Date());
  const parts = {} as Pick<IdentityService, 'reconciler' | 'expiry' | 'store' | 'grants' | 'mailer'>;
  const web = config.WEB_BASE_URL.replace(/\/$/, '');
  const running = await startService<Deps>({
    ...database.connections(config),
    logger,
    streams: [IDENTITY_STREAM, AUDIT_STREAM, HELPDESK_STREAM],
    deps: async ({ orm, nc }) => {
      parts.store = await KvAccessStore.open(nc, { memberships: config.MEMBERSHIPS_BUCKET, users: config.USERS_BUCKET });
      parts.grants = await KvGrantStore.open(nc, config.SUPPORT_GRANTS_BUCKET);
      parts.mailer = new Mailer(new SmtpMailSender(smtpSettingsFrom(config)), logger);
      const { store, grants } = parts;
      const deps: Deps = {
        uow: identityUnitOfWork(orm, logger),
        idp: overrides.idp ?? identityProviderFrom(config, logger),
        clock,
        newId,
        logger,
        tenantStep: overrides.tenantStep ?? createTenant,
        supportRequestTtlMs: config.SUPPORT_REQUEST_TTL_HOURS * 3600_000,
        tickets: overrides.tickets ?? new HelpdeskTicketDirectory({ url: config.HELPDESK_URL, keys: config.SERVICE_KEYS }),
        mail: parts.mailer,
        newToken: newMailToken,
        // The token in the fragment: browsers do not send it, so no server or proxy log keeps it.
        links: {
          invitation: (token) => `${web}/invitations/accept#token=${token}`,
          emailConfirmation: (token) => `${web}/account/email-confirmation#token=${token}`,
        },
        emailChangeTtlMs: config.EMAIL_CHANGE_TTL_HOURS * 3600_000,
        // The projection reads whichever tenant's rows the change names: it says it crosses tenants.
        projectNow: (change) =>
          deps.uow.acrossTenants(PROJECTION, (repositories) =>
            'supportRequestId' in change
              ? projectGrant(repositories, grants, change.supportRequestId, () => deps.clock())
              : projectUser(repositories, store, change.userId, change.tenantId)),
      };
      parts.reconciler = startReconciler(deps, { intervalMs: config.RECONCILE_INTERVAL_MS, signupStaleAfterMs: config.SIGNUP_STALE_AFTER_MS });
      parts.expiry = supportAccessExpiry(deps, config.SUPPORT_EXPIRY_INTERVAL_MS);
      return deps;
    },
    consumers: async (platform, deps) => {
      // Before anything consumes: the first statement, the buckets (rebuilt when empty), the grants.
      if (await seedFirstStatement(deps)) logger.info('published the first privacy statement');
      await syncBuckets(deps, parts.store);
      await deps.uow.acrossTenants(PROJECTION, (repositories) => reconcileGrants(repositories, parts.grants, deps.clock()));
      return [
        await subscribeAccessProjection(platform, deps, parts, config.KV_PROJECTION_CONSUMER),
        await subscribeAuditLog(platform, config.AUDIT_LOG_CONSUMER, TenantActionPerformed),
        // A durable of its own: the one above filters one subject, and a durable's filter cannot change in place.
        await subscribeAuditLog(platform, config.SUPPORT_REFUSALS_CONSUMER, SupportAccessRefused),
        await subscribeTicketClosures(platform, deps, config.TICKET_CLOSURES_CONSUMER),
      ];
    },
    jobs: () => [parts.reconciler, parts.expiry],
    routes: (app, deps) => mountRoutes(app, deps, serviceVerifier(config.SERVICE_KEYS)),
    resources: () => [{ name: 'mail', close: () => parts.mailer.close() }],
    owner: {
      ...ownerSettings(config, clock),
      owner: (deps) => identityDataOwner(deps.idp),
      // Off where tests share NATS: privacy-kit's consumer has one fixed name.
      consume: config.PRIVACY_DATA_OWNER,
      policies: retentionPolicies,
      // IDENTITY, AUDIT, HELPDESK, and PRIVACY for the data owner.
      consumedStreams: [IDENTITY_STREAM.name, AUDIT_STREAM.name, HELPDESK_STREAM.name, ...(config.PRIVACY_DATA_OWNER ? [PRIVACY_STREAM.name] : [])],
    },
  });
  return { ...running, ...parts };
}

/** Empty buckets (a new or wiped NATS) are rebuilt from the database, every tenant's; the current statement is always put. */
async function syncBuckets(deps: Pick<Deps, 'uow'>, store: KvAccessStore): Promise<void> {
  await deps.uow.acrossTenants(PROJECTION, async (repositories) => {
    if (await store.isEmpty()) await projectEverything(repositories, store);
    else await projectCurrentStatement(repositories.access, store);
  });
}
