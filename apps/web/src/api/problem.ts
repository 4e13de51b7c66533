/** A field the API refused, as its problem's `errors` lists it (`institute.name`). */
export interface FieldProblem {
  path: string;
  message: string;
}

export interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldProblem[];
  [member: string]: unknown;
}

/** The problem of a request that never got an answer (offline, DNS, the gateway down). */
export const NETWORK_ERROR = 'network-error';

/**
 * Every failed API call, as one typed error: the RFC 9457 members plus any extension member
 * (`currentVersion`, `retryAfterSeconds`). `code` is the last segment of `type`
 * (`https://docs.homi.nl/problems/email-taken` → `email-taken`), which the catalogs are keyed by.
 */
export class ApiProblem extends Error {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly errors: FieldProblem[];
  readonly members: Record<string, unknown>;
  /** Seconds from `Retry-After`, when the answer carried one (429, 503). */
  readonly retryAfterSeconds?: number;

  constructor(status: number, body: ProblemBody, retryAfterSeconds?: number) {
    super(body.detail ?? body.title ?? `HTTP ${status}`);
    this.name = 'ApiProblem';
    this.status = body.status ?? status;
    this.type = body.type ?? 'about:blank';
    this.title = body.title ?? '';
    this.detail = body.detail;
    this.errors = Array.isArray(body.errors) ? body.errors : [];
    const { type: _t, title: _ti, status: _s, detail: _d, errors: _e, ...members } = body;
    this.members = members;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  get code(): string {
    return this.type === 'about:blank' ? '' : (this.type.split('/').pop() ?? '');
  }

  /** An extension member as a string, e.g. `currentVersion`. */
  member(name: string): string | undefined {
    const value = this.members[name];
    return typeof value === 'string' ? value : undefined;
  }
}

export const isApiProblem = (error: unknown): error is ApiProblem => error instanceof ApiProblem;

/** True when `error` is an ApiProblem of this code (`privacy-statement-acceptance-required`). */
export const isProblem = (error: unknown, code: string): error is ApiProblem => isApiProblem(error) && error.code === code;
