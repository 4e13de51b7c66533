import type { KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/nats-core';
import { CURRENT_STATEMENT_KEY, membershipKey, type CurrentStatement, type Membership, type UserAccess } from '@homi/contracts';
import type { AccessStore } from '../application/project-access';
import { openOwnBucket } from './own-bucket';

/** The NATS KV buckets the gateway watches: memberships, and users with the current statement. */
export class KvAccessStore implements AccessStore {
  private constructor(
    private readonly memberships: KV,
    private readonly users: KV,
  ) {}

  /** Opens both buckets, creating them (history 5, NATS_REPLICAS copies) when missing. */
  static async open(nc: NatsConnection, buckets: { memberships: string; users: string }): Promise<KvAccessStore> {
    return new KvAccessStore(await openOwnBucket(nc, buckets.memberships), await openOwnBucket(nc, buckets.users));
  }

  async putMembership(membership: Membership): Promise<void> {
    await this.memberships.put(membershipKey(membership.userId, membership.tenantId), JSON.stringify(membership));
  }

  async deleteMembership(userId: string, tenantId: string): Promise<void> {
    await this.memberships.delete(membershipKey(userId, tenantId));
  }

  async putUserAccess(access: UserAccess): Promise<void> {
    await this.users.put(access.userId, JSON.stringify(access));
  }

  async deleteUserAccess(userId: string): Promise<void> {
    await this.users.delete(userId);
  }

  async putCurrentStatement(statement: CurrentStatement): Promise<void> {
    await this.users.put(CURRENT_STATEMENT_KEY, JSON.stringify(statement));
  }

  async isEmpty(): Promise<boolean> {
    const [m, u] = await Promise.all([this.memberships.status(), this.users.status()]);
    return m.values === 0 && u.values === 0;
  }
}
