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

/** A changed address waiting for its mailbox's confirmation; the old one is in use until then. */
export const PendingEmail = z.object({ email: z.string(), expiresAt: isoDateTime });

export const Me = z.object({
  id: z.string(),
  email: z.string(),
  pendingEmail: PendingEmail.nullable(),
  name: z.string(),
  phone: z.string().nullable(),
  acceptedPrivacyStatementVersion: z.string().nullable(),
  currentPrivacyStatementVersion: z.string().nullable(),
  memberships: z.array(MembershipView),
  createdAt: isoDateTime,
});

/** Name and phone change at once; a new e-mail address waits for the confirmation mailed to it. */
export const UpdateMe = z.strictObject({
  name: requiredText(200).optional(),
  phone: phone.nullable().optional(),
  email: email.optional(),
});

/** The languages HOMi mails in. */
export const MailLocale = z.enum(['nl', 'en']);

/** A single-use secret from a mail (an invitation or an address confirmation): 32 random bytes, base64url. */
export const mailToken = z.string().trim().regex(/^[A-Za-z0-9_-]{43}$/, 'must be the code from the e-mail');
export const MailTokenBody = z.strictObject({ token: mailToken });

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

/**
 * A colleague as the agenda names them: who can be booked, by name. Less than a member (no address,
 * role or permissions), so that agenda:view suffices where the member list needs users:view.
 */
export const StaffMember = z.object({ userId: z.string(), name: z.string() });
export const StaffList = z.object({ items: z.array(StaffMember) });

/** Invites a colleague: nobody becomes a member before the mailbox's owner accepts. */
export const AddMember = z.strictObject({
  email,
  /** A suggestion for the invitee's sign-up form; the invitee chooses their own name. */
  name: requiredText(200).optional(),
  role: Role,
  permissions: Permissions.partial().optional(),
  /** The language of the invitation mail. */
  locale: MailLocale.default('nl'),
});

export const InvitationStatus = z.enum(['pending', 'accepted', 'declined', 'revoked', 'expired']);

/** An invitation as the institute sees it: the same whether or not the address has an account. */
export const Invitation = z.object({
  id: z.string(),
  email: z.string(),
  role: Role,
  permissions: Permissions,
  status: InvitationStatus,
  invitedBy: z.string(),
  createdAt: isoDateTime,
  expiresAt: isoDateTime,
});
export const InvitationList = z.object({ items: z.array(Invitation) });

/** What the holder of an invitation's code sees before deciding. */
export const InvitationPreview = z.object({
  id: z.string(),
  instituteName: z.string(),
  email: z.string(),
  role: Role,
  permissions: Permissions,
  suggestedName: z.string().nullable(),
  expiresAt: isoDateTime,
});

/** The membership an accepted invitation made. */
export const InvitationAccepted = z.object({ tenantId: z.string(), role: Role, permissions: Permissions });

/** Signs up through an invitation: the address is the invitation's, verified by the code it came with. */
export const InvitationSignup = z.strictObject({
  token: mailToken,
  name: requiredText(200),
  password,
  /** Accepted now, or on first use like any colleague. */
  acceptedPrivacyStatementVersion: statementVersion.optional(),
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
  /** PUT: the institute's name as tenant-data's profile now holds it, for /me and the invitations (ADR 74). */
  tenantName: (tenantId: string) => `/internal/v1/tenants/${tenantId}/name`,
  /** GET: where the helpdesk mails a reply notice to a user (ADR 43); 404 for an unknown, disabled or erased user. */
  mailAddress: (userId: string) => `/internal/v1/users/${userId}/mail-address`,
} as const;

/** The problem type of a 404 for a user identity will not mail (unknown, disabled, or asked to be forgotten). */
export const USER_NOT_MAILABLE_PROBLEM = 'user-not-mailable';

export const MailAddress = z.object({ userId: z.string(), email: z.string() });

/** The problem type of a 404 for a tenant identity does not know (never existed, or erased). */
export const TENANT_NOT_FOUND_PROBLEM = 'tenant-not-found';

/** The institute's name after a change of its profile in tenant-data (ADR 74); personal data for a sole trader. */
export const InstituteName = z.strictObject({ name: requiredText(200) });
export type InstituteName = z.infer<typeof InstituteName>;

/** What identity holds on an institute from its sign-up; personal data for a sole trader. */
export const InstituteDetails = z.object({
  tenantId: z.string(),
  name: z.string(),
  kvkNumber: z.string().nullable(),
  address: address.nullable(),
  phone: z.string().nullable(),
});

export type Signup = z.infer<typeof Signup>;
export type MailLocale = z.infer<typeof MailLocale>;
export type Invitation = z.infer<typeof Invitation>;
export type InvitationPreview = z.infer<typeof InvitationPreview>;
export type InvitationSignup = z.infer<typeof InvitationSignup>;
export type SignupResult = z.infer<typeof SignupResult>;
export type PrivacyStatement = z.infer<typeof PrivacyStatement>;
export type PublishPrivacyStatement = z.infer<typeof PublishPrivacyStatement>;
export type Me = z.infer<typeof Me>;
export type UpdateMe = z.infer<typeof UpdateMe>;
export type AcceptPrivacyStatement = z.infer<typeof AcceptPrivacyStatement>;
export type Member = z.infer<typeof Member>;
export type StaffMember = z.infer<typeof StaffMember>;
export type AddMember = z.infer<typeof AddMember>;
export type UpdateMember = z.infer<typeof UpdateMember>;
export type InstituteDetails = z.infer<typeof InstituteDetails>;
