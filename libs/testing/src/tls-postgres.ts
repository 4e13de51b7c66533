import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitForPort } from './nats-server';
import { freePort } from './service-process';

/** A Postgres server of a test's own that accepts TLS connections only (ADR 39). */
export interface TlsPostgres {
  port: number;
  stop(): Promise<void>;
}

const BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];

/** Where initdb and pg_ctl are (Debian's postgresql package), or undefined. */
export function findPostgresBin(): string | undefined {
  return BIN_DIRS.find((d) => existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl')));
}

/**
 * A directory for a private cluster, owned by the `postgres` user when this runs as root (initdb
 * refuses root), and a runner of the cluster's binaries as that user.
 */
export function postgresWorkspace(bin: string, prefix: string) {
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const owner = root ? { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) } : undefined;
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const run = (command: string, args: string[]) => {
    const r = root ? spawnSync('runuser', ['-u', 'postgres', '--', join(bin, command), ...args], { encoding: 'utf8' }) : spawnSync(join(bin, command), args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${command} failed: ${r.stderr || r.stdout}`);
  };
  return { dir, owner, run };
}

/**
 * initdb and pg_ctl start a server on 127.0.0.1 with `ssl=on` and a pg_hba that admits only
 * `hostssl` (role postgres, trust), with the given certificate and key. As root they run as the
 * `postgres` user (initdb refuses root). Takes ~20 s on a loaded machine.
 */
export async function startTlsPostgres(certFile: string, keyFile: string): Promise<TlsPostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error('no initdb/pg_ctl (Debian package postgresql) for a private Postgres');
  const { dir, owner, run } = postgresWorkspace(bin, 'homi-pg-tls-');
  for (const [from, to] of [[certFile, 'server.crt'], [keyFile, 'server.key']] as const) {
    copyFileSync(from, join(dir, to));
    chmodSync(join(dir, to), 0o600);
    if (owner) chownSync(join(dir, to), owner.uid, owner.gid);
  }
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'reject', '-U', 'postgres', '--no-sync', '--no-instructions']);
  const hba = join(dir, 'pg_hba.conf');
  writeFileSync(hba, 'hostssl all postgres 127.0.0.1/32 trust\n');
  if (owner) chownSync(hba, owner.uid, owner.gid);
  const port = await freePort();
  const options = [
    `-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', '-c ssl=on', '-c fsync=off',
    `-c ssl_cert_file=${join(dir, 'server.crt')}`, `-c ssl_key_file=${join(dir, 'server.key')}`, `-c hba_file=${hba}`,
  ].join(' ');
  run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
  await waitForPort(port);
  return {
    port,
    async stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
