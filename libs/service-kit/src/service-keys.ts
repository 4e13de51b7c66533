import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, type webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

type JsonWebKey = webcrypto.JsonWebKey;

/**
 * Keys of the service-to-service credentials (ADR 38): every service signs what it sends with its own
 * private key (Ed25519 or ES256) and verifies what it receives with the public keys of the services
 * that call it, by issuer and `kid`. No secret is shared between services.
 */

/** The services of the platform; in development each has a deterministic key derived from its name. */
export const SERVICE_NAMES = ['gateway', 'identity', 'tenant-data', 'privacy', 'billing-integration', 'helpdesk'] as const;
/** What a service (an issuer, an audience, a data owner) may be called. */
export const SERVICE_NAME = /^[a-z][a-z0-9-]{1,40}$/;

export interface SigningKey {
  kid: string;
  alg: 'EdDSA' | 'ES256';
  key: KeyObject;
}
export interface VerifyingKey {
  kid: string;
  alg: 'EdDSA' | 'ES256';
  key: KeyObject;
}
/** Per issuing service, the one or two keys (two during a rotation) its credentials may be signed with. */
export type TrustedKeys = ReadonlyMap<string, readonly VerifyingKey[]>;

/** What a service needs to call and to be called: its name, its signing key, the keys it trusts. */
export interface ServiceKeys {
  service: string;
  signing: SigningKey;
  trusted: TrustedKeys;
}

/** At most this many keys per issuer: the current one and, during a rotation, the next or the previous. */
export const MAX_KEYS_PER_SERVICE = 2;

/** `tenant-data` → `TENANT_DATA_SIGNING_KEY`, the env var holding the service's private JWK. */
export const signingKeyVar = (service: string): string => `${service.toUpperCase().replace(/-/g, '_')}_SIGNING_KEY`;
/** The env var holding the trusted public keys: `{"gateway":[{jwk with kid}], …}`. */
export const TRUSTED_KEYS_VAR = 'SERVICE_TRUSTED_KEYS';

function algOf(key: KeyObject): SigningKey['alg'] {
  if (key.asymmetricKeyType === 'ed25519') return 'EdDSA';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  throw new Error('only Ed25519 and P-256 (ES256) keys are accepted');
}

const Jwk = z.looseObject({ kty: z.enum(['OKP', 'EC']), kid: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/) });

/** A private JWK (with `kid`), as the signing-key env var or file holds it. */
export function parseSigningKey(json: string): SigningKey {
  const jwk = Jwk.parse(JSON.parse(json));
  const key = createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' });
  return { kid: jwk.kid, alg: algOf(key), key };
}

/** `{"<service>": [public JWK with kid, …]}`: one or two keys per service, public only, distinct kids. */
export function parseTrustedKeys(json: string): TrustedKeys {
  const raw = z.record(z.string().regex(SERVICE_NAME), z.array(Jwk).min(1).max(MAX_KEYS_PER_SERVICE)).parse(JSON.parse(json));
  const trusted = new Map<string, VerifyingKey[]>();
  for (const [service, jwks] of Object.entries(raw)) {
    if (new Set(jwks.map((j) => j.kid)).size !== jwks.length) throw new Error(`${service}: two keys with one kid`);
    if (jwks.some((j) => 'd' in j)) throw new Error(`${service}: a private key among the trusted keys`);
    trusted.set(service, jwks.map((jwk) => {
      const key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
      return { kid: jwk.kid, alg: algOf(key), key };
    }));
  }
  return trusted;
}

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * A service's development key: derived from its name, so every process of `npm test` and of a
 * development start trusts every other without configuration. Anyone can derive it; a process with
 * NODE_ENV=production refuses it (serviceKeys).
 */
export function devSigningKey(service: string): SigningKey {
  const seed = createHash('sha256').update(`homi-development-service-key:${service}`).digest();
  const key = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  return { kid: `${service}-dev`, alg: 'EdDSA', key };
}

/** The development public keys of the given services (all of the platform's by default). */
export function devTrustedKeys(services: readonly string[] = SERVICE_NAMES): TrustedKeys {
  return new Map(services.map((service) => {
    const { kid, alg, key } = devSigningKey(service);
    return [service, [{ kid, alg, key: createPublicKey(key) }]];
  }));
}

/** A service's development keys: its own derived key, and trust in every platform service's. */
export const devServiceKeys = (service: string): ServiceKeys => ({ service, signing: devSigningKey(service), trusted: devTrustedKeys() });

/** A fresh Ed25519 key pair as JWKs with `kid` (for `npm start`, the tests, an operator's .env). */
export function generateServiceKey(kid: string): { privateJwk: JsonWebKey & { kid: string }; publicJwk: JsonWebKey & { kid: string } } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateJwk: { ...privateKey.export({ format: 'jwk' }), kid }, publicJwk: { ...publicKey.export({ format: 'jwk' }), kid } };
}

/** Generated keys for a set of services: each one's signing-key env var, and the trusted-keys value they all share. */
export function generateServiceKeyEnv(services: readonly string[] = SERVICE_NAMES, kidSuffix = '1'): { signing: Record<string, Record<string, string>>; trusted: string } {
  const signing: Record<string, Record<string, string>> = {};
  const trusted: Record<string, JsonWebKey[]> = {};
  for (const service of services) {
    const { privateJwk, publicJwk } = generateServiceKey(`${service}-${kidSuffix}`);
    signing[service] = { [signingKeyVar(service)]: JSON.stringify(privateJwk) };
    trusted[service] = [publicJwk];
  }
  return { signing, trusted: JSON.stringify(trusted) };
}

/** Same public key (the x and y of the JWK). */
const publicJwk = (key: KeyObject) => JSON.stringify((key.type === 'public' ? key : createPublicKey(key)).export({ format: 'jwk' }));
const samePublicKey = (a: KeyObject, b: KeyObject) => publicJwk(a) === publicJwk(b);

/** A service's name as its env vars spell it, before `Uppercase`: `tenant_data`. */
export type Snake<S extends string> = S extends `${infer A}-${infer B}` ? `${A}_${Snake<B>}` : S;
type KeyVars<S extends string> = `${Uppercase<Snake<S>>}_SIGNING_KEY` | `${Uppercase<Snake<S>>}_SIGNING_KEY_FILE` | 'SERVICE_TRUSTED_KEYS' | 'SERVICE_TRUSTED_KEYS_FILE';

/**
 * The settings a service's config schema reads its keys from: its signing key and the trusted keys,
 * each as a value or as a file (`…_FILE`, a mounted Secret). All optional until serviceKeys decides.
 */
export function serviceKeySettings<S extends string>(service: S): { [K in KeyVars<S>]: z.ZodOptional<z.ZodString> } {
  const own = signingKeyVar(service);
  const names = [own, `${own}_FILE`, TRUSTED_KEYS_VAR, `${TRUSTED_KEYS_VAR}_FILE`];
  return Object.fromEntries(names.map((name) => [name, z.string().min(1).optional()])) as { [K in KeyVars<S>]: z.ZodOptional<z.ZodString> };
}

/**
 * In a config schema's transform: the service's keys from the env (value or file). Outside
 * production what is not set is the development key; in production both must be set, and a
 * development key (one anyone can derive) is refused, as issues on the schema: the service does not start.
 */
export function serviceKeys(service: string, env: { NODE_ENV: string } & Partial<Record<string, unknown>>, ctx: z.RefinementCtx): ServiceKeys {
  const production = env.NODE_ENV === 'production';
  const read = (name: string): string | undefined => {
    const value = env[name];
    if (typeof value === 'string') return value;
    const file = env[`${name}_FILE`];
    if (typeof file !== 'string') return undefined;
    try {
      return readFileSync(file, 'utf8').trim();
    } catch {
      ctx.addIssue({ code: 'custom', path: [`${name}_FILE`], message: 'cannot be read' });
      return undefined;
    }
  };
  const parse = <T>(name: string, text: string | undefined, parser: (s: string) => T, fallback: () => T): T => {
    if (text === undefined) {
      if (production) ctx.addIssue({ code: 'custom', path: [name], message: 'required in production' });
      return fallback();
    }
    try {
      return parser(text);
    } catch {
      ctx.addIssue({ code: 'custom', path: [name], message: 'is not a valid key (see ADR 38)' });
      return fallback();
    }
  };
  const ownVar = signingKeyVar(service);
  const signing = parse(ownVar, read(ownVar), parseSigningKey, () => devSigningKey(service));
  const trusted = parse(TRUSTED_KEYS_VAR, read(TRUSTED_KEYS_VAR), parseTrustedKeys, () => devTrustedKeys());
  if (production) {
    if (samePublicKey(signing.key, devSigningKey(service).key)) ctx.addIssue({ code: 'custom', path: [ownVar], message: 'is the development key' });
    for (const [issuer, keys] of trusted) {
      const dev = devSigningKey(issuer).key;
      if (keys.some((k) => samePublicKey(k.key, dev))) ctx.addIssue({ code: 'custom', path: [TRUSTED_KEYS_VAR], message: `trusts the development key of ${issuer}` });
    }
  }
  return { service, signing, trusted };
}
