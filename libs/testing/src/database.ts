import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { namespaceToken } from './run-namespace';

// Postgres truncates longer identifiers silently, which would make the URL name another database.
const MAX_IDENTIFIER_BYTES = 63;
const DUPLICATE_DATABASE = '42P04';
const UNIQUE_VIOLATION = '23505'; // two CREATE DATABASE of one name racing
const OBJECT_IN_USE = '55006';

/** The URL of database `name` on the server `serverUrl` names: same credentials, host and options. */
export function databaseUrlFor(serverUrl: string, name: string): string {
  assertName(name);
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

/** Creates database `name` unless it exists (also when created concurrently); returns its URL. */
export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  assertName(name);
  await withClient(serverUrl, async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return;
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    } catch (err) {
      if (!hasCode(err, DUPLICATE_DATABASE, UNIQUE_VIOLATION)) throw err;
    }
  });
  return databaseUrlFor(serverUrl, name);
}

/** Ends every connection to database `name`, then drops it; a missing database is not an error. */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  assertName(name);
  await withClient(serverUrl, async (client) => {
    for (let attempt = 1; ; attempt += 1) {
      await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
      try {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)}`);
        return;
      } catch (err) {
        // A pool may reconnect between the two statements.
        if (!hasCode(err, OBJECT_IN_USE) || attempt >= 5) throw err;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  });
}

/**
 * A fresh lower-case database name starting with `prefix`, e.g. `tenant_data_m3x1k2_9f4c1a`; in a
 * test run the run's namespace comes first in the suffix (`tenant_data_tm3x0a1b2_m3x1k2_9f4c1a`), so
 * the run's global teardown finds what a crashed test left.
 */
export function uniqueName(prefix = 'test'): string {
  const ns = namespaceToken();
  const suffix = `${ns ? `${ns}_` : ''}${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const safe = prefix.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^[^a-z_]+/, '') || 'test';
  return `${safe.slice(0, MAX_IDENTIFIER_BYTES - suffix.length - 1)}_${suffix}`;
}

function assertName(name: string): void {
  if (!name || Buffer.byteLength(name) > MAX_IDENTIFIER_BYTES) {
    throw new Error(`database name must be 1 to ${MAX_IDENTIFIER_BYTES} bytes: ${JSON.stringify(name)}`);
  }
}

/** Runs `work` on a connection of its own to `serverUrl`, closed afterwards whatever happens. */
export async function withClient<T>(serverUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function hasCode(err: unknown, ...codes: string[]): boolean {
  return typeof err === 'object' && err !== null && codes.includes((err as { code?: string }).code ?? '');
}
