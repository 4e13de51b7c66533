import { Secret, TOTP } from 'otpauth';

// RFC 6238 TOTP as Keycloak's default OTP policy has it: HMAC-SHA1, 6 digits, 30-second steps, one
// step of look-around for clock drift. Secrets travel as RFC 4648 base32 (what authenticator apps
// read). The arithmetic is otpauth's; this module fixes the policy.

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;

const normalise = (secret: string) => secret.replace(/[\s=]/g, '').toUpperCase();

/** A base32 secret: 16 to 128 characters of A–Z and 2–7 (padding and spaces ignored, any case). */
export function isBase32Secret(secret: string): boolean {
  return /^[A-Z2-7]{16,128}$/.test(normalise(secret));
}

export function decodeBase32(secret: string): Buffer {
  if (!/^[A-Z2-7]*$/.test(normalise(secret))) throw new Error('not a base32 secret');
  return Buffer.from(Secret.fromBase32(normalise(secret)).bytes);
}

const totpOf = (secret: string) =>
  new TOTP({ algorithm: 'SHA1', digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS, secret: Secret.fromBase32(normalise(secret)) });

/** A fresh 160-bit secret in base32, as an authenticator enrolment would make. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** RFC 4226 HOTP for one counter value. */
export function hotp(key: Buffer, counter: number): string {
  return new TOTP({ algorithm: 'SHA1', digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS, secret: new Secret({ buffer: Uint8Array.from(key).buffer }) })
    .generate({ timestamp: counter * TOTP_PERIOD_SECONDS * 1000 });
}

/** The code for `atMs` (default now). */
export function totpCode(secret: string, atMs = Date.now()): string {
  return totpOf(secret).generate({ timestamp: atMs });
}

/** True when `code` is the code of the current step or of one step before or after (clock drift). */
export function verifyTotp(secret: string, code: string, atMs = Date.now()): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  // otpauth compares every candidate in constant time.
  return totpOf(secret).validate({ token: code, timestamp: atMs, window: 1 }) !== null;
}
