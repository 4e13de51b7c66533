import type { Server } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { NatsConnection } from '@nats-io/nats-core';
import { jetstream } from '@nats-io/jetstream';
import { IDENTITY_STREAM, PRIVACY_STREAM } from '@homi/contracts';
import { connectNats, ensureStream, messagingEntities, messagingMigration, OutboxRelay, type ConsumerHandle } from '@homi/messaging';
import { createOrm, ensureDatabase, migrate, newId, serviceDatabaseUrl, type HttpApp, type Logger } from '@homi/service-kit';
import type { Config } from './config';
import type { Deps } from './application/deps';
import { schedulerTick } from './application/scheduler-tick';
import { createPrivacyHttpApp } from './http/app';
import { startConsumers } from './infrastructure/consumers';
import { OrmDatabase } from './infrastructure/database';
import { Migration0001Initial } from './infrastructure/migrations/0001-initial';
import { Migration0002RequestsBySubject } from './infrastructure/migrations/0002-requests-by-subject';
import { PartStore } from './infrastructure/part-store';
import { IntervalScheduler } from './infrastructure/scheduler';
import { registerPrivacyMetrics } from './infrastructure/metrics';
import { privacyEntities } from './infrastructure/schema';

export const SERVICE = 'privacy';
const MIGRATION_LOCK = 0x7e_4a_17_04;

export interface PrivacyService {
  http: HttpApp;
  orm: MikroORM;
  nc: NatsConnection;
  relay: OutboxRelay;
  consumers: ConsumerHandle[];
  scheduler: IntervalScheduler;
  gauges: { remove(): void };
  deps: Deps;
}

export interface BuildOptions {
  /** Tests move time forward with their own clock. */
  clock?: () => Date;
}

export const migrations = [
  messagingMigration,
  { name: 'Migration0001Initial', class: Migration0001Initial },
  { name: 'Migration0002RequestsBySubject', class: Migration0002RequestsBySubject },
];

/** Opens privacy's database, creating it when missing, and applies pending migrations. */
export async function openDatabase(config: Config, logger: Logger): Promise<MikroORM> {
  const { url, create } = serviceDatabaseUrl({ DATABASE_URL: config.DATABASE_URL, PRIVACY_DATABASE_URL: config.PRIVACY_DATABASE_URL }, SERVICE);
  if (create) await ensureDatabase(url);
  const orm = await createOrm({
    clientUrl: url,
    entities: [...privacyEntities, ...messagingEntities],
    migrations,
    log: (message) => logger.debug({ orm: message }, 'mikro-orm'),
  });
  await migrate(orm, MIGRATION_LOCK);
  return orm;
}

/** Wires privacy: database (created, migrated), streams, outbox relay, consumers, scheduler, routes. */
export async function buildService(config: Config, logger: Logger, options: BuildOptions = {}): Promise<PrivacyService> {
  const orm = await openDatabase(config, logger);
  const nc = await connectNats({ url: config.NATS_URL, name: SERVICE });
  const js = jetstream(nc);
  const jsm = await js.jetstreamManager();
  await ensureStream(jsm, { name: PRIVACY_STREAM.name, subjects: [...PRIVACY_STREAM.subjects] });
  await ensureStream(jsm, { name: IDENTITY_STREAM.name, subjects: [...IDENTITY_STREAM.subjects] });

  const relay = new OutboxRelay(orm, js, logger);
  const deps: Deps = {
    db: new OrmDatabase(orm, () => relay.kick()),
    parts: new PartStore(),
    clock: options.clock ?? (() => new Date()),
    newId,
    settings: {
      retryAfterMs: config.RETRY_AFTER_MS,
      retryMaxMs: config.RETRY_MAX_MS,
      exportTtlDays: config.EXPORT_TTL_DAYS,
      partMaxBytes: config.EXPORT_PART_MAX_BYTES,
    },
  };
  const consumers = await startConsumers({ js, orm, logger, deps });
  const scheduler = new IntervalScheduler(() => schedulerTick(deps), config.SCHEDULER_INTERVAL_MS, logger);

  const http = createPrivacyHttpApp({
    deps,
    logger,
    internalSecret: config.INTERNAL_AUTH_SECRET,
    readiness: [
      { name: 'postgres', check: () => orm.em.fork().execute('select 1') },
      { name: 'nats', check: () => (nc.isClosed() ? Promise.reject(new Error('closed')) : nc.flush()) },
    ],
  });
  relay.start();
  scheduler.start();
  const gauges = registerPrivacyMetrics(orm);
  return { http, orm, nc, relay, consumers, scheduler, deps, gauges };
}

/** Stops in the order that loses nothing: HTTP, scheduler, consumers, relay, NATS (drained), database. */
export async function stopService(service: PrivacyService, server?: Server): Promise<void> {
  if (server) {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
  }
  service.gauges.remove();
  await service.scheduler.stop();
  for (const c of service.consumers) await c.stop();
  await service.relay.stop();
  await service.nc.drain();
  await service.orm.close();
}
