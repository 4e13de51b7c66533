import type { NatsConnection } from '@nats-io/transport-node';
import { Membership, MEMBERSHIPS_BUCKET, membershipKey } from '@homi/contracts';
import { AppError } from '@homi/service-kit';
import type { MembershipStore } from '../application/ports';
import { KEY_TOKEN, type WatchedKvMap } from './watched-kv-map';
import { openWatchedMap, WatchedStore, type WatchedStoreOptions } from './watched-store';

export type NatsMembershipStoreOptions = WatchedStoreOptions;

/** A valid membership stored under its own key; anything else is no membership. */
function decodeMembership(key: string, value: unknown): Membership | undefined {
  const result = Membership.safeParse(value);
  return result.success && membershipKey(result.data.userId, result.data.tenantId) === key ? result.data : undefined;
}

/**
 * Memberships from the KV bucket the identity service writes (key `<userId>.<tenantId>`), kept
 * current in memory by a watch (see WatchedKvMap), so a permission change applies within milliseconds.
 */
export class NatsMembershipStore extends WatchedStore<Membership> implements MembershipStore {
  /** Memberships by user, rebuilt only after the map changed and only when asked for. */
  private byUser = new Map<string, Membership[]>();
  private indexedVersion = -1;

  private constructor(map: WatchedKvMap<Membership>) {
    super(map);
  }

  /** Opens (creating when missing) the bucket and starts watching it. */
  static async open(nc: NatsConnection, options: NatsMembershipStoreOptions): Promise<NatsMembershipStore> {
    return new NatsMembershipStore(await openWatchedMap(nc, options, { bucket: MEMBERSHIPS_BUCKET, noun: 'membership', decode: decodeMembership }));
  }

  async get(userId: string, tenantId: string): Promise<Membership | undefined> {
    if (!KEY_TOKEN.test(userId) || !KEY_TOKEN.test(tenantId)) return undefined;
    return this.map.get(membershipKey(userId, tenantId));
  }

  async ofUser(userId: string): Promise<Membership[]> {
    if (this.indexedVersion !== this.map.version) {
      const version = this.map.version;
      const values = this.map.values();
      if (!values) throw new AppError('unavailable', 'Memberships are not loaded yet; retry shortly.', { type: 'memberships-unavailable' });
      const index = new Map<string, Membership[]>();
      for (const m of values) index.set(m.userId, [...(index.get(m.userId) ?? []), m]);
      this.byUser = index;
      this.indexedVersion = version;
    }
    return this.byUser.get(userId) ?? [];
  }
}
