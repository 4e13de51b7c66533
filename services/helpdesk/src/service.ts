import { natsCredentials } from '@homi/messaging';
import type { MikroORM } from '@mikro-orm/postgresql';
import { HELPDESK_STREAM, PRIVACY_STREAM } from '@homi/contracts';
import { Mailer, SmtpMailSender, smtpSettingsFrom } from '@homi/mail';
import { databaseSettings, newId, periodicJob, serviceVerifier, type Logger, type PeriodicJob } from '@homi/service-kit';
import { openDatabase as openServiceDatabase, ownerSettings, startService, type RunningService, type ServiceDatabase } from '@homi/privacy-kit';
import type { Config } from './config';
import { helpdeskOwner } from './privacy';
import { retentionPolicies } from './retention';
import type { Deps } from './application/deps';
import { deliverReplyNotices } from './application/deliver-reply-notices';
import { mountRoutes } from './http/routes';
import { IdentityInstituteDirectory } from './infrastructure/identity-institute-directory';
import { IdentityMailContacts } from './infrastructure/identity-mail-contacts';
import { Migration0001Initial } from './infrastructure/migrations/0001-initial';
import { Migration0002ReplyNotices } from './infrastructure/migrations/0002-reply-notices';
import { Migration0003TicketPrivacyRequest } from './infrastructure/migrations/0003-ticket-privacy-request';
import { helpdeskEntities } from './infrastructure/schema';
import { helpdeskUnitOfWork } from './infrastructure/repositories';

export { stopService } from '@homi/privacy-kit';

export const SERVICE = 'helpdesk';

const database: ServiceDatabase = {
  service: SERVICE,
  entities: helpdeskEntities,
  migrations: [Migration0001Initial, Migration0002ReplyNotices, Migration0003TicketPrivacyRequest].map((migration) => ({
    name: migration.name,
    class: migration,
  })),
  lockKey: 0x4e_1d_e5_01,
};

/** The running service; its reply-notice job is among `jobs` too (tests run a turn of it). */
export type HelpdeskService = RunningService<Deps> & { notices: PeriodicJob<number> };

export interface BuildOptions {
  /** Tests move time forward with their own clock. */
  clock?: () => Date;
}

const databaseEnv = (config: Config) => ({ ...databaseSettings(config), DATABASE_URL: config.DATABASE_URL, HELPDESK_DATABASE_URL: config.HELPDESK_DATABASE_URL });

/** Opens the helpdesk's database, creating it when missing, and applies pending migrations. */
export function openDatabase(config: Config, logger: Logger): Promise<MikroORM> {
  return openServiceDatabase(database, databaseEnv(config), logger);
}

/** Wires the helpdesk: its database (created and migrated), NATS streams, outbox relay, data owner, routes. */
export async function buildService(config: Config, logger: Logger, options: BuildOptions = {}): Promise<HelpdeskService> {
  const clock = options.clock ?? (() => new Date());
  const web = config.WEB_BASE_URL.replace(/\/$/, '');
  const parts = {} as { mailer: Mailer; notices: PeriodicJob<number> };
  const running = await startService<Deps>({
    database,
    env: databaseEnv(config),
    natsUrl: config.NATS_URL,
    natsCredentials: natsCredentials(config),
    logger,
    streams: [HELPDESK_STREAM],
    deps: ({ orm, relay }) => {
      parts.mailer = new Mailer(new SmtpMailSender(smtpSettingsFrom(config)), logger);
      const deps: Deps = {
        // After each commit: the relay publishes its events, the notice job mails what a reply owes.
        uow: helpdeskUnitOfWork(orm, () => {
          relay.kick();
          parts.notices?.kick();
        }, logger),
        clock,
        newId,
        logger,
        institutes: new IdentityInstituteDirectory({ url: config.IDENTITY_URL, keys: config.SERVICE_KEYS }),
        mail: parts.mailer,
        contacts: new IdentityMailContacts({ url: config.IDENTITY_URL, keys: config.SERVICE_KEYS }),
        notices: {
          supportMailbox: config.HELPDESK_SUPPORT_MAIL,
          links: {
            member: (tenantId, ticketId) => `${web}/t/${tenantId}/helpdesk/${ticketId}`,
            support: (ticketId) => `${web}/support/tickets/${ticketId}`,
          },
        },
      };
      parts.notices = periodicJob({ name: 'reply-notices', intervalMs: config.REPLY_NOTICE_INTERVAL_MS, work: () => deliverReplyNotices(deps), logger });
      return deps;
    },
    // No stream of its own to follow yet: the institute's name is asked of identity when a ticket opens.
    consumers: async () => [],
    jobs: () => [parts.notices],
    routes: (app, deps) => mountRoutes(app, deps, serviceVerifier(config.SERVICE_KEYS)),
    resources: () => [{ name: 'mail', close: () => parts.mailer.close() }],
    owner: {
      ...ownerSettings(config, clock),
      owner: helpdeskOwner,
      policies: retentionPolicies,
      consumedStreams: [PRIVACY_STREAM.name],
    },
  });
  return { ...running, notices: parts.notices };
}
