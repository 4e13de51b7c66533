/** The pino-compatible logging shape this library writes to; a pino logger satisfies it. */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

/** Turns anything thrown into something a structured log can carry. */
export function errorFields(err: unknown): { err: { name: string; message: string; stack?: string } } {
  if (err instanceof Error) return { err: { name: err.name, message: err.message, stack: err.stack } };
  return { err: { name: 'NonError', message: String(err) } };
}
