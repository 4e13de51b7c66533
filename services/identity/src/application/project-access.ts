import {
  AccountDeletionRequested, MembershipChanged, PrivacyStatementPublished, SupportAccessChanged, SupportAccessRequested, TenantCreated,
  TenantRenamed, UserAccessChanged,
  type CurrentStatement, type Membership, type UserAccess,
} from '@homi/contracts';
import type { ConsumedEvent } from '@homi/messaging';
import type { AccessReads, Repositories } from './ports';

/** Where the gateway reads access from (NATS KV); a port so that the projection can be tested alone. */
export interface AccessStore {
  putMembership(membership: Membership): Promise<void>;
  deleteMembership(userId: string, tenantId: string): Promise<void>;
  putUserAccess(access: UserAccess): Promise<void>;
  deleteUserAccess(userId: string): Promise<void>;
  putCurrentStatement(statement: CurrentStatement): Promise<void>;
}

/** Every identity event: the ones that change nothing the gateway reads are acknowledged and skipped. */
export const PROJECTED_CONTRACTS = [
  MembershipChanged, UserAccessChanged, PrivacyStatementPublished, TenantCreated, TenantRenamed, AccountDeletionRequested, SupportAccessRequested,
  SupportAccessChanged,
];

/**
 * Writes what the database says now, then reads again and repeats if it changed meanwhile. Any
 * write is followed by a read, so the last write of all is of the final state, whatever order
 * messages arrive or handlers interleave in: events only say *what* to look at (ADR 8).
 */
export async function converge<T>(read: () => Promise<T>, write: (state: T) => Promise<void>): Promise<void> {
  let state = await read();
  for (let attempt = 0; attempt < 5; attempt++) {
    await write(state);
    const again = await read();
    if (JSON.stringify(again) === JSON.stringify(state)) return;
    state = again;
  }
  throw new Error('state kept changing while it was projected; will retry');
}

/** Why a projection reads across tenants: an event names whichever tenant's rows changed. */
export const PROJECTION = 'the gateway\'s projection, which reads the rows an event names in whichever tenant';

export async function projectEvent({ access: reader }: Pick<Repositories, 'access'>, store: AccessStore, event: ConsumedEvent<{ userId?: string; tenantId?: string }>): Promise<void> {
  const { userId, tenantId } = event.data;
  switch (event.subject) {
    case MembershipChanged.subject:
      return converge(
        () => reader.membership(userId as string, tenantId as string),
        (m) => (m ? store.putMembership(m) : store.deleteMembership(userId as string, tenantId as string)),
      );
    case UserAccessChanged.subject:
      return converge(() => reader.userAccess(userId as string), (a) => (a ? store.putUserAccess(a) : store.deleteUserAccess(userId as string)));
    case PrivacyStatementPublished.subject:
      return projectCurrentStatement(reader, store);
    default:
      return;
  }
}

/** A user's access and, when a tenant is named, their membership of it: what the database says now. */
export async function projectUser({ access: reader }: Pick<Repositories, 'access'>, store: AccessStore, userId: string, tenantId?: string): Promise<void> {
  await converge(() => reader.userAccess(userId), (a) => (a ? store.putUserAccess(a) : store.deleteUserAccess(userId)));
  if (tenantId) {
    await converge(() => reader.membership(userId, tenantId), (m) => (m ? store.putMembership(m) : store.deleteMembership(userId, tenantId)));
  }
}

export function projectCurrentStatement(reader: AccessReads, store: AccessStore): Promise<void> {
  return converge(() => reader.currentStatement(), async (s) => (s ? store.putCurrentStatement(s) : undefined));
}

/** Rebuilds the buckets from the database (at start, when they are empty: a new or wiped NATS). */
export async function projectEverything({ access: reader }: Pick<Repositories, 'access'>, store: AccessStore): Promise<void> {
  const keys = await reader.allKeys();
  for (const { userId, tenantId } of keys.memberships) {
    const m = await reader.membership(userId, tenantId);
    if (m) await store.putMembership(m);
  }
  for (const userId of keys.users) {
    const a = await reader.userAccess(userId);
    if (a) await store.putUserAccess(a);
  }
  await projectCurrentStatement(reader, store);
}
