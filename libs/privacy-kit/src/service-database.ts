import type { MikroORM } from '@mikro-orm/postgresql';
import { natsCredentials, type NatsCredentials } from '@homi/messaging';
import { databaseSettings, ownDatabaseUrlSetting, type Logger, type ServiceDatabaseOptions } from '@homi/service-kit';
import { openDatabase, type ServiceDatabase } from './start-service';

/** What every database service's config holds for reaching its database and NATS (service-kit's baseConfigSchema). */
export interface DatabaseServiceConfig {
  DATABASE_URL?: string;
  MIGRATIONS: 'run' | 'skip';
  DATABASE_RUNTIME_ROLE?: string;
  NATS_URL: string;
  NATS_USER?: string;
  NATS_PASSWORD?: string;
}

type MigrationClass = ServiceDatabaseOptions['migrations'][number]['class'];

/** A service's database: its tables, its migrations (oldest first), its advisory lock key. */
export interface ServiceDatabaseSpec {
  service: string;
  entities: ServiceDatabase['entities'];
  /** Recorded by their class name, as the migrations table always has. */
  migrations: readonly MigrationClass[];
  lockKey: number;
}

/** A database service's wiring to its database and to NATS, made once from its config. */
export interface DatabaseWiring<C extends DatabaseServiceConfig> {
  database: ServiceDatabase;
  /** Opens the database (created when missing) with every pending migration applied: main.ts's `openDatabase`. */
  open(config: C, logger: Logger): Promise<MikroORM>;
  /** The part of startService's options that comes from the config: `startService({ ...wiring.connections(config), … })`. */
  connections(config: C): { database: ServiceDatabase; env: NodeJS.ProcessEnv; natsUrl: string; natsCredentials?: NatsCredentials };
}

/**
 * One database service's database and NATS settings: DATABASE_URL or its own `<SERVICE>_DATABASE_URL`,
 * MIGRATIONS and DATABASE_RUNTIME_ROLE (ADR 39), NATS_URL and its own NATS user (ADR 37).
 */
export function serviceDatabase<C extends DatabaseServiceConfig>(spec: ServiceDatabaseSpec): DatabaseWiring<C> {
  const database: ServiceDatabase = {
    service: spec.service,
    entities: spec.entities,
    migrations: spec.migrations.map((migration) => ({ name: migration.name, class: migration })),
    lockKey: spec.lockKey,
  };
  const ownUrl = ownDatabaseUrlSetting(spec.service);
  // The config names this setting after the service (TENANT_DATA_DATABASE_URL); its type cannot say which.
  const ownUrlOf = (config: C): string | undefined => {
    const value: unknown = Reflect.get(config, ownUrl);
    return typeof value === 'string' ? value : undefined;
  };
  const env = (config: C): NodeJS.ProcessEnv => ({ ...databaseSettings(config), DATABASE_URL: config.DATABASE_URL, [ownUrl]: ownUrlOf(config) });
  return {
    database,
    open: (config, logger) => openDatabase(database, env(config), logger),
    connections: (config) => ({ database, env: env(config), natsUrl: config.NATS_URL, natsCredentials: natsCredentials(config) }),
  };
}

/** What a test may replace when it builds a database service: the clock, to move time forward. */
export interface BuildOptions {
  clock?: () => Date;
}
