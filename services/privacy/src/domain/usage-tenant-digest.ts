import { createHmac } from 'node:crypto';

/**
 * What stands for a tenant while its day is open: HMAC-SHA256 under the day's random key of the
 * module and the tenant id. Without the key it cannot be tied to a tenant, with the module in it
 * the same tenant's digests in two modules cannot be tied to each other, and the key is destroyed
 * when the day closes.
 */
export function tenantDigest(dayKey: Buffer, module: string, tenantId: string): Buffer {
  return createHmac('sha256', dayKey).update(`${module}\u0000${tenantId}`).digest();
}
