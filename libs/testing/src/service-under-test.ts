import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { uniqueName } from './database';
import { startPrivateNatsServer } from './nats-server';
import { testInfra } from './infra';
import { createOwnedDatabase, type OwnedDatabase } from './owned-database';

/**
 * A fresh database for a service under test, owned by a role of its own that is no superuser, as in
 * production: forced row-level security applies to the service's own connections, so a path that
 * crosses tenants without saying so finds nothing here too (ADR 4). `roles` are its RLS roles.
 */
export async function ownedTestDatabase(prefix: string, roles: string[]): Promise<OwnedDatabase> {
  const infra = await testInfra();
  return createOwnedDatabase(infra.databaseUrl, uniqueName(prefix), { roles });
}

/** What a service under test logs, line by line: give `destination` to its logger, read `lines`. */
export function capturedLog(): { lines: string[]; destination: Writable } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
  return { lines, destination };
}

/** An HTTP app on 127.0.0.1 (a free port unless one is named), once it listens. */
export async function listenLocally(app: { listen(port: number, host: string): Server }, port = 0): Promise<Server> {
  const server = app.listen(port, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return server;
}

/** The base URL of a server `listenLocally` started. */
export const localUrl = (server: Server): string => `http://127.0.0.1:${(server.address() as { port: number }).port}`;

/** A service started by `startServiceUnderTest`, and what it runs on. */
export interface ServiceUnderTest<S> {
  service: S;
  server: Server;
  databaseUrl: string;
  natsUrl: string;
  /** Stops the service (its own stop steps after closing the server), then its nats-server, then drops its database. */
  stop(): Promise<void>;
}

/**
 * A database service in-process on a real socket, on a fresh database of its own (`ownedTestDatabase`)
 * and a nats-server of its own: durable consumers are shared by name, so two test files on one NATS
 * would take each other's messages as replicas do.
 */
export async function startServiceUnderTest<S extends { http: { app: { listen(port: number, host: string): Server } } }>(options: {
  /** The service's name (`tenant-data`): its database is given as `TENANT_DATA_DATABASE_URL`. */
  service: string;
  /** The database's name prefix (`homi_td_test`) and the service's row-level-security roles. */
  database: { prefix: string; roles: string[] };
  /** Builds the service from its env: its database, its nats-server, NODE_ENV=test (add what else it needs). */
  build: (env: NodeJS.ProcessEnv) => Promise<S>;
  stop: (service: S, server: Server) => Promise<void>;
}): Promise<ServiceUnderTest<S>> {
  const nats = await startPrivateNatsServer();
  const db = await ownedTestDatabase(options.database.prefix, options.database.roles);
  const ownDatabaseUrl = `${options.service.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`;
  const env = { [ownDatabaseUrl]: db.url, NATS_URL: nats.url, NODE_ENV: 'test' };
  const service = await options.build(env).catch(async (error: unknown) => {
    // A start that fails leaves no server or database behind.
    await nats.dispose();
    await db.drop();
    throw error;
  });
  const server = await listenLocally(service.http.app);
  return {
    service,
    server,
    databaseUrl: db.url,
    natsUrl: nats.url,
    async stop() {
      await options.stop(service, server);
      await nats.dispose();
      await db.drop();
    },
  };
}
