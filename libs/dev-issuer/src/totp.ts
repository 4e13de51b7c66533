import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// RFC 6238 TOTP as Keycloak's default OTP policy has it: HMAC-SHA1, 6 digits, 30-second steps, one
// step of look-around for clock drift. Secrets travel as RFC 4648 base32 (what authenticator apps read).

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;

/** A base32 secret: 16 to 128 characters of A–Z and 2–7 (padding and spaces ignored, any case). */
export function isBase32Secret(secret: string): boolean {
  return /^[A-Z2-7]{16,128}$/.test(normalise(secret));
}

const normalise = (secret: string) => secret.replace(/[\s=]/g, '').toUpperCase();

export function decodeBase32(secret: string): Buffer {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of normalise(secret)) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error('not a base32 secret');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A fresh 160-bit secret in base32, as an authenticator enrolment would make. */
export function newTotpSecret(): string {
  let bits = '';
  for (const byte of randomBytes(20)) bits += byte.toString(2).padStart(8, '0');
  return bits.match(/.{5}/g)!.map((chunk) => BASE32[parseInt(chunk, 2)]).join('');
}

/** RFC 4226 HOTP for one counter value. */
export function hotp(key: Buffer, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** TOTP_DIGITS;
  return code.toString().padStart(TOTP_DIGITS, '0');
}

/** The code for `atMs` (default now). */
export function totpCode(secret: string, atMs = Date.now()): string {
  return hotp(decodeBase32(secret), Math.floor(atMs / 1000 / TOTP_PERIOD_SECONDS));
}

/** True when `code` is the code of the current step or of one step before or after (clock drift). */
export function verifyTotp(secret: string, code: string, atMs = Date.now()): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const key = decodeBase32(secret);
  const step = Math.floor(atMs / 1000 / TOTP_PERIOD_SECONDS);
  let ok = false;
  for (const drift of [-1, 0, 1]) {
    // Every candidate is compared, in constant time, so timing tells nothing about which one matched.
    ok = timingSafeEqual(Buffer.from(hotp(key, step + drift)), Buffer.from(code)) || ok;
  }
  return ok;
}
