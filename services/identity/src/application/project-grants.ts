import type { SupportGrant } from '@homi/contracts';
import type { Repositories } from './ports';
import { converge } from './project-access';

/** The support-grants bucket the gateway reads (NATS KV), as a port. */
export interface GrantStore {
  put(grant: SupportGrant): Promise<void>;
  delete(requestId: string): Promise<void>;
  keys(): Promise<string[]>;
}

/**
 * On SupportAccessChanged: the bucket holds the request's grant exactly while it is active and not
 * past its expiry, whatever order events arrive in (the database is re-read, ADR 8).
 */
export function projectGrant({ grants: reader }: Pick<Repositories, 'grants'>, store: GrantStore, requestId: string, now: () => Date): Promise<void> {
  return converge(
    () => reader.grant(requestId, now()),
    (grant) => (grant ? store.put(grant) : store.delete(requestId)),
  );
}

/** At start: puts every active grant and deletes every key that is no longer one (a missed event, a wiped NATS). */
export async function reconcileGrants({ grants }: Pick<Repositories, 'grants'>, store: GrantStore, now: Date): Promise<{ put: number; deleted: number }> {
  const active = await grants.allActive(now);
  for (const grant of active) await store.put(grant);
  const keep = new Set(active.map((g) => g.requestId));
  const stale = (await store.keys()).filter((key) => !keep.has(key));
  for (const key of stale) await store.delete(key);
  return { put: active.length, deleted: stale.length };
}
