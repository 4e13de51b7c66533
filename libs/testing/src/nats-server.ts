import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './service-process';

/** A private nats-server with JetStream that a test may stop and start again (outage tests). */
export interface PrivateNatsServer {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

export function findNatsServer(): string | undefined {
  const dirs = (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/usr/local/bin', '/usr/bin']);
  return dirs.map((d) => join(d, 'nats-server')).find((p) => existsSync(p));
}

/**
 * Resolves once something listens on 127.0.0.1:`port`. `gaveUp`, asked between tries, ends the wait
 * early with the error it returns (the process meant to listen has exited).
 */
export async function waitForPort(port: number, timeoutMs = 10_000, gaveUp: () => Error | undefined = () => undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => { socket.end(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    const failure = gaveUp();
    if (failure) throw failure;
    if (Date.now() > deadline) throw new Error(`nothing listened on ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A nats-server that exited before it listened: most often because its port, free when it was chosen,
 * was taken in between by another process (a test worker's server, any outgoing connection's ephemeral
 * port). Starting again on fresh ports is then the remedy; `output` is the end of what it printed.
 */
export class NatsServerExited extends Error {
  constructor(readonly port: number, readonly output: string) {
    super(`nats-server exited before it listened on ${port}: ${output.trim().split('\n').slice(-3).join(' | ') || 'no output'}`);
  }
}

/** Runs `attempt` again (up to `times` in all) while it fails with NatsServerExited. */
export async function retryingExitedServers<T>(attempt: () => Promise<T>, times = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof NatsServerExited) || i >= times) throw err;
    }
  }
}

/** A nats-server child: `start` resolves once it listens on `port` (a no-op while it runs), `stop` is a SIGKILL. */
export interface NatsServerProcess {
  running(): boolean;
  /** The end of what the server last printed (its log file, when it writes one). */
  lastWords(): string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function natsServerProcess(binary: string, args: string[], port: number, logFile?: string): NatsServerProcess {
  let child: ChildProcess | undefined;
  let output = '';
  const ended = (c: ChildProcess) => c.exitCode !== null || c.signalCode !== null;
  const running = () => child !== undefined && !ended(child);
  const lastWords = () => (logFile && existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-4096) : output);
  return {
    running,
    lastWords,
    async start() {
      if (running()) return;
      const started = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      child = started;
      output = '';
      started.stderr?.on('data', (chunk: Buffer) => { output = (output + chunk.toString()).slice(-4096); });
      await waitForPort(port, 20_000, () => (ended(started) ? new NatsServerExited(port, lastWords()) : undefined));
    },
    async stop() {
      const c = child;
      child = undefined;
      if (!c || ended(c)) return;
      await new Promise<void>((resolve) => {
        c.once('exit', () => resolve());
        c.kill('SIGKILL');
      });
    },
  };
}

export interface PrivateNatsServerOptions {
  /** Configuration text (e.g. an `authorization` block) given to the server with `-c`. */
  config?: string;
  /** More nats-server options, e.g. `--tls --tlscert … --tlskey …` (messaging's TLS test). */
  args?: string[];
}

export async function startPrivateNatsServer(options: PrivateNatsServerOptions = {}): Promise<PrivateNatsServer> {
  const binary = findNatsServer();
  if (!binary) throw new Error('nats-server is not on PATH: install it (Debian package nats-server) to run outage tests');
  return retryingExitedServers(() => startOnFreshPort(binary, options));
}

async function startOnFreshPort(binary: string, options: PrivateNatsServerOptions): Promise<PrivateNatsServer> {
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'homi-nats-'));
  const configArgs: string[] = [];
  if (options.config !== undefined) {
    const file = join(storeDir, 'nats-server.conf');
    writeFileSync(file, options.config, { mode: 0o600 });
    configArgs.push('-c', file);
  }
  const child = natsServerProcess(binary, [...configArgs, '-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir, ...(options.args ?? [])], port);
  const server: PrivateNatsServer = {
    url: `nats://127.0.0.1:${port}`,
    start: child.start,
    stop: child.stop,
    async dispose() {
      await server.stop();
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
  try {
    await server.start();
  } catch (err) {
    await server.dispose();
    throw err;
  }
  return server;
}
