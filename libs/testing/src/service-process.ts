import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

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

export interface StartServiceOptions {
  name: string;
  /** Path of the compiled entry, e.g. services/gateway/dist/main.js. */
  entry: string;
  env: Record<string, string>;
  port?: number;
  readyPath?: string;
  timeoutMs?: number;
}

/** Starts `node entry` with PORT set and resolves once GET readyPath answers 200. */
export async function startServiceProcess(options: StartServiceOptions): Promise<ServiceProcess> {
  if (!existsSync(options.entry)) throw new Error(`${options.entry} is missing: build first (npx turbo run build)`);
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [options.entry], {
    env: { ...process.env, ...options.env, PORT: String(port), HOST: '127.0.0.1' },
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
    const ok = await fetch(url + (options.readyPath ?? '/readyz')).then((r) => r.ok, () => false);
    if (ok) return handle;
    if (Date.now() > deadline) {
      await handle.stop('SIGKILL');
      throw new Error(`${options.name} was not ready within the timeout:\n${handle.output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
