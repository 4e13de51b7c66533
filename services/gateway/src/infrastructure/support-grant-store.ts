import type { NatsConnection } from '@nats-io/transport-node';
import { SUPPORT_GRANTS_BUCKET, SupportGrant } from '@homi/contracts';
import { AppError } from '@homi/service-kit';
import type { SupportGrantStore } from '../application/ports';
import type { WatchedKvMap } from './watched-kv-map';
import { openWatchedMap, WatchedStore, type WatchedStoreOptions } from './watched-store';

export type NatsSupportGrantStoreOptions = WatchedStoreOptions;

/** A valid grant stored under its own request id; anything else grants nothing (and is logged by key only). */
function decodeGrant(key: string, value: unknown): SupportGrant | undefined {
  const result = SupportGrant.safeParse(value);
  return result.success && result.data.requestId === key ? result.data : undefined;
}

const pairKey = (supportUserId: string, tenantId: string) => `${supportUserId} ${tenantId}`;

/**
 * The support grants identity writes (key = request id), kept current in memory by a watch (see
 * WatchedKvMap): a revocation (key deleted) reaches the next request within milliseconds. Lookups go
 * by (support user, tenant) through an index rebuilt only after the map changed.
 */
export class NatsSupportGrantStore extends WatchedStore<SupportGrant> implements SupportGrantStore {
  private index = new Map<string, SupportGrant[]>();
  private indexedVersion = -1;
  /** Revoked through this replica; dropped once the bucket no longer holds them. */
  private readonly forgotten = new Set<string>();

  private constructor(map: WatchedKvMap<SupportGrant>) {
    super(map);
  }

  /** Opens (creating when missing) the bucket and starts watching it. */
  static async open(nc: NatsConnection, options: NatsSupportGrantStoreOptions): Promise<NatsSupportGrantStore> {
    return new NatsSupportGrantStore(await openWatchedMap(nc, options, { bucket: SUPPORT_GRANTS_BUCKET, noun: 'support grant', decode: decodeGrant }));
  }

  /** Until the bucket is loaded no grant can be judged: the call is refused as unavailable, never let through. */
  async grantsFor(supportUserId: string, tenantId: string): Promise<SupportGrant[]> {
    if (this.indexedVersion !== this.map.version) {
      const version = this.map.version;
      const values = this.map.values();
      if (!values) throw new AppError('unavailable', 'Support grants are not loaded yet; retry shortly.', { type: 'support-grants-unavailable' });
      this.rebuild(values);
      this.indexedVersion = version;
    }
    const grants = this.index.get(pairKey(supportUserId, tenantId)) ?? [];
    return this.forgotten.size ? grants.filter((g) => !this.forgotten.has(g.requestId)) : grants;
  }

  forget(requestId: string): void {
    this.forgotten.add(requestId);
  }

  /** Entries ignored because they did not parse as a grant under their own request id. */
  get invalidEntries(): number {
    return this.map.invalidEntries;
  }

  private rebuild(values: SupportGrant[]): void {
    const present = new Set(values.map((g) => g.requestId));
    for (const id of this.forgotten) if (!present.has(id)) this.forgotten.delete(id);
    const index = new Map<string, SupportGrant[]>();
    for (const grant of values) {
      const key = pairKey(grant.supportUserId, grant.tenantId);
      index.set(key, [...(index.get(key) ?? []), grant]);
    }
    this.index = index;
  }
}
