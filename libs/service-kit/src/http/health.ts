import type { Express } from 'express';

export interface ReadinessCheck {
  name: string;
  /** Resolves when the dependency answers; rejects or times out when it does not. */
  check: () => Promise<unknown>;
}

export interface HealthState {
  /** Set false at the start of shutdown so the load balancer stops sending traffic. */
  accepting: boolean;
}

const CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** `/healthz`: the process is alive. `/readyz`: every dependency answers right now. */
export function mountHealth(app: Express, checks: ReadinessCheck[], state: HealthState): void {
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const results = await Promise.all(
      checks.map(async ({ name, check }) => {
        try {
          await withTimeout(check(), CHECK_TIMEOUT_MS);
          return { name, ok: true };
        } catch {
          return { name, ok: false };
        }
      }),
    );
    const ready = state.accepting && results.every((r) => r.ok);
    const body = Object.fromEntries(results.map((r) => [r.name, r.ok ? 'up' : 'down']));
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', shuttingDown: !state.accepting, checks: body });
  });
}
