import { AppError } from '../errors';
import { isId } from '../ids';

/**
 * The id in path parameter `param` when it is an id of this kind (`cli_…`), else not_found naming
 * `what`: a malformed id names nothing that exists, like an unknown one.
 */
export function pathId(req: { params: Record<string, unknown> }, param: string, prefix: string, what: string): string {
  const value = req.params[param];
  if (typeof value !== 'string' || !isId(value, prefix)) throw new AppError('not_found', `${what} was not found`);
  return value;
}
