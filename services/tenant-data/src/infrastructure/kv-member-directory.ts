import type { NatsConnection } from '@nats-io/nats-core';
import { Kvm, type KV } from '@nats-io/kv';
import { Membership, MEMBERSHIPS_BUCKET, membershipKey, type Role } from '@homi/contracts';
import { AppError } from '@homi/service-kit';
import type { MemberDirectory } from '../application/ports';

const KEY_TOKEN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Members from the memberships KV bucket identity writes (key `<userId>.<tenantId>`) and the gateway
 * reads: the same source the gateway admits callers by, so a staff member is bookable exactly while
 * they can sign in to the institute (ADR 46). Read per booking, not watched: bookings are few.
 */
export class KvMemberDirectory implements MemberDirectory {
  private kv: Promise<KV> | undefined;

  constructor(private readonly nc: NatsConnection) {}

  async roleOf(tenantId: string, userId: string): Promise<Role | undefined> {
    if (!KEY_TOKEN.test(userId) || !KEY_TOKEN.test(tenantId)) return undefined;
    try {
      this.kv ??= new Kvm(this.nc).open(MEMBERSHIPS_BUCKET);
      const entry = await (await this.kv).get(membershipKey(userId, tenantId));
      if (!entry || entry.operation !== 'PUT') return undefined;
      const membership = Membership.safeParse(entry.json());
      return membership.success && membership.data.tenantId === tenantId && membership.data.userId === userId ? membership.data.role : undefined;
    } catch (cause) {
      this.kv = undefined;
      throw new AppError('unavailable', 'Memberships cannot be read now; retry shortly.', { type: 'memberships-unavailable', cause });
    }
  }
}
