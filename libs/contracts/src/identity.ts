import { z } from 'zod';
import { defineContract, isoDateTime, tenantId, userId } from './contract';

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

export const MEMBERSHIPS_BUCKET = 'homi_memberships';
export const membershipKey = (user: string, tenant: string) => `${user}.${tenant}`;

/** A tenant came into being (sign-up); tenant-data creates its institute profile. */
export const TenantCreated = defineContract(
  'identity.tenant.created.v1',
  1,
  z.strictObject({
    tenantId,
    instituteName: z.string().min(1).max(200),
    occurredAt: isoDateTime,
  }),
);
export type TenantCreated = z.infer<typeof TenantCreated.schema>;

export const IDENTITY_STREAM = { name: 'IDENTITY', subjects: ['identity.>'] } as const;

export function fullPermissions(): Permissions {
  return Object.fromEntries(MODULES.map((m) => [m, 'edit'])) as Permissions;
}

export function noPermissions(): Permissions {
  return Object.fromEntries(MODULES.map((m) => [m, 'none'])) as Permissions;
}
