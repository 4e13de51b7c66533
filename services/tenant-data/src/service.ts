import { TENANT_DATA_STREAM, IDENTITY_STREAM, PRIVACY_STREAM } from '@homi/contracts';
import { Mailer, SmtpMailSender, smtpSettingsFrom } from '@homi/mail';
import { newId, periodicJob, serviceVerifier, type Logger, type PeriodicJob } from '@homi/service-kit';
import { ownerSettings, serviceDatabase, startService, type BuildOptions, type RunningService } from '@homi/privacy-kit';
import type { Config } from './config';
import { tenantDataOwner } from './privacy';
import { retentionPolicies } from './retention';
import type { Deps } from './application/deps';
import { isClientFileUpload } from './http/client-imports-routes';
import { mountRoutes } from './http/routes';
import { IdentityInstituteDirectory } from './infrastructure/identity-institute-directory';
import { Migration0001Initial } from './infrastructure/migrations/0001-initial';
import { Migration0002AppointmentsByClient } from './infrastructure/migrations/0002-appointments-by-client';
import { Migration0003Retention } from './infrastructure/migrations/0003-retention';
import { Migration0004AllTenantsEscape } from './infrastructure/migrations/0004-all-tenants-escape';
import { Migration0005TreatmentsStaffStatus } from './infrastructure/migrations/0005-treatments-staff-status';
import { Migration0006HealthData } from './infrastructure/migrations/0006-health-data';
import { EnvelopeHealthDataKeys } from './infrastructure/health-data-keys';
import { rewrapDataKeys, sealOlderNotes } from './application/health-data';
import { Migration0007ClientImports } from './infrastructure/migrations/0007-client-imports';
import { Migration0008AppointmentNotices } from './infrastructure/migrations/0008-appointment-notices';
import { HmacUnsubscribeCodes } from './infrastructure/unsubscribe-codes';
import { deliverAppointmentNotices } from './application/deliver-appointment-notices';
import { KvMemberDirectory } from './infrastructure/kv-member-directory';
import { tenantDataEntities } from './infrastructure/schema';
import { tenantDataUnitOfWork } from './infrastructure/repositories';
import { subscribeInstitutes } from './subscribers/institutes';

export { stopService } from '@homi/privacy-kit';

export const SERVICE = 'tenant-data';

/** tenant-data's own migrations, oldest first (the platform's messaging and retention tables come before them). */
export const TENANT_DATA_MIGRATIONS = [
  Migration0001Initial, Migration0002AppointmentsByClient, Migration0003Retention, Migration0004AllTenantsEscape, Migration0005TreatmentsStaffStatus,
  Migration0006HealthData,
  Migration0007ClientImports,
  Migration0008AppointmentNotices,
];

const database = serviceDatabase<Config>({
  service: SERVICE,
  entities: tenantDataEntities,
  migrations: TENANT_DATA_MIGRATIONS,
  lockKey: 0x7e_4a_17_01,
});

/** The running service; its appointment-mail job is among `jobs` too (tests run a turn of it). */
export type TenantDataService = RunningService<Deps> & { notices: PeriodicJob<number> };
export type { BuildOptions };

/** Opens tenant-data's database (TENANT_DATA_DATABASE_URL or homi_tenant_data), creating it when missing, and applies pending migrations. */
export const openDatabase = database.open;

/** Wires tenant-data: its database (created and migrated), NATS streams, outbox relay, consumers, routes. */
export async function buildService(config: Config, logger: Logger, options: BuildOptions = {}): Promise<TenantDataService> {
  const clock = options.clock ?? (() => new Date());
  const healthKeys = new EnvelopeHealthDataKeys({ id: config.HEALTH_DATA_KEK_ID, key: config.HEALTH_DATA_KEK }, config.HEALTH_DATA_PREVIOUS_KEKS);
  const web = config.WEB_BASE_URL.replace(/\/$/, '');
  const parts = {} as { mailer: Mailer; notices: PeriodicJob<number> };
  const running = await startService<Deps>({
    ...database.connections(config),
    logger,
    streams: [TENANT_DATA_STREAM, IDENTITY_STREAM],
    deps: async ({ orm, nc }) => {
      const deps: Deps = {
        // After each commit: the appointment-mail job mails what is due (the relay is kicked by the
        // commits that wrote events, ADR 69).
        uow: tenantDataUnitOfWork(orm, () => parts.notices?.kick(), logger),
        clock,
        newId,
        institutes: new IdentityInstituteDirectory({ url: config.IDENTITY_URL, keys: config.SERVICE_KEYS }),
        members: new KvMemberDirectory(nc),
        healthKeys,
        unsubscribeCodes: HmacUnsubscribeCodes.fromConfig(config),
      };
      parts.mailer = new Mailer(new SmtpMailSender(smtpSettingsFrom(config)), logger);
      const mailing = {
        mail: parts.mailer,
        logger,
        leaseMs: config.NOTICE_LEASE_MS,
        // The gateway serves the web application and the API at one origin.
        links: { unsubscribe: (code: string) => `${web}/afmelden#token=${code}`, oneClickUnsubscribe: (code: string) => `${web}/api/v1/reminder-unsubscribes/${code}` },
      };
      parts.notices = periodicJob({ name: 'appointment-notices', intervalMs: config.NOTICE_INTERVAL_MS, work: () => deliverAppointmentNotices(deps, mailing), logger });
      // Before any route serves: data keys still wrapped under a retired KEK are wrapped anew (ADR 50).
      const rewrapped = await rewrapDataKeys(deps);
      if (rewrapped > 0) logger.info({ rewrapped, kekId: healthKeys.currentKekId }, 'health-data keys re-wrapped under the current key');
      // And notes written before they were sealed are sealed now (ADR 65).
      const sealed = await sealOlderNotes(deps);
      if (sealed > 0) logger.info({ sealed }, 'older plaintext notes sealed under the institutes\' keys');
      return deps;
    },
    consumers: (platform, deps) => subscribeInstitutes(platform, deps),
    jobs: () => [parts.notices],
    resources: () => [{ name: 'mail', close: () => parts.mailer.close() }],
    routes: (app, deps) => mountRoutes(app, deps, serviceVerifier(config.SERVICE_KEYS)),
    streamedBodies: isClientFileUpload,
    owner: {
      ...ownerSettings(config, clock),
      owner: tenantDataOwner(healthKeys),
      policies: retentionPolicies,
      // IDENTITY (new tenants), PRIVACY (data owner), TENANT_DATA (its own profile changes, told to identity).
      consumedStreams: [IDENTITY_STREAM.name, PRIVACY_STREAM.name, TENANT_DATA_STREAM.name],
    },
  });
  return { ...running, notices: parts.notices };
}
