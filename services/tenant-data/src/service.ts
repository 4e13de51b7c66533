import type { Server } from 'node:http';
import { MikroORM } from '@mikro-orm/postgresql';
import type { NatsConnection } from '@nats-io/nats-core';
import { jetstream } from '@nats-io/jetstream';
import { TENANT_DATA_STREAM, IDENTITY_STREAM, TenantCreated } from '@homi/contracts';
import { connectNats, ensureStream, messagingEntities, messagingMigration, OutboxRelay, runConsumer, type ConsumerHandle } from '@homi/messaging';
import { createHttpApp, createOrm, ensureDatabase, migrate, newId, serviceDatabaseUrl, type HttpApp, type Logger } from '@homi/service-kit';
import { startDataOwner, type DataOwnerHandle } from '@homi/privacy-kit';
import type { Config } from './config';
import { tenantDataOwner } from './privacy';
import type { Deps } from './application/deps';
import { createInstitute } from './application/create-institute';
import { mountRoutes } from './http/routes';
import { IdentityInstituteDirectory } from './infrastructure/identity-institute-directory';
import { Migration0001Initial } from './infrastructure/migrations/0001-initial';
import { Migration0002AppointmentsByClient } from './infrastructure/migrations/0002-appointments-by-client';
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
  deps: Deps;
}

/** Opens tenant-data's database, creating it when missing, and applies pending migrations. */
export async function openDatabase(config: Config, logger: Logger): Promise<MikroORM> {
  const { url, create } = serviceDatabaseUrl({ DATABASE_URL: config.DATABASE_URL, TENANT_DATA_DATABASE_URL: config.TENANT_DATA_DATABASE_URL }, SERVICE);
  if (create) await ensureDatabase(url);
  const orm = await createOrm({
    clientUrl: url,
    entities: [...tenantDataEntities, ...messagingEntities],
    migrations: [
      messagingMigration,
      { name: 'Migration0001Initial', class: Migration0001Initial },
      { name: 'Migration0002AppointmentsByClient', class: Migration0002AppointmentsByClient },
    ],
    log: (message) => logger.debug({ orm: message }, 'mikro-orm'),
  });
  await migrate(orm, MIGRATION_LOCK);
  return orm;
}

/** Wires tenant-data: its database (created and migrated), NATS streams, outbox relay, consumers, routes. */
export async function buildService(config: Config, logger: Logger): Promise<TenantDataService> {
  const orm = await openDatabase(config, logger);

  const nc = await connectNats({ url: config.NATS_URL, name: SERVICE });
  const js = jetstream(nc);
  const jsm = await js.jetstreamManager();
  await ensureStream(jsm, { name: TENANT_DATA_STREAM.name, subjects: [...TENANT_DATA_STREAM.subjects] });
  await ensureStream(jsm, { name: IDENTITY_STREAM.name, subjects: [...IDENTITY_STREAM.subjects] });

  const relay = new OutboxRelay(orm, js, logger);
  const deps: Deps = {
    scope: new PostgresTenantScope(orm, () => relay.kick()),
    clock: () => new Date(),
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

  const http = createHttpApp({
    logger,
    readiness: [
      { name: 'postgres', check: () => orm.em.fork().execute('select 1') },
      { name: 'nats', check: () => (nc.isClosed() ? Promise.reject(new Error('closed')) : nc.flush()) },
    ],
    routes: (app) => mountRoutes(app, deps, config.INTERNAL_AUTH_SECRET),
  });
  relay.start();
  return { http, orm, nc, relay, consumers, deps };
}

/** Stops in the order that loses nothing: consumers, relay, NATS (drained), database. */
export async function stopService(service: TenantDataService, server?: Server): Promise<void> {
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  for (const c of service.consumers) await c.stop();
  await service.relay.stop();
  await service.nc.drain();
  await service.orm.close();
}
