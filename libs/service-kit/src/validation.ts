import type { z } from 'zod';
import { AppError, type FieldProblem } from './errors';

/** Parses untrusted input with a zod schema; any problem becomes one `invalid` error listing every field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = 'request body'): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors: FieldProblem[] = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message,
  }));
  throw new AppError('invalid', `The ${what} is not valid.`, { errors });
}
