// The current one-time code (RFC 6238: SHA-1, 6 digits, 30 s) of a base32 secret, as an
// authenticator app shows it: for logging in as a demo support user of `npm start`.
//
//   node scripts/totp.mjs [SECRET]   (default: the first support user in .homi/start/demo.json)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { isMain, repoRoot } from './common.mjs';

/**
 * The code for `time` (ms).
 * @param {string} secret base32, upper or lower case, with or without `=` padding
 * @returns {string}
 */
export function totp(secret, time = Date.now()) {
  return new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret.replace(/=+$/, '').toUpperCase()) }).generate({ timestamp: time });
}

/**
 * A fresh random secret (160 bits or more) as an authenticator app enrols it.
 * @param {ArrayLike<number>} bytes random bytes, at least 20
 * @returns {string} base32
 */
export function newTotpSecret(bytes) {
  return new Secret({ buffer: Uint8Array.from(bytes).buffer }).base32;
}

if (isMain(import.meta)) {
  let secret = process.argv[2];
  if (!secret) {
    const demo = JSON.parse(readFileSync(path.join(repoRoot, '.homi', 'start', 'demo.json'), 'utf8'));
    secret = demo.support?.[0]?.totpSecret;
    if (!secret) throw new Error('no support user in .homi/start/demo.json: run npm start first, or pass a secret');
  }
  process.stdout.write(`${totp(secret)}\n`);
}
