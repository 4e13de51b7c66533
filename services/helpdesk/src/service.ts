import { natsCredentials } from '@homi/messaging';
import type { MikroORM } from '@mikro-orm/postgresql';
import { HELPDESK_STREAM, PRIVACY_STREAM } from '@homi/contracts';
import { databaseSettings, newId, serviceVerifier, type Logger } from '@homi/service-kit';
import { openDatabase as openServiceDatabase, ownerSettings, startService, type RunningService, type ServiceDatabase } from '@homi/privacy-kit';
import type { Config } from './config';
import { helpdeskOwner } from './privacy';
import { retentionPolicies } from './retention';
import type { Deps } from './application/deps';
import { mountRoutes } from './http/routes';
import { IdentityInstituteDirectory } from './infrastructure/identity-institute-directory';
import { Migration0001Initial } from './infrastructure/migrations/0001-initial';
import { Migration0002TicketPrivacyRequest } from './infrastructure/migrations/0002-ticket-privacy-request';
import { helpdeskEntities } from './infrastructure/schema';
import { helpdeskUnitOfWork } from './infrastructure/repositories';

export { stopService } from '@homi/privacy-kit';

export const SERVICE = 'helpdesk';

const database: ServiceDatabase = {
  service: SERVICE,
  entities: helpdeskEntities,
  migrations: [
    { name: 'Migration0001Initial', class: Migration0001Initial },
    { name: 'Migration0002TicketPrivacyRequest', class: Migration0002TicketPrivacyRequest },
  ],
  lockKey: 0x4e_1d_e5_01,
};

export type HelpdeskService = RunningService<Deps>;

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
export function buildService(config: Config, logger: Logger, options: BuildOptions = {}): Promise<HelpdeskService> {
  const clock = options.clock ?? (() => new Date());
  return startService<Deps>({
    database,
    env: databaseEnv(config),
    natsUrl: config.NATS_URL,
    natsCredentials: natsCredentials(config),
    logger,
    streams: [HELPDESK_STREAM],
    deps: ({ orm, relay }) => ({
      uow: helpdeskUnitOfWork(orm, () => relay.kick(), logger),
      clock,
      newId,
      institutes: new IdentityInstituteDirectory({ url: config.IDENTITY_URL, keys: config.SERVICE_KEYS }),
    }),
    // No stream of its own to follow yet: the institute's name is asked of identity when a ticket opens.
    consumers: async () => [],
    routes: (app, deps) => mountRoutes(app, deps, serviceVerifier(config.SERVICE_KEYS)),
    owner: {
      ...ownerSettings(config, clock),
      owner: helpdeskOwner,
      policies: retentionPolicies,
      consumedStreams: [PRIVACY_STREAM.name],
    },
  });
}
