import { z } from 'zod';
import { Permissions, Role } from '../identity';
import { address, email, isoDateTime, phone, requiredText } from './common';

// Request and response shapes of identity's public routes (sign-up, /me, members, statement).

/** Length bounds only; the identity provider's password policy has the last word. */
export const password = z.string().min(12, 'must be at least 12 characters').max(128);
export const statementVersion = z.string().trim().min(1).max(40).regex(/^[0-9A-Za-z._-]+$/, 'must be a statement version');

export const Signup = z.strictObject({
  email,
  password,
  name: requiredText(200),
  institute: z.strictObject({
    name: requiredText(200),
    kvkNumber: z.string().regex(/^[0-9]{8}$/, 'must be 8 digits').optional(),
    address: address.optional(),
    phone: phone.optional(),
  }),
  acceptedPrivacyStatementVersion: statementVersion,
});
export const SignupResult = z.object({ userId: z.string(), tenantId: z.string() });

export const PrivacyStatement = z.object({ version: z.string(), publishedAt: isoDateTime, text: z.string() });
export const PrivacyStatementList = z.object({ items: z.array(PrivacyStatement) });
export const PublishPrivacyStatement = z.strictObject({ version: statementVersion, text: requiredText(100_000) });

export const MembershipView = z.object({
  tenantId: z.string(),
  instituteName: z.string(),
  role: Role,
  permissions: Permissions,
});

export const Me = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  acceptedPrivacyStatementVersion: z.string().nullable(),
  currentPrivacyStatementVersion: z.string().nullable(),
  memberships: z.array(MembershipView),
  createdAt: isoDateTime,
});

export const UpdateMe = z.strictObject({
  name: requiredText(200).optional(),
  phone: phone.nullable().optional(),
  email: email.optional(),
});

export const AcceptPrivacyStatement = z.strictObject({ version: statementVersion });

export const Member = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: Role,
  permissions: Permissions,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export const MemberList = z.object({ items: z.array(Member) });

export const AddMember = z.strictObject({
  email,
  name: requiredText(200).optional(),
  role: Role,
  permissions: Permissions.partial().optional(),
});

export const UpdateMember = z.strictObject({
  role: Role.optional(),
  permissions: Permissions.partial().optional(),
});

export const AccountDeletion = z.object({ erasureRequestId: z.string(), status: z.literal('accepted') });

// Internal routes: called by other services with a signed service credential (X-Homi-Service),
// never routed by the gateway, which only forwards /api/v1/...

/** Paths of identity's internal routes. Ids are prefixed ids, which need no escaping. */
export const identityInternalPaths = {
  /** GET: the institute details given at sign-up, for tenant-data's profile (ADR 12). */
  tenant: (tenantId: string) => `/internal/v1/tenants/${tenantId}`,
} as const;

/** The problem type of a 404 for a tenant identity does not know (never existed, or erased). */
export const TENANT_NOT_FOUND_PROBLEM = 'tenant-not-found';

/** What identity holds on an institute from its sign-up; personal data for a sole trader. */
export const InstituteDetails = z.object({
  tenantId: z.string(),
  name: z.string(),
  kvkNumber: z.string().nullable(),
  address: address.nullable(),
  phone: z.string().nullable(),
});

export type Signup = z.infer<typeof Signup>;
export type SignupResult = z.infer<typeof SignupResult>;
export type PrivacyStatement = z.infer<typeof PrivacyStatement>;
export type PublishPrivacyStatement = z.infer<typeof PublishPrivacyStatement>;
export type Me = z.infer<typeof Me>;
export type UpdateMe = z.infer<typeof UpdateMe>;
export type AcceptPrivacyStatement = z.infer<typeof AcceptPrivacyStatement>;
export type Member = z.infer<typeof Member>;
export type AddMember = z.infer<typeof AddMember>;
export type UpdateMember = z.infer<typeof UpdateMember>;
export type InstituteDetails = z.infer<typeof InstituteDetails>;
