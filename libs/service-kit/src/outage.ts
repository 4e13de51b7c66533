/**
 * Tells a dependency outage (Postgres or NATS cannot be reached, or dropped the connection) from a
 * bug, so a request that meets one is answered 503 with Retry-After rather than 500 (issue 19).
 * Judged from the error and its causes: driver error codes and the error names of the clients we
 * use, never from a message a caller could have put into the error.
 */
export type Dependency = 'database' | 'nats';

/** Socket-level failures: the server is not there, or went away mid-conversation. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATEs of a server that cannot serve now: class 08 (connection exception), 57P01–57P03
 * (shut down by an administrator, crash shutdown, cannot connect now), 53300 (too many connections).
 */
const UNAVAILABLE_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[1-3]|53300)$/;

/** MikroORM wraps driver failures; these are the wrappers an outage produces. */
const ORM_CONNECTION_ERRORS = new Set(['ConnectionException']);

/** The nats.js client's errors for a connection that is closed, reconnecting or unanswered. */
const NATS_ERRORS = new Set(['ClosedConnectionError', 'ConnectionError', 'NoResponders', 'TimeoutError', 'DrainingConnectionError']);

/**
 * What node-postgres says, without a code, when a pooled connection dies under a query, or when a
 * query is sent on a connection that already died (before the pool has dropped it).
 */
const PG_TERMINATED =
  /^Connection terminated( unexpectedly| due to connection timeout)?$|^timeout exceeded when trying to connect$|^Client has encountered a connection error and is not queryable$/;

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

function causes(err: unknown): ErrorLike[] {
  const seen: ErrorLike[] = [];
  const queue: unknown[] = [err];
  while (queue.length > 0 && seen.length < 10) {
    const e = queue.shift();
    if (typeof e !== 'object' || e === null || seen.includes(e as ErrorLike)) continue;
    const like = e as ErrorLike;
    seen.push(like);
    queue.push(like.cause);
    // AggregateError: node's happy-eyeballs connect reports one error per address tried.
    if (Array.isArray(like.errors)) queue.push(...(like.errors as unknown[]));
  }
  return seen;
}

/** The dependency whose outage this error reports, or undefined when it is anything else. */
export function dependencyOutage(err: unknown): Dependency | undefined {
  for (const e of causes(err)) {
    const name = typeof e.name === 'string' ? e.name : '';
    const code = typeof e.code === 'string' ? e.code : '';
    const message = typeof e.message === 'string' ? e.message : '';
    // (fetch's AbortSignal.timeout() also throws a `TimeoutError`, a DOMException: not the bus.)
    if (NATS_ERRORS.has(name) && !(e instanceof DOMException)) return 'nats';
    if (ORM_CONNECTION_ERRORS.has(name) || UNAVAILABLE_SQLSTATE.test(code) || PG_TERMINATED.test(message)) return 'database';
  }
  for (const e of causes(err)) {
    // A bare socket error: nats.js wraps its own (named above), so this is the Postgres driver's.
    if (typeof e.code === 'string' && SOCKET_CODES.has(e.code)) return 'database';
  }
  return undefined;
}

/** Seconds a caller should wait before retrying a request that met an outage. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

/**
 * Logs an outage once, not once per request that meets it: the first failure of a dependency is
 * logged; later ones are only counted until `quietMs` pass without one, and the next failure after
 * that opens a new outage, logged with the count of the one before.
 */
export class OutageLog {
  private readonly open = new Map<Dependency, { since: number; last: number; count: number }>();

  constructor(
    private readonly log: (fields: Record<string, unknown>, message: string) => void,
    private readonly quietMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records one request that met the outage; logs only the first of each outage. */
  failed(dependency: Dependency, err: unknown): void {
    const now = this.now();
    const previous = this.open.get(dependency);
    if (previous && now - previous.last < this.quietMs) {
      previous.count++;
      previous.last = now;
      return;
    }
    this.open.set(dependency, { since: now, last: now, count: 1 });
    const e = err as ErrorLike | undefined;
    this.log(
      {
        dependency,
        errorType: typeof e?.name === 'string' ? e.name : typeof err,
        code: typeof e?.code === 'string' ? e.code : undefined,
        previousOutage: previous ? { failedRequests: previous.count, lastedMs: previous.last - previous.since } : undefined,
      },
      'dependency unavailable; answering 503',
    );
  }
}
