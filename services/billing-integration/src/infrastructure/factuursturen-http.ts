// One request to FactuurSturen with the resilience around it: timeout, retries for idempotent calls,
// the account's rate budget, and a circuit breaker shared by every account (an outage is the
// provider's, not one tenant's).
import { AppError } from '@homi/service-kit';
import type { InvoicingCredentials } from '../application/ports';
import { CircuitBreaker, type CircuitState } from './circuit-breaker';

export interface FactuurSturenHttpOptions {
  /** The API base, e.g. https://www.factuursturen.nl/api/v1 */
  baseUrl: string;
  /** Per attempt, including reading the answer. */
  timeoutMs?: number;
  /** Attempts of an idempotent call (GET, PUT, DELETE); a POST gets one. */
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  failureThreshold?: number;
  cooldownMs?: number;
  /** From this many requests left in the account's budget on, calls are spaced out. */
  lowWatermark?: number;
  /** The longest pause before a call when the budget is nearly spent. */
  slowDownMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface HttpCall {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
  accept?: string;
}

export interface HttpAnswer {
  status: number;
  body: Buffer;
  attempts: number;
}

export const PROBLEM = {
  credentialsRejected: 'invoicing-credentials-rejected',
  rateLimited: 'invoicing-rate-limited',
  unavailable: 'invoicing-provider-unavailable',
  timeout: 'invoicing-provider-timeout',
  circuitOpen: 'invoicing-circuit-open',
  outcomeUnknown: 'invoicing-outcome-unknown',
} as const;

const IDEMPOTENT = new Set(['GET', 'PUT', 'DELETE']);

/** A failed attempt that says nothing about the request's data: worth retrying when the call allows. */
class TransientFailure extends Error {
  constructor(message: string, readonly timedOut: boolean, readonly neverSent: boolean) {
    super(message);
  }
}

function retryAfterMs(header: string | null, now: number): number {
  if (header && /^\d+$/.test(header.trim())) return Number(header) * 1000;
  const date = header ? Date.parse(header) : NaN;
  return Number.isNaN(date) ? 60_000 : Math.max(0, date - now);
}

export class FactuurSturenHttp {
  private readonly breaker: CircuitBreaker;
  private readonly budgets = new Map<string, { remaining?: number; blockedUntil?: number }>();
  private readonly o: Required<FactuurSturenHttpOptions>;

  constructor(options: FactuurSturenHttpOptions) {
    this.o = {
      timeoutMs: 10_000, maxAttempts: 4, backoffBaseMs: 200, backoffMaxMs: 5_000,
      failureThreshold: 5, cooldownMs: 30_000, lowWatermark: 5, slowDownMs: 1_000,
      now: Date.now, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)), random: Math.random,
      ...options,
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
    };
    this.breaker = new CircuitBreaker({ failureThreshold: this.o.failureThreshold, cooldownMs: this.o.cooldownMs, now: this.o.now });
  }

  get circuit(): CircuitState {
    return this.breaker.state;
  }

  /**
   * The provider's answer when it answered with a 2xx or a 4xx other than 401/429 (the caller reads
   * those: 400 message, 404). Throws AppError: `invalid` (credentials), `rate_limited`, `unavailable`.
   */
  async request(account: InvoicingCredentials, call: HttpCall): Promise<HttpAnswer> {
    const budget = this.budgetOf(account.username);
    await this.respectBudget(budget);
    const idempotent = IDEMPOTENT.has(call.method);
    for (let attempt = 1; ; attempt++) {
      if (!this.breaker.allow()) {
        const wait = Math.ceil(this.breaker.retryAfterMs() / 1000);
        throw new AppError('unavailable', 'FactuurSturen is failing; calls are paused for a moment', {
          type: PROBLEM.circuitOpen, headers: { 'Retry-After': String(Math.max(1, wait)) },
        });
      }
      let res: Response;
      let body: Buffer;
      try {
        ({ res, body } = await this.send(account, call));
      } catch (err) {
        const failure = err instanceof TransientFailure ? err : new TransientFailure(String(err), false, false);
        this.breaker.failed();
        const retryable = idempotent || failure.neverSent;
        if (retryable && attempt < this.o.maxAttempts && this.breaker.state === 'closed') {
          await this.o.sleep(this.backoff(attempt));
          continue;
        }
        throw this.failure(call, failure, attempt);
      }
      this.noteBudget(budget, res.headers.get('x-ratelimit-remaining'));
      if (res.status === 429) {
        this.breaker.succeeded();
        const wait = retryAfterMs(res.headers.get('retry-after'), this.o.now());
        budget.blockedUntil = this.o.now() + wait;
        throw this.rateLimited(wait);
      }
      if (res.status >= 500) {
        this.breaker.failed();
        if (idempotent && attempt < this.o.maxAttempts && this.breaker.state === 'closed') {
          await this.o.sleep(this.backoff(attempt));
          continue;
        }
        throw this.failure(call, new TransientFailure(`FactuurSturen answered HTTP ${res.status}`, false, false), attempt);
      }
      this.breaker.succeeded();
      if (res.status === 401 || res.status === 403) {
        throw new AppError('invalid', 'FactuurSturen refused the username or API key', {
          type: PROBLEM.credentialsRejected,
          errors: [{ path: 'apiKey', message: 'FactuurSturen did not accept this username and API key' }],
        });
      }
      return { status: res.status, body, attempts: attempt };
    }
  }

  private async send(account: InvoicingCredentials, call: HttpCall): Promise<{ res: Response; body: Buffer }> {
    const auth = Buffer.from(`${account.username}:${account.apiKey}`).toString('base64');
    try {
      const res = await fetch(`${this.o.baseUrl}/${call.path}`, {
        method: call.method,
        headers: {
          authorization: `Basic ${auth}`,
          accept: call.accept ?? 'application/json',
          ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: AbortSignal.timeout(this.o.timeoutMs),
      });
      return { res, body: Buffer.from(await res.arrayBuffer()) };
    } catch (err) {
      // By name, not instanceof: the DOMException may come from another realm (jest's vm context).
      const name = (err as { name?: unknown } | null)?.name;
      const timedOut = name === 'TimeoutError' || name === 'AbortError';
      const code = (err as { cause?: { code?: string } }).cause?.code;
      // A refused connection never carried the request, so even a POST can safely go again.
      throw new TransientFailure(timedOut ? `no answer within ${this.o.timeoutMs} ms` : `connection failed (${code ?? 'unknown'})`, timedOut, code === 'ECONNREFUSED');
    }
  }

  private failure(call: HttpCall, failure: TransientFailure, attempts: number): AppError {
    if (!IDEMPOTENT.has(call.method) && !failure.neverSent) {
      return new AppError('unavailable', `FactuurSturen did not confirm ${call.method} ${call.path}: ${failure.message}; it may have been carried out`, {
        type: PROBLEM.outcomeUnknown, cause: failure,
      });
    }
    return new AppError('unavailable', `FactuurSturen is unavailable after ${attempts} attempt(s): ${failure.message}`, {
      type: failure.timedOut ? PROBLEM.timeout : PROBLEM.unavailable, cause: failure,
    });
  }

  private rateLimited(waitMs: number): AppError {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    return new AppError('rate_limited', `The FactuurSturen account's request budget is spent; try again in ${seconds} s`, {
      type: PROBLEM.rateLimited, headers: { 'Retry-After': String(seconds) },
    });
  }

  /** Exponential backoff with equal jitter: half the step fixed, half random, capped. */
  private backoff(attempt: number): number {
    const step = Math.min(this.o.backoffMaxMs, this.o.backoffBaseMs * 2 ** (attempt - 1));
    return Math.round(step / 2 + (this.o.random() * step) / 2);
  }

  private budgetOf(username: string) {
    let budget = this.budgets.get(username);
    if (!budget) this.budgets.set(username, (budget = {}));
    return budget;
  }

  private noteBudget(budget: { remaining?: number }, header: string | null): void {
    const remaining = header === null ? NaN : Number(header);
    budget.remaining = Number.isFinite(remaining) ? remaining : undefined;
  }

  /** Fail fast while a 429's Retry-After runs; space calls out as the budget nears its end. */
  private async respectBudget(budget: { remaining?: number; blockedUntil?: number }): Promise<void> {
    const now = this.o.now();
    if (budget.blockedUntil !== undefined) {
      if (now < budget.blockedUntil) throw this.rateLimited(budget.blockedUntil - now);
      budget.blockedUntil = undefined;
      budget.remaining = undefined;
    }
    const { remaining } = budget;
    if (remaining !== undefined && remaining <= this.o.lowWatermark) {
      await this.o.sleep(Math.round(this.o.slowDownMs * (1 - remaining / (this.o.lowWatermark + 1))));
    }
  }
}
