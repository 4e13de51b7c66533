import { HELPDESK_STREAM, IDENTITY_STREAM, PRIVACY_STREAM } from '@homi/contracts';
import { Mailer, SmtpMailSender, smtpSettingsFrom } from '@homi/mail';
import { identityMailContacts, newId, periodicJob, serviceVerifier, type Logger, type PeriodicJob } from '@homi/service-kit';
import { ownerSettings, serviceDatabase, startService, type BuildOptions, type RunningService } from '@homi/privacy-kit';
import type { Config } from './config';
import { helpdeskOwner } from './privacy';
import { retentionPolicies } from './retention';
import type { Deps } from './application/deps';
import { deliverReplyNotices } from './application/deliver-reply-notices';
import { mountRoutes } from './http/routes';
import { subscribeInstituteNames } from './subscribers/institute-names';
import { IdentityInstituteDirectory } from './infrastructure/identity-institute-directory';
import { Migration0001Initial } from './infrastructure/migrations/0001-initial';
import { Migration0002ReplyNotices } from './infrastructure/migrations/0002-reply-notices';
import { Migration0003TicketPrivacyRequest } from './infrastructure/migrations/0003-ticket-privacy-request';
import { helpdeskEntities } from './infrastructure/schema';
import { helpdeskUnitOfWork } from './infrastructure/repositories';

export { stopService } from '@homi/privacy-kit';

export const SERVICE = 'helpdesk';

const database = serviceDatabase<Config>({
  service: SERVICE,
  entities: helpdeskEntities,
  migrations: [Migration0001Initial, Migration0002ReplyNotices, Migration0003TicketPrivacyRequest],
  lockKey: 0x4e_1d_e5_01,
});

/** The running service; its reply-notice job is among `jobs` too (tests run a turn of it). */
export type HelpdeskService = RunningService<Deps> & { notices: PeriodicJob<number> };
export type { BuildOptions };

/** Opens the helpdesk's database (HELPDESK_DATABASE_URL or homi_helpdesk), creating it when missing, and applies pending migrations. */
export const openDatabase = database.open;

/** Wires the helpdesk: its database (created and migrated), NATS streams, outbox relay, data owner, routes. */
export async function buildService(config: Config, logger: Logger, options: BuildOptions = {}): Promise<HelpdeskService> {
  const clock = options.clock ?? (() => new Date());
  const web = config.WEB_BASE_URL.replace(/\/$/, '');
  const parts = {} as { mailer: Mailer; notices: PeriodicJob<number> };
  const running = await startService<Deps>({
    ...database.connections(config),
    logger,
    // IDENTITY: the stream its institute-name consumer reads, made here when the helpdesk starts first.
    streams: [HELPDESK_STREAM, IDENTITY_STREAM],
    deps: ({ orm }) => {
      parts.mailer = new Mailer(new SmtpMailSender(smtpSettingsFrom(config)), logger);
      const deps: Deps = {
        // After each commit: the notice job mails what a reply owes (the relay is kicked by the
        // commits that wrote events, ADR 69).
        uow: helpdeskUnitOfWork(orm, () => parts.notices?.kick(), logger),
        clock,
        newId,
        logger,
        institutes: new IdentityInstituteDirectory({ url: config.IDENTITY_URL, keys: config.SERVICE_KEYS }),
        mail: parts.mailer,
        contacts: identityMailContacts({ url: config.IDENTITY_URL, keys: config.SERVICE_KEYS }),
        notices: {
          supportMailbox: config.HELPDESK_SUPPORT_MAIL,
          links: {
            member: (tenantId, ticketId) => `${web}/t/${tenantId}/help/${ticketId}`,
            support: (ticketId) => `${web}/support/tickets/${ticketId}`,
          },
        },
      };
      parts.notices = periodicJob({ name: 'reply-notices', intervalMs: config.REPLY_NOTICE_INTERVAL_MS, work: () => deliverReplyNotices(deps), logger });
      return deps;
    },
    // The institute's name is asked of identity at the first ticket, and again after a rename.
    consumers: (platform, deps) => subscribeInstituteNames(platform, deps),
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
