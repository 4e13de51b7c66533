import type { Server } from 'node:http';
import { MikroORM } from '@mikro-orm/postgresql';
import type { NatsConnection } from '@nats-io/nats-core';
import { jetstream } from '@nats-io/jetstream';
import { TENANT_DATA_STREAM, IDENTITY_STREAM, PRIVACY_STREAM, TenantCreated } from '@homi/contracts';
import { connectNats, ensureStream, messagingEntities, messagingMigration, OutboxRelay, runConsumer, type ConsumerHandle } from '@homi/messaging';
import { createHttpApp, newId, openServiceDatabase, type HttpApp, type Logger } from '@homi/service-kit';
import { retentionMigration, startDataOwner, startHousekeeping, type DataOwnerHandle, type Housekeeping } from '@homi/privacy-kit';
import type { Config } from './config';
import { declaration, tenantDataOwner } from './privacy';
import { retentionPolicies } from './retention';
import type { Deps } from './application/deps';
import { createInstitute } from './application/create-institute';
import { mountRoutes } from './http/routes';
import { IdentityInstituteDirectory } from './infrastructure/identity-institute-directory';
import { Migration0001Initial } from './infrastructure/migrations/0001-initial';
import { Migration0002AppointmentsByClient } from './infrastructure/migrations/0002-appointments-by-client';
import { Migration0003Retention } from './infrastructure/migrations/0003-retention';
import { Migration0004AllTenantsEscape } from './infrastructure/migrations/0004-all-tenants-escape';
import { tenantDataEntities } from './infrastructure/schema';
import { PostgresTenantScope } from './infrastructure/tenant-scope';

export const SERVICE = 'tenant-data';
const MIGRATION_LOCK = 0x7e_4a_17_01;

export interface TenantDataService {
  http: HttpApp;
  orm: MikroORM;
  nc: NatsConnection;
  relay: OutboxRelay;
  consumers: (ConsumerHandle | DataOwnerHandle)[];
  /** Retention of the declared categories, and of the inbox. */
  housekeeping: Housekeeping;
  deps: Deps;
}

export interface BuildOptions {
  /** Tests move time forward with their own clock. */
  clock?: () => Date;
}

/** Opens tenant-data's database, creating it when missing, and applies pending migrations. */
export async function openDatabase(config: Config, logger: Logger): Promise<MikroORM> {
  return openServiceDatabase({
    service: SERVICE,
    env: { DATABASE_URL: config.DATABASE_URL, TENANT_DATA_DATABASE_URL: config.TENANT_DATA_DATABASE_URL },
    entities: [...tenantDataEntities, ...messagingEntities],
    migrations: [
      messagingMigration,
      retentionMigration,
      { name: 'Migration0001Initial', class: Migration0001Initial },
      { name: 'Migration0002AppointmentsByClient', class: Migration0002AppointmentsByClient },
      { name: 'Migration0003Retention', class: Migration0003Retention },
      { name: 'Migration0004AllTenantsEscape', class: Migration0004AllTenantsEscape },
    ],
    lockKey: MIGRATION_LOCK,
    logger,
  });
}

/** Wires tenant-data: its database (created and migrated), NATS streams, outbox relay, consumers, routes. */
export async function buildService(config: Config, logger: Logger, options: BuildOptions = {}): Promise<TenantDataService> {
  const orm = await openDatabase(config, logger);

  const nc = await connectNats({ url: config.NATS_URL, name: SERVICE });
  const js = jetstream(nc);
  const jsm = await js.jetstreamManager();
  await ensureStream(jsm, TENANT_DATA_STREAM);
  await ensureStream(jsm, IDENTITY_STREAM);

  const relay = new OutboxRelay(orm, js, logger);
  const deps: Deps = {
    scope: new PostgresTenantScope(orm, () => relay.kick()),
    clock: options.clock ?? (() => new Date()),
    newId,
    institutes: new IdentityInstituteDirectory({ url: config.IDENTITY_URL, secret: config.INTERNAL_AUTH_SECRET, service: SERVICE }),
  };

  const consumers: (ConsumerHandle | DataOwnerHandle)[] = [
    await runConsumer({
      js,
      orm,
      logger,
      stream: IDENTITY_STREAM.name,
      // A new name for the v2 subject: the v1 durable's filter no longer matches anything (ADR 12).
      durable: 'tenant-data-tenant-created-v2',
      contracts: [TenantCreated],
      handler: async (event) => {
        const outcome = await createInstitute(deps, event.data.tenantId);
        if (outcome === 'tenant-gone') logger.info({ tenantId: event.data.tenantId }, 'tenant erased before its institute profile was made; skipped');
      },
    }),
    await startDataOwner({ js, orm, logger, owner: tenantDataOwner, privacy: { url: config.PRIVACY_URL, secret: config.INTERNAL_AUTH_SECRET } }),
  ];
  const intervalMs = config.RETENTION_INTERVAL_MS;
  const housekeeping = startHousekeeping({
    orm, jsm, logger, declaration, policies: retentionPolicies, clock: deps.clock, intervalMs, afterReport: () => relay.kick(),
    // IDENTITY (new tenants), PRIVACY (data owner).
    consumedStreams: [IDENTITY_STREAM.name, PRIVACY_STREAM.name],
  });

  const http = createHttpApp({
    logger,
    readiness: [
      { name: 'postgres', check: () => orm.em.fork().execute('select 1') },
      { name: 'nats', check: () => (nc.isClosed() ? Promise.reject(new Error('closed')) : nc.flush()) },
    ],
    routes: (app) => mountRoutes(app, deps, config.INTERNAL_AUTH_SECRET),
  });
  relay.start();
  return { http, orm, nc, relay, consumers, housekeeping, deps };
}

/** Stops in the order that loses nothing: retention jobs, consumers, relay, NATS (drained), database. */
export async function stopService(service: TenantDataService, server?: Server): Promise<void> {
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  await service.housekeeping.stop();
  for (const c of service.consumers) await c.stop();
  await service.relay.stop();
  await service.nc.drain();
  await service.orm.close();
}
