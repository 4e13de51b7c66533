// A nats-server child process with JetStream, and a readiness check for any NATS URL that
// speaks the protocol directly (INFO, CONNECT, PING → PONG), so it needs no client library.
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { InfraError, alive, assertPortFree, exitOf, lastLines, maskUrl, messageOf, repoRoot, say, signalOnExit, sleep, terminate } from './common.mjs';

/** @typedef {import('./common.mjs').Server} Server */
/** The fields of a NATS server's INFO line this script reads. @typedef {{ tls_required?: boolean, jetstream?: boolean }} NatsInfo */

const log = (/** @type {string} */ m) => say('infra', m);

/**
 * nats-server from NATS_SERVER_BIN, PATH, or the usual system directories; null when absent.
 * @param {NodeJS.ProcessEnv} env
 * @returns {string | null}
 */
export function findNatsServer(env) {
  if (env.NATS_SERVER_BIN) return executable(env.NATS_SERVER_BIN) ? env.NATS_SERVER_BIN : null;
  const dirs = [...(env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin', '/usr/local/bin', '/usr/bin'];
  for (const dir of dirs) {
    const candidate = dir && path.join(dir, 'nats-server');
    if (candidate && executable(candidate)) return candidate;
  }
  return null;
}

/** @param {string} file */
function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts nats-server -js on 127.0.0.1:port with its store in .homi/<purpose>/nats, and with the
 * configuration file `configFile` (its users) when given; `probeUser` is the user its readiness check signs in as.
 * @param {import('./common.mjs').ServerOptions & { binary: string, configFile?: string, probeUser?: { user: string, password: string } }} options
 * @returns {Promise<Server & { stop: () => Promise<void> }>}
 */
export async function startNatsServer({ binary, purpose, port, persistent, onUnexpectedExit, configFile, probeUser }) {
  const base = path.join(repoRoot, '.homi', purpose);
  const storeDir = path.join(base, 'nats');
  const pidFile = path.join(base, 'nats-server.pid');
  const logFile = path.join(base, 'nats-server.log');
  stopStaleNats(pidFile);
  if (!persistent) rmSync(storeDir, { recursive: true, force: true });
  mkdirSync(storeDir, { recursive: true });
  await assertPortFree(port, 'NATS_PORT');

  log(`starting ${binary} on 127.0.0.1:${port}`);
  const out = openSync(logFile, 'a');
  // Its own process group, so a terminal's Ctrl+C reaches only our handlers and it stops last.
  const child = spawn(binary, [...(configFile ? ['-c', configFile] : []), '-js', '-sd', storeDir, '-a', '127.0.0.1', '-p', String(port), '-P', pidFile], {
    stdio: ['ignore', out, out],
    detached: true,
  });
  child.on('error', () => undefined); // reported through exitOf below
  let stopping = false;
  exitOf(child).then(({ code, signal }) => {
    if (!stopping) onUnexpectedExit(`nats-server exited (code ${code}, signal ${signal}); see ${logFile}`);
  });
  const release = signalOnExit(child);
  const stop = async () => {
    stopping = true;
    release();
    log('stopping nats-server');
    await terminate(child, 'SIGTERM', 10_000);
    if (!persistent) rmSync(storeDir, { recursive: true, force: true });
  };

  const url = `nats://127.0.0.1:${port}`;
  const probe = new URL(url);
  if (probeUser) {
    probe.username = encodeURIComponent(probeUser.user);
    probe.password = encodeURIComponent(probeUser.password);
  }
  try {
    await Promise.race([
      waitForNats(probe.toString(), 60_000, 'nats-server'),
      exitOf(child).then(({ code }) => {
        throw new InfraError(`nats-server exited with code ${code} before answering; last lines of ${logFile}:\n    ${lastLines(logFile)}`);
      }),
    ]);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, source: `nats-server child, JetStream store in ${storeDir}${persistent ? '' : ', removed on stop'}`, stop };
}

/**
 * A nats-server left running by a killed run (found through its pid file) is stopped first.
 * @param {string} pidFile
 */
function stopStaleNats(pidFile) {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!pid || !alive(pid)) return;
  let cmdline;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return;
  }
  if (!cmdline.includes('nats-server') || !cmdline.includes(pidFile)) return;
  log(`stopping a nats-server (pid ${pid}) left running by an earlier run`);
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 5000;
  while (alive(pid) && Date.now() < deadline) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  if (alive(pid)) process.kill(pid, 'SIGKILL');
}

/**
 * Resolves with the server's INFO once the first server of a NATS URL answers a PING.
 * @param {string} url one server or a comma-separated list
 * @param {number} timeoutMs
 * @param {string} label names the server in the error
 * @returns {Promise<NatsInfo | undefined>}
 */
export async function waitForNats(url, timeoutMs, label) {
  const deadline = Date.now() + timeoutMs;
  const [firstServer = ''] = url.split(',');
  const first = new URL(firstServer.trim().replace(/^(?!\w+:\/\/)/, 'nats://'));
  /** @type {unknown} */
  let lastError;
  while (Date.now() < deadline) {
    try {
      return await natsPing(first, Math.max(500, Math.min(3000, deadline - Date.now())));
    } catch (err) {
      lastError = err;
      if (/authoriz/i.test(messageOf(err))) break; // will not fix itself
    }
    await sleep(250);
  }
  throw new InfraError(`${label} (${maskUrl(url)}) does not answer: ${lastError === undefined ? 'timed out' : messageOf(lastError)}`);
}

/**
 * @param {URL} url
 * @param {number} timeoutMs
 * @returns {Promise<NatsInfo | undefined>}
 */
function natsPing(url, timeoutMs) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: url.hostname || '127.0.0.1', port: Number(url.port || 4222) });
    let buffer = '';
    /** @type {NatsInfo | undefined} */
    let info;
    /**
     * @param {Error | null} err
     * @param {NatsInfo} [value]
     */
    const finish = (err, value) => {
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(value);
    };
    const timer = setTimeout(() => finish(new Error('no answer in time')), timeoutMs);
    socket.on('error', (err) => finish(err));
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let end;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (line.startsWith('INFO ') && !info) {
          const parsed = /** @type {NatsInfo} */ (JSON.parse(line.slice(5)));
          info = parsed;
          if (parsed.tls_required) return finish(null, parsed); // TLS is beyond this probe; INFO is an answer
          socket.write(`CONNECT ${JSON.stringify({ verbose: false, pedantic: false, protocol: 1, echo: false, ...credentials(url) })}\r\nPING\r\n`);
        } else if (line === 'PONG') {
          return finish(null, info);
        } else if (line.startsWith('-ERR')) {
          return finish(new Error(`server said ${line}`));
        }
      }
    });
  });
}

/**
 * The CONNECT fields for a URL's user and password, or its token (a user without a password).
 * @param {URL} url
 */
function credentials(url) {
  if (url.username && url.password) return { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) };
  if (url.username) return { auth_token: decodeURIComponent(url.username) };
  return {};
}
