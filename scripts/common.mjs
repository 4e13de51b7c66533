// Small helpers shared by the developer scripts (Node built-ins only).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

export function say(tag, message) {
  process.stderr.write(`[${tag}] ${message}\n`);
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether this module is the script node was asked to run. */
export const isMain = (meta) => Boolean(process.argv[1]) && path.resolve(process.argv[1]) === fileURLToPath(meta.url);

/** An error whose message is the whole story: scripts print it without a stack. */
export class InfraError extends Error {}

/** The URL with any password replaced by ***; a comma-separated server list is masked one by one. */
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
 */
export function runCommand(command, args, { env = process.env, cwd = repoRoot } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: 'inherit' });
    const forward = (signal) => child.kill(signal);
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const s of signals) process.on(s, forward);
    const done = (code) => {
      for (const s of signals) process.off(s, forward);
      resolve(code);
    };
    child.on('error', (err) => {
      say('run', `could not start ${command}: ${err.message}`);
      done(127);
    });
    child.on('exit', (code, signal) => done(code ?? 128 + (SIGNALS[signal] ?? 1)));
  });
}

const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

export function portFrom(value, fallback, name) {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new InfraError(`${name}=${value} is not a port number`);
  return port;
}

export function assertPortFree(port, variable) {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (err) =>
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

export function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

export function lastLines(file, n = 12) {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-n).join('\n    ');
  } catch {
    return '(no log)';
  }
}

/** Resolves with { code, signal } when the child process ends. */
export const exitOf = (child) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve({ code: child.exitCode, signal: child.signalCode })
    : new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

/** Sends `signal`, then SIGKILL if the child has not ended within `graceMs`; resolves when it has. */
export async function terminate(child, signal = 'SIGTERM', graceMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const ended = exitOf(child);
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await ended;
  clearTimeout(timer);
}
