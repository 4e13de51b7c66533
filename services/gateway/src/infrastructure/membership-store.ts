import type { NatsConnection } from '@nats-io/transport-node';
import { Membership, MEMBERSHIPS_BUCKET, membershipKey } from '@homi/contracts';
import type { Logger } from '@homi/service-kit';
import type { MembershipStore } from '../application/ports';
import { KEY_TOKEN, WatchedKvMap } from './watched-kv-map';

export interface NatsMembershipStoreOptions {
  logger: Logger;
  bucket?: string;
  /** How often the watch is compared with the bucket's last revision. */
  checkIntervalMs?: number;
  /** Pause before a failed watch is started again. */
  retryDelayMs?: number;
}

/** A valid membership stored under its own key; anything else is no membership. */
function decodeMembership(key: string, value: unknown): Membership | undefined {
  const result = Membership.safeParse(value);
  return result.success && membershipKey(result.data.userId, result.data.tenantId) === key ? result.data : undefined;
}

/**
 * Memberships from the KV bucket the identity service writes (key `<userId>.<tenantId>`), kept
 * current in memory by a watch (see WatchedKvMap), so a permission change applies within milliseconds.
 */
export class NatsMembershipStore implements MembershipStore {
  private constructor(private readonly map: WatchedKvMap<Membership>) {}

  /** Opens (creating when missing) the bucket and starts watching it. */
  static async open(nc: NatsConnection, options: NatsMembershipStoreOptions): Promise<NatsMembershipStore> {
    const map = await WatchedKvMap.open(nc, {
      bucket: options.bucket ?? MEMBERSHIPS_BUCKET,
      noun: 'membership',
      decode: decodeMembership,
      logger: options.logger,
      checkIntervalMs: options.checkIntervalMs,
      retryDelayMs: options.retryDelayMs,
    });
    return new NatsMembershipStore(map);
  }

  async get(userId: string, tenantId: string): Promise<Membership | undefined> {
    if (!KEY_TOKEN.test(userId) || !KEY_TOKEN.test(tenantId)) return undefined;
    return this.map.get(membershipKey(userId, tenantId));
  }

  /** Resolves once the whole bucket has been loaded into the local map. */
  whenLoaded(): Promise<void> {
    return this.map.whenLoaded();
  }

  /** Readiness: the map is loaded and a watch is running. */
  assertLive(): Promise<void> {
    return this.map.assertLive();
  }

  stop(): Promise<void> {
    return this.map.stop();
  }
}
