/** The closed set of ways a request can fail that a caller can act on. */
export const ERROR_KINDS = {
  invalid: { status: 400, title: 'Invalid request' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflict' },
  /** Existed, and is no longer usable: an expired or withdrawn link. */
  gone: { status: 410, title: 'Gone' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  /** Well-formed, but what it refers to does not allow it: a support request citing no open ticket. */
  unprocessable: { status: 422, title: 'Unprocessable content' },
  rate_limited: { status: 429, title: 'Too many requests' },
  unavailable: { status: 503, title: 'Service unavailable' },
} as const;

export type ErrorKind = keyof typeof ERROR_KINDS;

export interface FieldProblem {
  /** JSON pointer-ish dotted path of the offending field, e.g. `address.postcode`. */
  path: string;
  message: string;
}

export interface AppErrorOptions {
  /** A more specific problem type a client can act on (`step-up-required`); defaults to the kind. */
  type?: string;
  errors?: FieldProblem[];
  /**
   * Extra members of the problem+json answer (RFC 9457 §3.2) a client acts on, such as
   * `currentVersion`. They never replace a standard member (type, status, detail, …).
   */
  members?: ProblemMembers;
  headers?: Record<string, string>;
  cause?: unknown;
}

export type ProblemMembers = Record<string, string | number | boolean>;

/** An expected failure: becomes a problem+json answer with the kind's status. */
export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly type: string;
  readonly errors?: FieldProblem[];
  readonly members?: ProblemMembers;
  readonly headers?: Record<string, string>;

  constructor(kind: ErrorKind, detail: string, options: AppErrorOptions = {}) {
    super(detail, { cause: options.cause });
    this.name = 'AppError';
    this.kind = kind;
    this.type = options.type ?? kind.replace(/_/g, '-');
    this.errors = options.errors;
    this.members = options.members;
    this.headers = options.headers;
  }

  get status(): number {
    return ERROR_KINDS[this.kind].status;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

export const notFound = (what: string) => new AppError('not_found', `${what} was not found`);
export const forbidden = (detail: string, type?: string) => new AppError('forbidden', detail, { type });
export const invalid = (detail: string, errors?: FieldProblem[]) => new AppError('invalid', detail, { errors });
export const conflict = (detail: string, type?: string) => new AppError('conflict', detail, { type });
export const unauthenticated = (detail: string) =>
  new AppError('unauthenticated', detail, { headers: { 'WWW-Authenticate': 'Bearer realm="homi"' } });
export const unavailable = (detail: string) => new AppError('unavailable', detail);
/** Existed, and is gone for good (an expired export, cleared corrections): 410 with a specific type. */
export const gone = (detail: string, type?: string) => new AppError('gone', detail, { type });
