import type { Server } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { NatsConnection } from '@nats-io/nats-core';
import { jetstream } from '@nats-io/jetstream';
import { AUDIT_STREAM, IDENTITY_STREAM, PRIVACY_STREAM } from '@homi/contracts';
import { connectNats, ensureStream, messagingEntities, messagingMigration, OutboxRelay, type ConsumerHandle } from '@homi/messaging';
import { retentionMigration, startHousekeeping, type Housekeeping } from '@homi/privacy-kit';
import { newId, openServiceDatabase, type HttpApp, type Logger, periodicJob, type PeriodicJob } from '@homi/service-kit';
import type { Config } from './config';
import type { Deps } from './application/deps';
import { schedulerTick } from './application/scheduler-tick';
import { createPrivacyHttpApp } from './http/app';
import { startConsumers } from './infrastructure/consumers';
import { OrmDatabase } from './infrastructure/database';
import { Migration0001Initial } from './infrastructure/migrations/0001-initial';
import { Migration0002RequestsBySubject } from './infrastructure/migrations/0002-requests-by-subject';
import { Migration0003UsageStatistics } from './infrastructure/migrations/0003-usage-statistics';
import { Migration0004Retention } from './infrastructure/migrations/0004-retention';
import { Migration0005TenantUsageIsolation } from './infrastructure/migrations/0005-tenant-usage-isolation';
import { PartStore } from './infrastructure/part-store';
import { registerPrivacyMetrics } from './infrastructure/metrics';
import { privacyEntities } from './infrastructure/schema';
import { privacyDeclaration } from './privacy';
import { privacyRetentionPolicies } from './retention';
import { startUsageModule, type UsageModule } from './usage/usage-module';

export const SERVICE = 'privacy';
const MIGRATION_LOCK = 0x7e_4a_17_04;

export interface PrivacyService {
  http: HttpApp;
  orm: MikroORM;
  nc: NatsConnection;
  relay: OutboxRelay;
  consumers: ConsumerHandle[];
  scheduler: PeriodicJob;
  gauges: { remove(): void };
  deps: Deps;
  /** Anonymous usage statistics and each tenant's own usage (ADR 16). */
  usage: UsageModule;
  /** Retention of privacy's own declared categories, and of its inbox. */
  housekeeping: Housekeeping;
}

export interface BuildOptions {
  /** Tests move time forward with their own clock. */
  clock?: () => Date;
}

export const migrations = [
  messagingMigration,
  retentionMigration,
  { name: 'Migration0001Initial', class: Migration0001Initial },
  { name: 'Migration0002RequestsBySubject', class: Migration0002RequestsBySubject },
  { name: 'Migration0003UsageStatistics', class: Migration0003UsageStatistics },
  { name: 'Migration0004Retention', class: Migration0004Retention },
  { name: 'Migration0005TenantUsageIsolation', class: Migration0005TenantUsageIsolation },
];

/** Opens privacy's database, creating it when missing, and applies pending migrations. */
export async function openDatabase(config: Config, logger: Logger): Promise<MikroORM> {
  return openServiceDatabase({
    service: SERVICE,
    env: { DATABASE_URL: config.DATABASE_URL, PRIVACY_DATABASE_URL: config.PRIVACY_DATABASE_URL },
    entities: [...privacyEntities, ...messagingEntities],
    migrations,
    lockKey: MIGRATION_LOCK,
    logger,
  });
}

/** Wires privacy: database (created, migrated), streams, outbox relay, consumers, scheduler, routes. */
export async function buildService(config: Config, logger: Logger, options: BuildOptions = {}): Promise<PrivacyService> {
  const orm = await openDatabase(config, logger);
  const nc = await connectNats({ url: config.NATS_URL, name: SERVICE });
  const js = jetstream(nc);
  const jsm = await js.jetstreamManager();
  await ensureStream(jsm, PRIVACY_STREAM);
  await ensureStream(jsm, IDENTITY_STREAM);
  // Downloads of a client's access package go to the tenant's audit log (ADR 22); the same spec as the gateway's and identity's.
  await ensureStream(jsm, { name: AUDIT_STREAM.name, subjects: [...AUDIT_STREAM.subjects], maxAgeMs: AUDIT_STREAM.maxAgeMs });

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
  const usage = await startUsageModule({
    js, orm, db: deps.db, logger, clock: deps.clock, closeIntervalMs: config.USAGE_CLOSE_INTERVAL_MS,
    settings: { minBucket: config.USAGE_MIN_BUCKET, closeGraceMs: config.USAGE_CLOSE_GRACE_MS },
  });
  const scheduler = periodicJob({ name: 'scheduler', intervalMs: config.SCHEDULER_INTERVAL_MS, work: () => schedulerTick(deps), logger });
  const intervalMs = config.RETENTION_INTERVAL_MS;
  const housekeeping = startHousekeeping({
    orm, jsm, logger, declaration: privacyDeclaration, policies: privacyRetentionPolicies(deps.parts), clock: deps.clock, intervalMs,
    afterReport: () => relay.kick(),
    consumedStreams: [PRIVACY_STREAM.name, IDENTITY_STREAM.name],
  });

  const http = createPrivacyHttpApp({
    deps,
    usage: usage.deps,
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
  return { http, orm, nc, relay, consumers, scheduler, deps, gauges, usage, housekeeping };
}

/** Stops in the order that loses nothing: HTTP, scheduler, retention, consumers, relay, NATS (drained), database. */
export async function stopService(service: PrivacyService, server?: Server): Promise<void> {
  if (server) {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
  }
  service.gauges.remove();
  await service.scheduler.stop();
  await service.housekeeping.stop();
  await service.usage.stop();
  for (const c of service.consumers) await c.stop();
  await service.relay.stop();
  await service.nc.drain();
  await service.orm.close();
}
