import { randomFillSync } from 'node:crypto';
import { prefixedId } from '@homi/contracts';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const TIME_CHARS = 9;
const RANDOM_CHARS = 15;

/**
 * Random bytes fetched from the system's generator in blocks of 64 ids, as node's own randomUUID
 * does: the same bytes, one call instead of 64 (the gateway makes an id for every request).
 */
const pool = Buffer.alloc(RANDOM_CHARS * 64);
let drawn = pool.length;

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
  if (drawn === pool.length) {
    randomFillSync(pool);
    drawn = 0;
  }
  let rand = '';
  for (let i = drawn; i < drawn + RANDOM_CHARS; i++) rand += ALPHABET[pool[i]! % 62];
  drawn += RANDOM_CHARS;
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
