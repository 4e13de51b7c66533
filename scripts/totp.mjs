// The current one-time code (RFC 6238: SHA-1, 6 digits, 30 s) of a base32 secret, as an
// authenticator app shows it: for logging in as a demo support user of `npm start`.
//
//   node scripts/totp.mjs [SECRET]   (default: the first support user in .homi/start/demo.json)
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isMain, repoRoot } from './common.mjs';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32Decode(secret) {
  let bits = '';
  for (const char of secret.replace(/=+$/, '').toUpperCase()) {
    const value = ALPHABET.indexOf(char);
    if (value < 0) throw new Error('the secret is not base32');
    bits += value.toString(2).padStart(5, '0');
  }
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The code for `time` (ms). */
export function totp(secret, time = Date.now()) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(time / 30_000)));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** A fresh random secret (160 bits) as an authenticator app enrols it. */
export function newTotpSecret(bytes) {
  return [...bytes].map((b) => ALPHABET[b % 32]).join('');
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
