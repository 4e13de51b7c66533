import type { HealthState } from './http/health';
import type { HttpApp } from './http/app';
import { createLogger, type Logger } from './logger';
import { installGracefulShutdown, type ShutdownStep } from './shutdown';
import type { Telemetry } from './telemetry';

interface BaseConfig {
  LOG_LEVEL: string;
  PORT: number;
  HOST: string;
  SHUTDOWN_TIMEOUT_MS: number;
}

export interface Started {
  http: HttpApp;
  /** Stopped in order after the server stops accepting, before telemetry. */
  steps: ShutdownStep[];
  /** Extra fields for the "listening" line (no personal data, no secrets). */
  describe?: Record<string, unknown>;
}

export interface ServiceMain<C extends BaseConfig> {
  name: string;
  telemetry: Telemetry;
  readConfig: () => C;
  start: (config: C, logger: Logger) => Promise<Started>;
  /** With MIGRATE_ONLY=true or `--migrate-only` (the chart's migration Job, compose's migrate step): migrate, close, exit. */
  migrate?: (config: C, logger: Logger) => Promise<void>;
}

/**
 * The one way a HOMi service process runs: config parsed once (crash on invalid), migrations only
 * when asked, the HTTP server, and a graceful shutdown that ends with flushing telemetry.
 */
export function runService<C extends BaseConfig>(main: ServiceMain<C>): void {
  const run = async () => {
    const config = main.readConfig();
    const logger = createLogger({ service: main.name, level: config.LOG_LEVEL });
    if (process.env.MIGRATE_ONLY === 'true' || process.argv.includes('--migrate-only')) {
      if (!main.migrate) throw new Error(`${main.name} has no database to migrate`);
      await main.migrate(config, logger);
      await main.telemetry.shutdown();
      logger.info('migrations applied');
      return;
    }
    const started = await main.start(config, logger);
    const server = started.http.app.listen(config.PORT, config.HOST, () => {
      logger.info({ port: config.PORT, ...started.describe }, `${main.name} listening`);
    });
    const health: HealthState = started.http.health;
    installGracefulShutdown({
      logger,
      server,
      health,
      timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
      steps: [...started.steps, { name: 'telemetry', run: () => main.telemetry.shutdown() }],
    });
  };
  run().catch((err: unknown) => {
    process.stderr.write(`${main.name} failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}

export interface DatabaseServiceMain<C extends BaseConfig> {
  name: string;
  telemetry: Telemetry;
  readConfig: () => C;
  /** Opens the database, migrating it; MIGRATE_ONLY closes it again. */
  openDatabase: (config: C, logger: Logger) => Promise<{ close: () => Promise<void> }>;
  buildService: (config: C, logger: Logger) => Promise<Pick<Started, 'http' | 'steps'>>;
  describe?: (config: C) => Record<string, unknown>;
}

/** runService for a service that owns a database and builds itself from config and logger. */
export function runDatabaseService<C extends BaseConfig>(main: DatabaseServiceMain<C>): void {
  runService({
    name: main.name,
    telemetry: main.telemetry,
    readConfig: main.readConfig,
    migrate: async (config, logger) => (await main.openDatabase(config, logger)).close(),
    start: async (config, logger) => {
      const { http, steps } = await main.buildService(config, logger);
      return { http, steps, describe: main.describe?.(config) };
    },
  });
}
