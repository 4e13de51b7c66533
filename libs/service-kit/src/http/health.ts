import { randomUUID } from 'node:crypto';
import type { Express, Response } from 'express';
import { withTimeout } from '../timeout';

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


/**
 * Which process answered a health check: HOMI_INSTANCE_ID when its starter set one, else a random id
 * per process. A starter (a test harness, an operator's script) can tell its own process from another
 * one that happens to answer on the same port.
 */
const INSTANCE_ID = process.env.HOMI_INSTANCE_ID || randomUUID();
const identify = (res: Response) => res.setHeader('X-Instance-Id', INSTANCE_ID);

/** `/healthz`: the process is alive. `/readyz`: every dependency answers right now. */
export function mountHealth(app: Express, checks: ReadinessCheck[], state: HealthState): void {
  app.get('/healthz', (_req, res) => {
    identify(res);
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    identify(res);
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
