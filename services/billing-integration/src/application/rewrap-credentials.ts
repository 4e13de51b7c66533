import type { Deps } from './deps';

/**
 * After a key rotation: re-seals every API key still sealed under an older key with the current
 * one, so the old key can be retired. Idempotent; replicas racing each write a valid seal.
 * Returns how many keys it re-sealed.
 */
export async function rewrapCredentials(deps: Pick<Deps, 'uow' | 'cipher'>): Promise<number> {
  return deps.uow.acrossTenants('re-sealing API keys after a key rotation', async ({ connections }) => {
    const stale = await connections.sealedUnderOtherKey(deps.cipher.currentKeyId);
    for (const c of stale) {
      const key = deps.cipher.open({ keyId: c.keyId, value: c.apiKeySealed }, c.tenantId);
      const sealed = deps.cipher.seal(key, c.tenantId);
      Object.assign(c, { apiKeySealed: sealed.value, keyId: sealed.keyId });
    }
    return stale.length;
  });
}
