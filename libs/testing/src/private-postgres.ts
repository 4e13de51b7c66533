import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { waitForPort } from './nats-server';
import { freePort } from './service-process';
import { findPostgresBin, postgresWorkspace } from './tls-postgres';

/** A Postgres server of a test's own, which it may kill and start again (chaos and outage tests). */
export interface PrivatePostgres {
  /** `postgres://postgres@127.0.0.1:{port}/postgres`, trust authentication. */
  url: string;
  /** SIGKILL to the postmaster, as a crash or an OOM kill: no checkpoint, no goodbye to clients. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data (crash recovery runs first). */
  start(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * initdb and a server on 127.0.0.1 with trust for `postgres` (Debian's binaries; as root, run as
 * the `postgres` user). `fsync=off`: a killed server still recovers from its WAL, which is what a
 * chaos test exercises; only a machine crash would lose data.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error('no initdb/pg_ctl (Debian package postgresql) for a private Postgres');
  const { dir, run } = postgresWorkspace(bin, 'homi-pg-');
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '--no-instructions']);
  const port = await freePort();
  const options = [`-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', '-c fsync=off', '-c max_connections=300'].join(' ');
  const start = async () => {
    // After a kill, orphaned backends may hold the shared memory for a moment: try again briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
        break;
      } catch (err) {
        if (attempt >= 20) throw err;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    await waitForPort(port);
  };
  const postmasterPid = () => {
    try {
      return Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    } catch {
      return undefined;
    }
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async kill() {
      const pid = postmasterPid();
      if (!pid) return;
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        return;
      }
      for (let i = 0; i < 100; i++) {
        try {
          process.kill(pid, 0);
        } catch {
          return;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    start,
    async dispose() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // Already down.
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
