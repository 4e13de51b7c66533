import type { Request } from 'express';
import { AppError, isId } from '@homi/service-kit';

/** A path id of the right kind, or not_found: a malformed id names nothing that exists. */
export function pathId(req: Request, param: string, prefix: string, what: string): string {
  const value = req.params[param];
  if (typeof value !== 'string' || !isId(value, prefix)) throw new AppError('not_found', `${what} was not found`);
  return value;
}
