import { randomBytes } from 'node:crypto';
import { AUDIT_STREAM, BILLING_STREAM, GATEWAY_STREAM, IDENTITY_STREAM, PRIVACY_STREAM, TENANT_DATA_STREAM } from '@homi/contracts';
import { serviceDatabase, startService, type BuildOptions, type RunningService } from '@homi/privacy-kit';
import { Mailer, SmtpMailSender, smtpSettingsFrom } from '@homi/mail';
import { identityMailContacts, newId, serviceVerifier, periodicJob, type HttpApp, type Logger, type PeriodicJob, type ShutdownStep } from '@homi/service-kit';
import type { Config } from './config';
import { closeUsageDays } from './application/close-usage-days';
import { deliverRequestNotices, type NoticeDeps } from './application/deliver-notices';
import type { Deps, UsageDeps } from './application/deps';
import { schedulerTick } from './application/scheduler-tick';
import { mountPrivacyRoutes, withPartUploads } from './http/app';
import { Migration0001Initial } from './infrastructure/migrations/0001-initial';
import { Migration0002RequestsBySubject } from './infrastructure/migrations/0002-requests-by-subject';
import { Migration0003UsageStatistics } from './infrastructure/migrations/0003-usage-statistics';
import { Migration0004Retention } from './infrastructure/migrations/0004-retention';
import { Migration0005TenantUsageIsolation } from './infrastructure/migrations/0005-tenant-usage-isolation';
import { Migration0006CompletedWithGaps } from './infrastructure/migrations/0006-completed-with-gaps';
import { Migration0007RequestFromTicket } from './infrastructure/migrations/0007-request-from-ticket';
import { Migration0008MailedNotices } from './infrastructure/migrations/0008-mailed-notices';
import { Migration0009InstituteExports } from './infrastructure/migrations/0009-institute-exports';
import { ormPartChunks, PartStore } from './infrastructure/part-store';
import { registerPrivacyMetrics } from './infrastructure/metrics';
import { privacyUnitOfWork } from './infrastructure/repositories';
import { privacyEntities } from './infrastructure/schema';
import { privacyDeclaration } from './privacy';
import { privacyRetentionPolicies } from './retention';
import { subscribePrivacyEvents } from './subscribers/privacy-events';
import { subscribeUsageCounting } from './subscribers/usage-counting';

/** The one stop list after closing the server: the production shutdown (main.ts), in the tests too. */
export { stopService } from '@homi/privacy-kit';

export const SERVICE = 'privacy';

/** The scheduler and the usage day-close, by name (tests run a turn of one). */
export interface PrivacyJobs {
  scheduler: PeriodicJob;
  usageDayClose: PeriodicJob;
  /** Mails requesters their notices (ADR 51). */
  notices: PeriodicJob<number>;
}

export type PrivacyService = Omit<RunningService<Deps>, 'jobs'> & {
  jobs: PrivacyJobs;
  /** Anonymous usage statistics and each tenant's own usage (ADR 16). */
  usage: { deps: UsageDeps };
};

export type { BuildOptions };

const database = serviceDatabase<Config>({
  service: SERVICE,
  entities: privacyEntities,
  migrations: [
    Migration0001Initial, Migration0002RequestsBySubject, Migration0003UsageStatistics, Migration0004Retention, Migration0005TenantUsageIsolation,
    Migration0006CompletedWithGaps, Migration0007RequestFromTicket, Migration0008MailedNotices,
    Migration0009InstituteExports,
  ],
  lockKey: 0x7e_4a_17_04,
});

/** The streams the usage statistics read (ADR 16). */
const USAGE_STREAMS = [TENANT_DATA_STREAM, BILLING_STREAM, GATEWAY_STREAM];

/** The job that closes finished usage days (ADR 16). */
function usageDayClose(deps: UsageDeps, intervalMs: number, logger: Logger): PeriodicJob {
  return periodicJob({
    name: 'usage-day-close',
    intervalMs,
    logger,
    work: async () => {
      const summary = await closeUsageDays(deps);
      if (summary.closed.length > 0) logger.info(summary, 'usage days closed');
    },
  });
}

/** Opens privacy's database (PRIVACY_DATABASE_URL or homi_privacy), creating it when missing, and applies pending migrations. */
export const openDatabase = database.open;

/** Wires privacy: database (created, migrated), streams, outbox relay, consumers, scheduler and usage day-close, retention, routes. */
export async function buildService(config: Config, logger: Logger, options: BuildOptions = {}): Promise<PrivacyService> {
  const clock = options.clock ?? (() => new Date());
  const jobs = {} as PrivacyJobs;
  const usage = {} as { deps: UsageDeps };
  const parts = {} as { mailer: Mailer };
  // One verifier for every route: a credential accepted once (its jti) is refused on any other.
  const verifier = serviceVerifier(config.SERVICE_KEYS);
  const running = await startService<Deps>({
    ...database.connections(config),
    logger,
    streams: [
      PRIVACY_STREAM,
      IDENTITY_STREAM,
      // Downloads of a client's access package go to the tenant's audit log (ADR 22); the same spec as the gateway's and identity's.
      { name: AUDIT_STREAM.name, subjects: [...AUDIT_STREAM.subjects], maxAgeMs: AUDIT_STREAM.maxAgeMs },
      // What the usage statistics count.
      ...USAGE_STREAMS,
    ],
    deps: ({ orm }) => {
      // After each commit: the notice job mails what the commit owes (the relay is kicked by the
      // commits that wrote events, ADR 69).
      const uow = privacyUnitOfWork(orm, () => jobs.notices?.kick(), logger);
      parts.mailer = new Mailer(new SmtpMailSender(smtpSettingsFrom(config)), logger);
      const deps: Deps = {
        uow,
        chunks: ormPartChunks(new PartStore(), orm),
        clock,
        newId,
        settings: {
          retryAfterMs: config.RETRY_AFTER_MS,
          retryMaxMs: config.RETRY_MAX_MS,
          exportTtlDays: config.EXPORT_TTL_DAYS,
          partMaxBytes: config.EXPORT_PART_MAX_BYTES,
          owners: config.PRIVACY_OWNERS,
        },
      };
      usage.deps = {
        uow,
        clock,
        randomKey: () => randomBytes(32),
        settings: { minBucket: config.USAGE_MIN_BUCKET, closeGraceMs: config.USAGE_CLOSE_GRACE_MS },
      };
      jobs.scheduler = periodicJob({ name: 'scheduler', intervalMs: config.SCHEDULER_INTERVAL_MS, work: () => schedulerTick(deps), logger });
      jobs.usageDayClose = usageDayClose(usage.deps, config.USAGE_CLOSE_INTERVAL_MS, logger);
      const notices: NoticeDeps = {
        uow,
        clock,
        mail: parts.mailer,
        contacts: identityMailContacts({ url: config.IDENTITY_URL, keys: config.SERVICE_KEYS }),
        requestLink: (requestId) => `${config.WEB_BASE_URL.replace(/\/+$/, '')}/privacy-requests/${requestId}`,
        logger,
      };
      jobs.notices = periodicJob({ name: 'request-notices', intervalMs: config.NOTICE_INTERVAL_MS, work: () => deliverRequestNotices(notices), logger });
      return deps;
    },
    consumers: async (platform, deps) => [...(await subscribePrivacyEvents(platform, deps, () => jobs.notices?.kick())), ...(await subscribeUsageCounting(platform, usage.deps))],
    jobs: () => [jobs.scheduler, jobs.usageDayClose, jobs.notices],
    resources: () => [{ name: 'mail', close: () => parts.mailer.close() }],
    bodyLimit: '32kb',
    routes: (app, deps) => mountPrivacyRoutes(app, deps, usage.deps, logger, verifier),
    owner: {
      // Privacy sends the commands; it answers none. Its own categories' retention runs as any owner's.
      owner: { declaration: privacyDeclaration, answersCommands: false },
      policies: privacyRetentionPolicies(),
      intervalMs: config.RETENTION_INTERVAL_MS,
      clock,
      consumedStreams: [PRIVACY_STREAM.name, IDENTITY_STREAM.name],
    },
  });
  const http: HttpApp = withPartUploads(running.http, running.deps, logger, verifier);
  const gauges = registerPrivacyMetrics(running.orm);
  const steps: ShutdownStep[] = [{ name: 'metrics', run: async () => gauges.remove() }, ...running.steps];
  return { ...running, http, jobs, usage, steps };
}
