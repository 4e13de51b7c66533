import { HELPDESK_STREAM, PRIVACY_STREAM } from '@homi/contracts';
import { newId, serviceVerifier, type Logger } from '@homi/service-kit';
import { ownerSettings, serviceDatabase, startService, type BuildOptions, type RunningService } from '@homi/privacy-kit';
import type { Config } from './config';
import { helpdeskOwner } from './privacy';
import { retentionPolicies } from './retention';
import type { Deps } from './application/deps';
import { mountRoutes } from './http/routes';
import { IdentityInstituteDirectory } from './infrastructure/identity-institute-directory';
import { Migration0001Initial } from './infrastructure/migrations/0001-initial';
import { helpdeskEntities } from './infrastructure/schema';
import { helpdeskUnitOfWork } from './infrastructure/repositories';

export { stopService } from '@homi/privacy-kit';

export const SERVICE = 'helpdesk';

const database = serviceDatabase<Config>({
  service: SERVICE,
  entities: helpdeskEntities,
  migrations: [Migration0001Initial],
  lockKey: 0x4e_1d_e5_01,
});

export type HelpdeskService = RunningService<Deps>;
export type { BuildOptions };

/** Opens the helpdesk's database (HELPDESK_DATABASE_URL or homi_helpdesk), creating it when missing, and applies pending migrations. */
export const openDatabase = database.open;

/** Wires the helpdesk: its database (created and migrated), NATS streams, outbox relay, data owner, routes. */
export function buildService(config: Config, logger: Logger, options: BuildOptions = {}): Promise<HelpdeskService> {
  const clock = options.clock ?? (() => new Date());
  return startService<Deps>({
    ...database.connections(config),
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
