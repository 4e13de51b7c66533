// Small helpers shared by the developer scripts (Node built-ins only).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/**
 * Node flags every service process runs with, here as in the image's CMD and the tests' service
 * processes (libs/testing): an 8 MB young-generation semi-space keeps a streamed export's peak near its
 * base (ADR 62). deploy/test/service-node-flags.test.ts keeps the three alike.
 */
export const SERVICE_NODE_FLAGS = ['--max-semi-space-size=8'];

/**
 * @param {string} tag
 * @param {string} message
 */
export function say(tag, message) {
  process.stderr.write(`[${tag}] ${message}\n`);
}

/** @param {number} ms */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Whether this module is the script node was asked to run.
 * @param {ImportMeta} meta
 */
export const isMain = (meta) => {
  const script = process.argv[1];
  if (!script) return false;
  return path.resolve(script) === fileURLToPath(meta.url);
};

/** An error whose message is the whole story: scripts print it without a stack. */
export class InfraError extends Error {}

/**
 * What a script prints for a failure: an InfraError's message, another error's stack, and
 * anything else thrown as a string.
 * @param {unknown} err
 * @returns {string}
 */
export function describeError(err) {
  if (err instanceof InfraError) return err.message;
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}

/**
 * The message of anything thrown: an Error's message, or the value as a string.
 * @param {unknown} err
 * @returns {string}
 */
export const messageOf = (err) => (err instanceof Error ? err.message : String(err));

/**
 * The `code` of a Node.js system error (ENOENT, EADDRINUSE, …) or a pg error (28P01, …), if any.
 * @param {unknown} err
 * @returns {string | undefined}
 */
export function errorCode(err) {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  return typeof err.code === 'string' ? err.code : undefined;
}

/**
 * The URL with any password replaced by ***; a comma-separated server list is masked one by one.
 * @param {string | undefined} value
 * @returns {string}
 */
export function maskUrl(value) {
  if (!value) return String(value);
  return String(value)
    .split(',')
    .map((one) => {
      try {
        const url = new URL(one.trim());
        if (url.password) url.password = '***';
        else if (url.username && ['nats:', 'tls:'].includes(url.protocol)) url.username = '***'; // a bare NATS token
        return url.toString();
      } catch {
        return one.replace(/\/\/[^@/]*@/, '//***@');
      }
    })
    .join(',');
}

/**
 * Runs a command with inherited stdio and resolves with its exit code. SIGINT/SIGTERM sent to
 * this process are passed on, so the command can end cleanly before the caller cleans up.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string }} [options]
 * @returns {Promise<number>}
 */
export function runCommand(command, args, { env = process.env, cwd = repoRoot } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: 'inherit' });
    /** @param {NodeJS.Signals} signal */
    const forward = (signal) => child.kill(signal);
    /** @type {NodeJS.Signals[]} */
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const s of signals) process.on(s, forward);
    /** @param {number} code */
    const done = (code) => {
      for (const s of signals) process.off(s, forward);
      resolve(code);
    };
    child.on('error', (err) => {
      say('run', `could not start ${command}: ${err.message}`);
      done(127);
    });
    child.on('exit', (code, signal) => done(code ?? signalExitCode(signal)));
  });
}

/**
 * The exit code a shell gives a process that `signal` ended: 128 + the signal's number
 * (128 + 1 when there is none, which Node does not report together with a null exit code).
 * @param {NodeJS.Signals | null} signal
 */
export const signalExitCode = (signal) => 128 + ((signal && os.constants.signals[signal]) ?? 1);

/**
 * The port in `value` (an environment variable named `name`), or `fallback` when it is unset.
 * @param {string | undefined} value
 * @param {number} fallback
 * @param {string} name
 * @returns {number}
 */
export function portFrom(value, fallback, name) {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new InfraError(`${name}=${value} is not a port number`);
  return port;
}

/**
 * Rejects with an InfraError naming `variable` when 127.0.0.1:`port` is taken.
 * @param {number} port
 * @param {string} variable
 * @returns {Promise<void>}
 */
export function assertPortFree(port, variable) {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (/** @type {NodeJS.ErrnoException} */ err) =>
      reject(
        new InfraError(
          err.code === 'EADDRINUSE'
            ? `port ${port} on 127.0.0.1 is already in use (another run?); choose another with ${variable}=PORT`
            : `cannot listen on port ${port}: ${err.message}`,
        ),
      ),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

/**
 * Resolves once a TCP connection to host:port opens; rejects on error or after `timeoutMs`.
 * @param {string} host
 * @param {number} port
 * @returns {Promise<void>}
 */
export function tcpAnswers(host, port, timeoutMs = 2000) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no TCP answer from ${host}:${port}`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.end();
      resolve();
    });
    socket.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/**
 * Whether a process with this pid exists (one of another user's counts too).
 * @param {number} pid
 */
export function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errorCode(err) === 'EPERM';
  }
}

/**
 * The last `n` lines of a log file, indented to follow a message, or '(no log)'.
 * @param {string} file
 */
export function lastLines(file, n = 12) {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-n).join('\n    ');
  } catch {
    return '(no log)';
  }
}

/** @typedef {{ code: number | null, signal: NodeJS.Signals | null }} Exit how a child process ended */

/**
 * What local-infra.mjs asks infra-postgres.mjs and infra-nats.mjs to start.
 * @typedef {object} ServerOptions
 * @property {string} purpose `start` or `test`: the directory .homi/<purpose> holds its data and log
 * @property {number} port on 127.0.0.1
 * @property {boolean} persistent whether the data outlives stop()
 * @property {(message: string) => void} onUnexpectedExit called when the server ends without stop()
 */

/**
 * A server that answers, with where it came from and, when a script started it, how to stop it.
 * @typedef {object} Server
 * @property {string} url
 * @property {string} source
 * @property {() => Promise<void>} [stop]
 */

/**
 * Resolves with { code, signal } when the child process ends.
 * @param {import('node:child_process').ChildProcess} child
 * @returns {Promise<Exit>}
 */
export const exitOf = (child) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve({ code: child.exitCode, signal: child.signalCode })
    : new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

/**
 * Sends `signal`, then SIGKILL if the child has not ended within `graceMs`; resolves when it has.
 * @param {import('node:child_process').ChildProcess} child
 * @param {NodeJS.Signals} [signal]
 * @returns {Promise<void>}
 */
export async function terminate(child, signal = 'SIGTERM', graceMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const ended = exitOf(child);
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await ended;
  clearTimeout(timer);
}

/** Children to signal should this process exit before stopping them, with the signal each stops on. */
const orphans = new Map();
let orphansWatched = false;

/**
 * Sends `child` `signal` if this process exits while the child still runs (a crash of `npm start`
 * leaves no server behind). One 'exit' listener serves every child, however many `npm start` runs.
 * Returns the release, for once the child was stopped the orderly way.
 * @param {import('node:child_process').ChildProcess} child
 * @param {NodeJS.Signals} [signal]
 * @returns {() => void}
 */
export function signalOnExit(child, signal = 'SIGTERM') {
  if (!orphansWatched) {
    orphansWatched = true;
    process.once('exit', () => orphans.forEach((sig, orphan) => orphan.kill(sig)));
  }
  orphans.set(child, signal);
  return () => void orphans.delete(child);
}
