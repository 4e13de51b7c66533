// Fresh service-to-service keys (ADR 38), as .env lines: each service's private signing key
// (<SERVICE>_SIGNING_KEY, a JWK) and the public keys every service trusts (SERVICE_TRUSTED_KEYS),
// unquoted, as compose's .env and `kubectl create secret --from-env-file` both read them.
// For docker compose's .env or a Kubernetes Secret; the libraries must be built (npm run build).
//   node scripts/service-keys.mjs [kid-suffix] >> .env
// The kid suffix (default: today's date) names the generation, so a rotation can trust two.
import { pathToFileURL } from 'node:url';

/**
 * Generated keys for every service of the platform.
 * @param {string} [kidSuffix]
 * @returns {Promise<{ signing: Record<string, Record<string, string>>, trusted: string }>}
 */
export async function generateKeys(kidSuffix = new Date().toISOString().slice(0, 10)) {
  const { generateServiceKeyEnv } = await import('@homi/service-kit');
  return generateServiceKeyEnv(undefined, kidSuffix);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const keys = await generateKeys(process.argv[2]);
  const lines = Object.values(keys.signing).flatMap((env) => Object.entries(env).map(([name, value]) => `${name}=${value}`));
  process.stdout.write([...lines, `SERVICE_TRUSTED_KEYS=${keys.trusted}`, ''].join('\n'));
}
