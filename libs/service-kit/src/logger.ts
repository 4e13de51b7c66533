import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Field names that may hold personal data or secrets. Whatever object they appear in (up to two
 * levels deep), their values are replaced before a line is written.
 */
export const REDACTED_FIELDS = [
  'name', 'firstName', 'lastName', 'email', 'phone', 'address', 'street', 'postcode', 'city',
  'dateOfBirth', 'birthDate', 'notes', 'note', 'treatment', 'password', 'apiKey', 'secret',
  'token', 'accessToken', 'refreshToken', 'authorization', 'cookie', 'body', 'kvkNumber', 'iban',
  'detail', 'params', 'parameters', 'query', 'sql', 'payload', 'data',
] as const;

function redactPaths(): string[] {
  const paths: string[] = [];
  for (const f of REDACTED_FIELDS) paths.push(f, `*.${f}`, `*.*.${f}`);
  paths.push('req.headers.authorization', 'req.headers.cookie', 'headers.authorization');
  return paths;
}

const DATABASE_ERROR = /^(DriverException|.*ConstraintViolationException|.*Exception)$/;

/**
 * Database and driver errors carry the failing SQL with its values in their message, so for
 * them only the class, SQLSTATE code and constraint are kept. Other errors keep message + stack.
 */
export function serializeError(err: unknown): Record<string, unknown> {
  if (typeof err !== 'object' || err === null) return { type: typeof err };
  const e = err as { name?: unknown; message?: unknown; stack?: unknown; code?: unknown; constraint?: unknown; table?: unknown };
  const type = err instanceof Error ? err.constructor?.name ?? err.name : String(e.name ?? 'object');
  if (DATABASE_ERROR.test(type) || (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code))) {
    return { type, code: e.code, constraint: e.constraint, table: e.table };
  }
  return { type, message: e.message, stack: e.stack };
}

export interface LoggerOptions {
  service: string;
  level?: string;
  /** Where lines go; a test passes a stream to read them back. */
  destination?: pino.DestinationStream;
}

/** A structured logger that never writes the values of personal or secret fields. */
export function createLogger({ service, level = 'info', destination }: LoggerOptions): Logger {
  return pino(
    {
      level,
      base: { service },
      redact: { paths: redactPaths(), censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: serializeError, error: serializeError },
    },
    destination,
  );
}
