import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { dropDatabase, withClient } from './database';

// Loaded by jest's global teardown without the preset's module mapping: it imports no workspace library.

export interface NamespaceRemoval {
  streams: string[];
  databases: string[];
}

/**
 * Removes what a run left in its namespace on the servers it was pointed at: the streams and KV
 * buckets named with its prefix, and the databases `uniqueName` named with it (a test that
 * crashed before its own clean-up). Nothing outside the namespace is touched.
 */
export async function removeTestNamespace(namespace: string, servers: { natsUrl?: string; databaseUrl?: string }): Promise<NamespaceRemoval> {
  const removed: NamespaceRemoval = { streams: [], databases: [] };
  if (!/^t[a-z0-9]+$/.test(namespace)) return removed;
  if (servers.natsUrl) {
    const nc = await connect({ servers: servers.natsUrl.split(','), name: 'test-namespace-cleanup' });
    try {
      const jsm = await jetstreamManager(nc);
      const ours = (name: string) => [`${namespace}_`, `KV_${namespace}_`, `OBJ_${namespace}_`].some((p) => name.startsWith(p));
      for await (const name of jsm.streams.names()) {
        if (ours(name) && (await jsm.streams.delete(name).catch(() => false))) removed.streams.push(name);
      }
    } finally {
      await nc.close();
    }
  }
  if (servers.databaseUrl) {
    const names = await withClient(servers.databaseUrl, async (client) =>
      (await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`%\\_${namespace}\\_%`])).rows.map((r) => r.datname),
    );
    for (const name of names) {
      await dropDatabase(servers.databaseUrl, name);
      removed.databases.push(name);
    }
  }
  return removed;
}
