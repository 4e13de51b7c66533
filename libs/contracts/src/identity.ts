import { z } from 'zod';
import { defineContract, isoDateTime, prefixedId, STREAM_MAX_AGE_MS, tenantId, userId } from './contract';
import { namespacedStream, natsName } from './nats-namespace';

export const MODULES = ['agenda', 'clients', 'invoicing', 'reports', 'settings', 'users'] as const;
export const ACCESS_LEVELS = ['none', 'view', 'edit'] as const;
export const ROLES = ['owner', 'admin', 'staff'] as const;

export const Module = z.enum(MODULES);
export const AccessLevel = z.enum(ACCESS_LEVELS);
export const Role = z.enum(ROLES);
export type Module = z.infer<typeof Module>;
export type AccessLevel = z.infer<typeof AccessLevel>;
export type Role = z.infer<typeof Role>;

export const Permissions = z.strictObject(
  Object.fromEntries(MODULES.map((m) => [m, AccessLevel])) as Record<Module, typeof AccessLevel>,
);
export type Permissions = z.infer<typeof Permissions>;

/**
 * A user's membership of one tenant, as the identity service publishes it to the memberships
 * KV bucket (key `<userId>.<tenantId>`) and the gateway reads it.
 */
export const Membership = z.strictObject({
  userId,
  tenantId,
  role: Role,
  permissions: Permissions,
  updatedAt: isoDateTime,
});
export type Membership = z.infer<typeof Membership>;

export const MEMBERSHIPS_BUCKET = natsName.bucket('homi_memberships');
export const membershipKey = (user: string, tenant: string) => `${user}.${tenant}`;

/**
 * A tenant came into being (sign-up); tenant-data creates its institute profile. Thin by design: the
 * institute's name, KvK number, address and phone may be a sole trader's personal data, which a
 * stream keeps for its whole retention, so tenant-data fetches them from identity over HTTP
 * (`identityApi.identityInternalPaths.tenant`), where erasing the tenant removes them (ADR 12).
 */
export const TenantCreated = defineContract(
  'identity.tenant.created.v2',
  2,
  z.strictObject({ tenantId, occurredAt: isoDateTime }),
);
export type TenantCreated = z.infer<typeof TenantCreated.schema>;

/**
 * The institute's name identity shows changed (it follows tenant-data's profile, ADR 74): who keeps a
 * copy of it (the helpdesk, for support's desk) reads it again from identity. Thin like TenantCreated:
 * the name may be a sole trader's, and a stream keeps what it carries for its whole retention.
 */
export const TenantRenamed = defineContract(
  'identity.tenant.renamed.v1',
  1,
  z.strictObject({ tenantId, occurredAt: isoDateTime }),
);
export type TenantRenamed = z.infer<typeof TenantRenamed.schema>;

/** A membership was added, changed or removed; the KV projection re-reads it from identity's database. */
export const MembershipChanged = defineContract(
  'identity.membership.changed.v1',
  1,
  z.strictObject({ tenantId, userId, occurredAt: isoDateTime }),
);
export type MembershipChanged = z.infer<typeof MembershipChanged.schema>;

/** A user's access state (enabled, accepted statement) changed; the KV projection re-reads it. */
export const UserAccessChanged = defineContract(
  'identity.user.access-changed.v1',
  1,
  z.strictObject({ userId, occurredAt: isoDateTime }),
);
export type UserAccessChanged = z.infer<typeof UserAccessChanged.schema>;

export const PrivacyStatementPublished = defineContract(
  'identity.privacy-statement.published.v1',
  1,
  z.strictObject({ version: z.string().min(1).max(40), occurredAt: isoDateTime }),
);
export type PrivacyStatementPublished = z.infer<typeof PrivacyStatementPublished.schema>;

export const erasureRequestId = prefixedId('dsr');

/**
 * A user deleted their account (right to be forgotten). Login is already disabled. The privacy
 * service opens erasure request `requestId` for the user and for every tenant the user was the
 * only owner of.
 */
export const AccountDeletionRequested = defineContract(
  'identity.account.deletion-requested.v1',
  1,
  z.strictObject({
    requestId: erasureRequestId,
    userId,
    soleOwnerTenantIds: z.array(tenantId).max(1000),
    occurredAt: isoDateTime,
  }),
);
export type AccountDeletionRequested = z.infer<typeof AccountDeletionRequested.schema>;

export const IDENTITY_STREAM = namespacedStream({ name: 'IDENTITY', subjects: ['identity.>'], maxAgeMs: STREAM_MAX_AGE_MS });

/**
 * What the gateway needs to know about a user beyond the token, as identity publishes it to the
 * users KV bucket (key = user id): whether login is still allowed and which privacy statement
 * version the user accepted. The current statement version sits under CURRENT_STATEMENT_KEY.
 */
export const UserAccess = z.strictObject({
  userId,
  status: z.enum(['active', 'disabled']),
  acceptedStatementVersion: z.string().nullable(),
  updatedAt: isoDateTime,
});
export type UserAccess = z.infer<typeof UserAccess>;

export const CurrentStatement = z.strictObject({ version: z.string().min(1), publishedAt: isoDateTime });
export type CurrentStatement = z.infer<typeof CurrentStatement>;

export const USERS_BUCKET = natsName.bucket('homi_users');
export const CURRENT_STATEMENT_KEY = 'platform.privacy-statement';

export function fullPermissions(): Permissions {
  return Object.fromEntries(MODULES.map((m) => [m, 'edit'])) as Permissions;
}

export function noPermissions(): Permissions {
  return Object.fromEntries(MODULES.map((m) => [m, 'none'])) as Permissions;
}
