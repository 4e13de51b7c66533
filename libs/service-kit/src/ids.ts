import { randomBytes } from 'node:crypto';
import { prefixedId } from '@homi/contracts';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const TIME_CHARS = 9;
const RANDOM_CHARS = 15;

/**
 * A prefixed id (`cli_…`), readable in logs and roughly time-ordered: 9 base62 characters of
 * milliseconds then 15 random ones (~89 bits), so new rows land at the end of a b-tree index.
 */
export function newId(prefix: string, now: number = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < TIME_CHARS; i++) {
    time = ALPHABET[t % 62] + time;
    t = Math.floor(t / 62);
  }
  const bytes = randomBytes(RANDOM_CHARS);
  let rand = '';
  for (const b of bytes) rand += ALPHABET[b % 62];
  return `${prefix}_${time}${rand}`;
}

// One schema per prefix, built on first use: the gateway asks several times per request.
const schemas = new Map<string, ReturnType<typeof prefixedId>>();

/** Whether `value` is an id of this kind, by contracts' `prefixedId` (the one id pattern). */
export function isId(value: string, prefix: string): boolean {
  let schema = schemas.get(prefix);
  if (!schema) schemas.set(prefix, (schema = prefixedId(prefix)));
  return schema.safeParse(value).success;
}
