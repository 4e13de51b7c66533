import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ApiAnswer, handleApi } from './api';
import { SimulatorState } from './state';
import type { AccountCredentials } from './store';

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  accounts: AccountCredentials[];
  /** Requests per account per window before 429; FactuurSturen's budget is assumed at 200 a minute. */
  rateLimit?: { limit: number; windowMs: number };
}

export interface Faults {
  /** Share (0–1) of requests answered with `status`; drawn from a seeded generator, so runs repeat. */
  failRate?: number;
  /** Delay before any answer, e.g. to outlast a client's timeout. */
  latencyMs?: number;
  /** Every account's remaining budget is set to this; the request after it gets 429. */
  rateLimitAfter?: number;
  /** The next N requests are answered with `status`. */
  failNext?: number;
  status?: 500 | 503 | 429;
  /** The failing requests take effect first and only their answer is lost (a POST commits, then 503). */
  failAfterCommit?: boolean;
  seed?: number;
}

export interface FactuurSturenSimulator {
  /** Origin, e.g. http://127.0.0.1:41234; the API is under `${url}/api/v1/`. */
  url: string;
  state: SimulatorState;
  /** Replaces the faults in force (inject({}) clears them). */
  inject(faults: Faults): void;
  /** Clears faults, records, the request log and the rate budgets. */
  reset(): void;
  close(): Promise<void>;
}

const API_PREFIX = '/api/v1/';

/** mulberry32: a tiny seeded generator, so an injected fail rate fails the same requests every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function basicCredentials(header: string | undefined): { username: string; apiKey: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { username: decoded.slice(0, colon), apiKey: decoded.slice(colon + 1) };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFactuurSturenSimulator(options: SimulatorOptions): Promise<FactuurSturenSimulator> {
  const { limit, windowMs } = options.rateLimit ?? { limit: 200, windowMs: 60_000 };
  const state = new SimulatorState(options.accounts);
  const budgets = new Map<string, { remaining: number; resetAt: number }>();
  const timers = new Set<NodeJS.Timeout>();
  let faults: Faults = {};
  let failNextLeft = 0;
  let random = seeded(1);
  // Bumped by reset(): a request still waiting out injected latency then belongs to an earlier test.
  let generation = 0;

  const budget = (username: string) => {
    let b = budgets.get(username);
    if (!b || Date.now() >= b.resetAt) budgets.set(username, (b = { remaining: limit, resetAt: Date.now() + windowMs }));
    return b;
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => (timers.delete(t), resolve()), ms);
      timers.add(t);
    });
  const shouldFail = () => {
    if (failNextLeft > 0) return (failNextLeft--, true);
    return (faults.failRate ?? 0) > 0 && random() < (faults.failRate ?? 0);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = generation;
    const raw = await readBody(req);
    if (faults.latencyMs) await sleep(faults.latencyMs);
    if (started !== generation) return void res.destroy();
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://simulator').pathname;
    const creds = basicCredentials(req.headers.authorization);
    const known = creds && state.authenticate(creds.username, creds.apiKey) ? creds.username : undefined;
    const send = (answer: ApiAnswer, headers: Record<string, string> = {}) => {
      state.requests.push({ method, path, status: answer.status, username: known });
      if (res.destroyed) return;
      const remaining = known ? budget(known).remaining : limit;
      const payload = answer.body === undefined ? '' : Buffer.isBuffer(answer.body) ? answer.body
        : answer.contentType === 'application/json' ? JSON.stringify(answer.body) : String(answer.body);
      res.writeHead(answer.status, {
        'x-ratelimit-remaining': String(remaining),
        'x-ratelimit-limit': String(limit),
        ...(answer.contentType ? { 'content-type': `${answer.contentType}; charset=utf-8` } : {}),
        ...headers,
      });
      res.end(payload);
    };
    const fault = () => {
      const status = faults.status ?? 503;
      send({ status, body: status === 429 ? 'Too many requests' : 'Service temporarily unavailable', contentType: 'text/plain' },
        status === 429 ? { 'retry-after': '1' } : {});
    };

    if (!path.startsWith(API_PREFIX)) return send({ status: 404, body: 'Not found', contentType: 'text/plain' });
    const failing = shouldFail();
    if (failing && !faults.failAfterCommit) return fault();
    const account = creds && state.authenticate(creds.username, creds.apiKey);
    if (!account) return send({ status: 401, body: 'Invalid username or API key', contentType: 'text/plain' }, { 'www-authenticate': 'Basic realm="FactuurSturen API"' });
    const b = budget(account.username);
    if (b.remaining <= 0) {
      const retryAfter = Math.max(1, Math.ceil((b.resetAt - Date.now()) / 1000));
      return send({ status: 429, body: 'Rate limit exceeded', contentType: 'text/plain' }, { 'retry-after': String(retryAfter) });
    }
    b.remaining--;
    const accept = req.headers.accept;
    if (accept && !/application\/json|\*\/\*|application\/pdf/.test(accept)) return send({ status: 406, body: 'Only application/json is served', contentType: 'text/plain' });
    let body: unknown;
    try {
      body = raw.trim() === '' ? undefined : JSON.parse(raw);
    } catch {
      return send({ status: 400, body: 'Request body is not valid JSON', contentType: 'text/plain' });
    }
    const answer = handleApi(account, method, path.slice(API_PREFIX.length).split('/').filter(Boolean).map(decodeURIComponent), body, new Date());
    return failing ? fault() : send(answer);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent && !res.destroyed) res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    state,
    inject(next) {
      faults = { ...next };
      failNextLeft = next.failNext ?? 0;
      random = seeded(next.seed ?? 1);
      if (next.rateLimitAfter !== undefined) {
        for (const c of options.accounts) budget(c.username).remaining = next.rateLimitAfter;
      }
    },
    reset() {
      generation++;
      faults = {};
      failNextLeft = 0;
      random = seeded(1);
      budgets.clear();
      state.wipe();
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
