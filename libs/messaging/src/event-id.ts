import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_BITS = 80n;
const RANDOM_MAX = (1n << RANDOM_BITS) - 1n;

let lastTime = -1;
let lastRandom = 0n;

/**
 * A new event id: `evt_` and a 26-character ULID (48-bit millisecond time, 80 random bits, Crockford
 * base32). Ids made by one process sort in creation order, also within the same millisecond.
 */
export function newEventId(now: number = Date.now()): string {
  if (now <= lastTime && lastRandom < RANDOM_MAX) {
    lastRandom += 1n;
  } else {
    lastTime = Math.max(now, lastTime + (lastRandom >= RANDOM_MAX ? 1 : 0));
    lastRandom = BigInt(`0x${randomBytes(10).toString('hex')}`);
  }
  return `evt_${encode(BigInt(lastTime), 10)}${encode(lastRandom, 16)}`;
}

export const EVENT_ID_PATTERN = /^evt_[0-9A-HJKMNP-TV-Z]{26}$/;

function encode(value: bigint, length: number): string {
  let out = '';
  let v = value;
  for (let i = 0; i < length; i++) {
    out = CROCKFORD[Number(v & 31n)] + out;
    v >>= 5n;
  }
  return out;
}
