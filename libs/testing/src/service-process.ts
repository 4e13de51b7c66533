import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';

/** A built service running as its own process, as `npm start` and production run it. */
export interface ServiceProcess {
  name: string;
  url: string;
  child: ChildProcess;
  /** The last lines it wrote, for a failing test's message (services never log personal data). */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** A port held open until `release()`, for a process started later that others must know the port of now. */
export interface PortReservation {
  port: number;
  release(): Promise<void>;
}

/**
 * Like freePort, but the port stays bound until released: between choosing a port and a process
 * binding it, another test worker's freePort() could be handed the same port, and the process
 * meant for it would then fail to bind while its readiness check reached the other worker's process.
 */
export async function reservePort(): Promise<PortReservation> {
  const srv: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = srv.address() as { port: number };
  let released: Promise<void> | undefined;
  return { port, release: () => (released ??= new Promise<void>((resolve) => srv.close(() => resolve()))) };
}

export interface StartServiceOptions {
  name: string;
  /** Path of the compiled entry, e.g. services/gateway/dist/main.js. */
  entry: string;
  env: Record<string, string>;
  port?: number;
  /** Released just before the process starts, so that it can bind the reserved port. */
  reservation?: PortReservation;
  readyPath?: string;
  timeoutMs?: number;
}

/**
 * For a bench: with BENCH_CPU_PROF_DIR=<dir> set, the environment that makes each service process
 * it starts write a V8 CPU profile there when it exits (`node --cpu-prof`); else nothing.
 */
export function cpuProfilingEnv(env: NodeJS.ProcessEnv = process.env): { NODE_OPTIONS?: string } {
  const dir = env.BENCH_CPU_PROF_DIR;
  return dir ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${path.resolve(dir)}` } : {};
}

/**
 * Node flags every service process runs with, as the image's CMD and `npm start` give them: an 8 MB
 * young-generation semi-space (ADR 62). deploy/test/service-node-flags.test.ts keeps the three alike.
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8'];

/** Starts `node entry` with PORT set and resolves once GET readyPath answers 200. */
export async function startServiceProcess(options: StartServiceOptions): Promise<ServiceProcess> {
  if (!existsSync(options.entry)) throw new Error(`${options.entry} is missing: build first (npx turbo run build)`);
  const port = options.reservation?.port ?? options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  // Its health answers carry this id: readiness counts only when this process is the one answering.
  const instance: string = randomUUID();
  await options.reservation?.release();
  const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, options.entry], {
    env: { ...process.env, ...options.env, PORT: String(port), HOST: '127.0.0.1', HOMI_INSTANCE_ID: instance },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    if (lines.length > 60) lines.splice(0, lines.length - 60);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const handle: ServiceProcess = {
    name: options.name,
    url,
    child,
    output: () => lines.join('\n'),
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(force);
      return code;
    },
  };
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${options.name} exited with ${child.exitCode}:\n${handle.output()}`);
    // An answer naming another instance is another process on this port (an older build names none).
    const ours = (r: Response) => [null, instance].includes(r.headers.get('x-instance-id') as string | null);
    const ok = await fetch(url + (options.readyPath ?? '/readyz')).then((r) => r.ok && ours(r), () => false);
    if (ok) return handle;
    if (Date.now() > deadline) {
      await handle.stop('SIGKILL');
      throw new Error(`${options.name} was not ready within the timeout:\n${handle.output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
