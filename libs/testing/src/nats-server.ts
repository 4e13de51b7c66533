import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

/** Resolves once something listens on 127.0.0.1:`port`. */
export async function waitForPort(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => { socket.end(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nats-server did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A nats-server child: `start` resolves once it listens on `port` (a no-op while it runs), `stop` is a SIGKILL. */
export interface NatsServerProcess {
  running(): boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function natsServerProcess(binary: string, args: string[], port: number): NatsServerProcess {
  let child: ChildProcess | undefined;
  const running = () => child !== undefined && child.exitCode === null;
  return {
    running,
    async start() {
      if (running()) return;
      child = spawn(binary, args, { stdio: 'ignore' });
      await waitForPort(port);
    },
    async stop() {
      const c = child;
      child = undefined;
      if (!c || c.exitCode !== null) return;
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
  await server.start();
  return server;
}
