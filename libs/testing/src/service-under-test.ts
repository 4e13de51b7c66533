import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { uniqueName } from './database';
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
