// Safe for CommonJS consumers and jest: nothing here loads the ESM-only oidc-provider at import time.
import type { Log } from './log';
import type { DevIssuer, DevIssuerOptions } from './types';

export * from './types';
export { spawnDevIssuer, type SpawnDevIssuerOptions, type SpawnedDevIssuer } from './spawn';
export { ensureDevIssuerBuilt, devIssuerMainPath } from './build';
export type { Log } from './log';
export { totpCode, verifyTotp, newTotpSecret, isBase32Secret, TOTP_PERIOD_SECONDS } from './totp';

/**
 * Starts the issuer in this process. Needs Node's require(esm) (Node >= 20.19), so it works from
 * compiled code but not under jest; tests use spawnDevIssuer instead.
 */
export async function startDevIssuer(options: DevIssuerOptions, log?: Log): Promise<DevIssuer> {
  const server = await import('./server.js');
  return server.startDevIssuer(options, log);
}
