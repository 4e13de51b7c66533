import type { Server } from 'node:http';
import { z } from 'zod';
import type { OwnerDeclaration } from '@homi/contracts';
import type { Express, Request } from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import { jetstream, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connectNats, ensureStream, natsReadiness, type NatsCredentials, messagingEntities, messagingMigration, OutboxRelay, type StreamSpec } from '@homi/messaging';
import {
  createHttpApp, openServiceDatabase, type HttpApp, type Logger, type PeriodicJob, type ServiceDatabaseOptions, type ServiceKeys, type ShutdownStep,
} from '@homi/service-kit';
import type { DataOwner } from './data-owner';
import type { PrivacyEndpoint } from './export-upload';
import { ownerAnswersMigration } from './owner-answers';
import { retentionMigration } from './retention-migration';
import { startDataOwner, type DataOwnerHandle } from './start-data-owner';
import { startHousekeeping, type Housekeeping, type HousekeepingOptions } from './start-housekeeping';

/** A database service's own tables; the messaging and retention tables every service has are added. */
export interface ServiceDatabase {
  service: string;
  entities: ServiceDatabaseOptions['entities'];
  migrations: ServiceDatabaseOptions['migrations'];
  /** The advisory lock key that serialises this service's migrations across replicas. */
  lockKey: number;
}

/** Opens the service's database (created when missing) with every pending migration applied. */
export function openDatabase(database: ServiceDatabase, env: NodeJS.ProcessEnv, logger: Logger): Promise<MikroORM> {
  return openServiceDatabase({
    ...database,
    env,
    logger,
    entities: [...database.entities, ...messagingEntities],
    migrations: [messagingMigration, retentionMigration, ownerAnswersMigration, ...database.migrations],
  });
}

/** What exists once the database and the bus are open, for wiring the rest. */
export interface Platform {
  orm: MikroORM;
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  relay: OutboxRelay;
  logger: Logger;
}

interface Stoppable {
  stop(): Promise<unknown>;
}

export interface StartServiceOptions<D> {
  database: ServiceDatabase;
  /** DATABASE_URL and the service's own `<SERVICE>_DATABASE_URL`. */
  env: NodeJS.ProcessEnv;
  natsUrl: string;
  /** The service's own NATS user (ADR 37): `natsCredentials(config)`; none for a server without users. */
  natsCredentials?: NatsCredentials;
  logger: Logger;
  /** Streams this service publishes to or reads, ensured before anything consumes. */
  streams: readonly StreamSpec[];
  /** The use cases' dependencies (their ports), wired once the database and the relay exist (may open buckets first). */
  deps: (platform: Platform) => D | Promise<D>;
  /** Its durable consumers, started before HTTP answers. */
  consumers?: (platform: Platform, deps: D) => Promise<Stoppable[]>;
  /** Its periodic jobs; startService starts them and stops them first. */
  jobs?: (platform: Platform, deps: D) => PeriodicJob[];
  routes: (app: Express, deps: D) => void;
  /** What the service opened itself and closes after the relay stops (e.g. its mail transport). */
  resources?: (deps: D) => ServiceResource[];
  /** The JSON body limit of its routes (service-kit's default when absent). */
  bodyLimit?: string;
  /** Requests whose body a route streams itself (service-kit's createHttpApp). */
  streamedBodies?: (req: Request) => boolean;
  /** The data-owner side of privacy requests, and the retention of its declared categories and inbox (ADR 20). */
  owner: {
    /**
     * The owner, or how to make it from the use cases' dependencies (when it calls the provider a
     * service wires). The privacy service, which sends the commands rather than answering them,
     * gives only its `declaration`: no owner consumer starts, its retention runs as anyone's.
     */
    owner: DataOwner | ((deps: D) => DataOwner) | { declaration: OwnerDeclaration; answersCommands: false };
    /** Whether to consume privacy requests (default true); its declaration's retention runs either way. */
    consume?: boolean;
    /** Where privacy is: needed by an owner that answers commands. */
    privacy?: PrivacyEndpoint;
    policies: HousekeepingOptions['policies'] | ((deps: D) => HousekeepingOptions['policies']);
    /** Every stream its consumers (and the owner's) read. */
    consumedStreams: readonly string[];
    intervalMs?: number;
    clock?: () => Date;
  };
}

/** The settings every data owner takes from its config: where privacy is, its own keys (it signs what it sends privacy), the retention interval. */
export interface OwnerConfig {
  PRIVACY_URL: string;
  SERVICE_KEYS: ServiceKeys;
  RETENTION_INTERVAL_MS: number;
}

/** The settings behind OwnerConfig, for a data owner's config schema: `baseConfigSchema.extend({ ...dataOwnerSettings, … })`. */
export const dataOwnerSettings = {
  /** The privacy service's internal base URL, where export parts are uploaded. */
  PRIVACY_URL: z.string().url().default('http://127.0.0.1:3040'),
  /** How often the retention jobs look for data past its declared period, and for inbox rows to forget. */
  RETENTION_INTERVAL_MS: z.coerce.number().int().min(1000).max(7 * 24 * 3600_000).default(3600_000),
};

/** The owner options that come from the config (and the clock the tests move), for `owner: { ...ownerSettings(config, clock), … }`. */
export const ownerSettings = (config: OwnerConfig, clock?: () => Date) => ({
  privacy: { url: config.PRIVACY_URL, keys: config.SERVICE_KEYS },
  intervalMs: config.RETENTION_INTERVAL_MS,
  clock,
});

export interface RunningService<D> {
  http: HttpApp;
  orm: MikroORM;
  nc: NatsConnection;
  relay: OutboxRelay;
  consumers: (Stoppable | DataOwnerHandle)[];
  jobs: PeriodicJob[];
  housekeeping: Housekeeping;
  deps: D;
  /** The one stop order, for main.ts (after the server stops accepting) and the tests alike. */
  steps: ShutdownStep[];
}

/** Something the service itself opened (a mail transport, …), closed after the relay and before NATS drains. */
export interface ServiceResource {
  name: string;
  close(): Promise<unknown>;
}

/**
 * The one start-up of a database service (ADR 35): database (migrated), streams, outbox relay, use
 * cases' dependencies, consumers and the data owner, housekeeping and jobs, routes. Returns the
 * stop steps in the order that loses nothing: jobs and retention let a turn commit, consumers stop
 * taking work, the relay publishes what is committed, NATS drains, the database closes.
 */
export async function startService<D>(options: StartServiceOptions<D>): Promise<RunningService<D>> {
  const { database, logger } = options;
  const orm = await openDatabase(database, options.env, logger);
  const started: { nc?: NatsConnection; deps?: D; consumers: (Stoppable | DataOwnerHandle)[] } = { consumers: [] };
  try {
    return await start(options, orm, started);
  } catch (err) {
    // A start that fails halfway leaves nothing running behind it.
    for (const c of started.consumers) await c.stop().catch(() => undefined);
    if (started.deps) for (const r of options.resources?.(started.deps) ?? []) await r.close().catch(() => undefined);
    await started.nc?.close().catch(() => undefined);
    await orm.close();
    throw err;
  }
}

async function start<D>(
  options: StartServiceOptions<D>, orm: MikroORM, started: { nc?: NatsConnection; deps?: D; consumers: (Stoppable | DataOwnerHandle)[] },
): Promise<RunningService<D>> {
  const { database, logger, owner } = options;
  const nc = await connectNats({ url: options.natsUrl, name: database.service, credentials: options.natsCredentials });
  started.nc = nc;
  const js = jetstream(nc);
  const jsm = await js.jetstreamManager();
  for (const stream of options.streams) await ensureStream(jsm, stream);
  const relay = new OutboxRelay(orm, js, logger);
  const platform: Platform = { orm, nc, js, jsm, relay, logger };
  const deps = await options.deps(platform);
  started.deps = deps;
  const dataOwner = typeof owner.owner === 'function' ? owner.owner(deps) : owner.owner;

  const consumers = started.consumers;
  consumers.push(...((await options.consumers?.(platform, deps)) ?? []));
  if (owner.consume !== false && !('answersCommands' in dataOwner)) {
    if (!owner.privacy) throw new Error(`${database.service}: a data owner that answers commands needs owner.privacy`);
    consumers.push(await startDataOwner({ js, orm, logger, relay, owner: dataOwner, privacy: owner.privacy }));
  }
  const policies = typeof owner.policies === 'function' ? owner.policies(deps) : owner.policies;
  const housekeeping = startHousekeeping({
    orm, jsm, logger, declaration: dataOwner.declaration, policies, clock: owner.clock,
    intervalMs: owner.intervalMs, afterReport: () => relay.kick(), consumedStreams: owner.consumedStreams,
  });
  const jobs = (options.jobs?.(platform, deps) ?? []).map((job) => job.start());

  const http = createHttpApp({
    logger,
    bodyLimit: options.bodyLimit,
    streamedBodies: options.streamedBodies,
    readiness: [
      { name: 'postgres', check: () => orm.em.fork().execute('select 1') },
      { name: 'nats', check: natsReadiness(nc) },
    ],
    routes: (app) => options.routes(app, deps),
  });
  relay.start();
  const steps: ShutdownStep[] = [
    { name: 'jobs', run: () => Promise.all(jobs.map((job) => job.stop())) },
    { name: 'retention', run: () => housekeeping.stop() },
    { name: 'consumers', run: () => Promise.all(consumers.map((c) => c.stop())) },
    { name: 'outbox relay', run: () => relay.stop() },
    ...(options.resources?.(deps) ?? []).map((r) => ({ name: r.name, run: () => r.close() })),
    { name: 'nats', run: () => nc.drain() },
    { name: 'database', run: () => orm.close() },
  ];
  return { http, orm, nc, relay, consumers, jobs, housekeeping, deps, steps };
}

/** Runs a service's stop steps in order after closing `server`: what the tests do at the end, as main.ts does on SIGTERM. */
export async function stopService(service: { steps: ShutdownStep[] }, server?: Server): Promise<void> {
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  for (const step of service.steps) await step.run();
}
