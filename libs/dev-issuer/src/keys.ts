import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type webcrypto } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

type JsonWebKey = webcrypto.JsonWebKey;

export interface SigningJwk extends JsonWebKey {
  kty: 'RSA';
  kid: string;
  alg: 'RS256';
  use: 'sig';
}

export interface SigningKeys {
  /** Private JWK set for the provider. */
  keys: SigningJwk[];
}

// RFC 7638 thumbprint: stable across restarts, so a kid names one key forever.
function thumbprint(jwk: JsonWebKey): string {
  const canonical = JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n });
  return createHash('sha256').update(canonical).digest('base64url');
}

export function generateSigningKeys(): SigningKeys {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  return { keys: [{ ...jwk, kty: 'RSA', kid: thumbprint(jwk), alg: 'RS256', use: 'sig' }] };
}

function parseSigningKeys(text: string, file: string): SigningKeys {
  const parsed = JSON.parse(text) as { keys?: unknown };
  const keys = Array.isArray(parsed.keys) ? (parsed.keys as SigningJwk[]) : [];
  const usable = keys.filter((k) => k.kty === 'RSA' && typeof k.kid === 'string' && typeof k.d === 'string');
  if (usable.length === 0) throw new Error(`${file} holds no private RSA signing key with a kid`);
  // Fails loudly on a corrupted key instead of on the first token request.
  usable.forEach((k) => createPrivateKey({ key: k, format: 'jwk' }));
  return { keys: usable.map((k) => ({ ...k, alg: 'RS256', use: 'sig' })) };
}

/** The JWK set in `file`, or a new one written there (0600) so tokens outlive a restart. */
export function loadOrCreateSigningKeys(file?: string): SigningKeys {
  if (!file) return generateSigningKeys();
  if (existsSync(file)) return parseSigningKeys(readFileSync(file, 'utf8'), file);
  const keys = generateSigningKeys();
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another process created it first: use its keys so both sign alike.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return parseSigningKeys(readFileSync(file, 'utf8'), file);
    throw err;
  }
  chmodSync(file, 0o600);
  return keys;
}

/** The public halves, as the JWKS endpoint publishes them. */
export function publicJwks(keys: SigningKeys): { keys: JsonWebKey[] } {
  return {
    keys: keys.keys.map((k) => ({
      ...createPublicKey({ key: k, format: 'jwk' }).export({ format: 'jwk' }),
      kid: k.kid,
      alg: k.alg,
      use: k.use,
    })),
  };
}
