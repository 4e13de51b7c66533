import { z } from 'zod';
import { AppError } from '@homi/service-kit';

/** Keyset cursors are opaque to callers: base64url JSON of the last row's sort key. */
export function encodeCursor(key: Record<string, string>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<S extends z.ZodType>(cursor: string | undefined, schema: S): z.infer<S> | undefined {
  if (cursor === undefined) return undefined;
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new AppError('invalid', 'The cursor is not one this list returned.', {
      type: 'invalid-cursor',
      errors: [{ path: 'cursor', message: 'must be a cursor returned by a previous page' }],
    });
  }
}
