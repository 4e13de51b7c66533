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

/**
 * At start: puts every active grant and removes every key that is no longer one (a missed event, a
 * wiped NATS). A key outside the snapshot is read again before it goes: another replica's projection
 * may have put a grant approved after the snapshot was read, and must not be undone (ADR 60).
 */
export async function reconcileGrants({ grants }: Pick<Repositories, 'grants'>, store: GrantStore, now: Date): Promise<{ put: number; deleted: number }> {
  const active = await grants.allActive(now);
  for (const grant of active) await store.put(grant);
  const keep = new Set(active.map((g) => g.requestId));
  let deleted = 0;
  for (const key of (await store.keys()).filter((k) => !keep.has(k))) {
    let gone = false;
    await converge(
      () => grants.grant(key, now),
      (grant) => {
        gone = !grant;
        return grant ? store.put(grant) : store.delete(key);
      },
    );
    if (gone) deleted++;
  }
  return { put: active.length, deleted };
}
