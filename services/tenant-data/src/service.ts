import { natsCredentials } from '@homi/messaging';
import type { MikroORM } from '@mikro-orm/postgresql';
import { TENANT_DATA_STREAM, IDENTITY_STREAM, PRIVACY_STREAM } from '@homi/contracts';
import { databaseSettings, newId, serviceVerifier, type Logger } from '@homi/service-kit';
import { openDatabase as openServiceDatabase, ownerSettings, startService, type RunningService, type ServiceDatabase } from '@homi/privacy-kit';
import type { Config } from './config';
import { tenantDataOwner } from './privacy';
import { retentionPolicies } from './retention';
import type { Deps } from './application/deps';
import { mountRoutes } from './http/routes';
import { IdentityInstituteDirectory } from './infrastructure/identity-institute-directory';
import { Migration0001Initial } from './infrastructure/migrations/0001-initial';
import { Migration0002AppointmentsByClient } from './infrastructure/migrations/0002-appointments-by-client';
import { Migration0003Retention } from './infrastructure/migrations/0003-retention';
import { Migration0004AllTenantsEscape } from './infrastructure/migrations/0004-all-tenants-escape';
import { tenantDataEntities } from './infrastructure/schema';
import { tenantDataUnitOfWork } from './infrastructure/repositories';
import { subscribeTenantCreated } from './subscribers/tenant-created';

export { stopService } from '@homi/privacy-kit';

export const SERVICE = 'tenant-data';

const database: ServiceDatabase = {
  service: SERVICE,
  entities: tenantDataEntities,
  migrations: [
    { name: 'Migration0001Initial', class: Migration0001Initial },
    { name: 'Migration0002AppointmentsByClient', class: Migration0002AppointmentsByClient },
    { name: 'Migration0003Retention', class: Migration0003Retention },
    { name: 'Migration0004AllTenantsEscape', class: Migration0004AllTenantsEscape },
  ],
  lockKey: 0x7e_4a_17_01,
};

export type TenantDataService = RunningService<Deps>;

export interface BuildOptions {
  /** Tests move time forward with their own clock. */
  clock?: () => Date;
}

const databaseEnv = (config: Config) => ({ ...databaseSettings(config), DATABASE_URL: config.DATABASE_URL, TENANT_DATA_DATABASE_URL: config.TENANT_DATA_DATABASE_URL });

/** Opens tenant-data's database, creating it when missing, and applies pending migrations. */
export function openDatabase(config: Config, logger: Logger): Promise<MikroORM> {
  return openServiceDatabase(database, databaseEnv(config), logger);
}

/** Wires tenant-data: its database (created and migrated), NATS streams, outbox relay, consumers, routes. */
export function buildService(config: Config, logger: Logger, options: BuildOptions = {}): Promise<TenantDataService> {
  const clock = options.clock ?? (() => new Date());
  return startService<Deps>({
    database,
    env: databaseEnv(config),
    natsUrl: config.NATS_URL,
    natsCredentials: natsCredentials(config),
    logger,
    streams: [TENANT_DATA_STREAM, IDENTITY_STREAM],
    deps: ({ orm, relay }) => ({
      uow: tenantDataUnitOfWork(orm, () => relay.kick(), logger),
      clock,
      newId,
      institutes: new IdentityInstituteDirectory({ url: config.IDENTITY_URL, keys: config.SERVICE_KEYS }),
    }),
    consumers: async (platform, deps) => [await subscribeTenantCreated(platform, deps)],
    routes: (app, deps) => mountRoutes(app, deps, serviceVerifier(config.SERVICE_KEYS)),
    owner: {
      ...ownerSettings(config, clock),
      owner: tenantDataOwner,
      policies: retentionPolicies,
      // IDENTITY (new tenants), PRIVACY (data owner).
      consumedStreams: [IDENTITY_STREAM.name, PRIVACY_STREAM.name],
    },
  });
}
