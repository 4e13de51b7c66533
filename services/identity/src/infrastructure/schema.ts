import { EntitySchema } from '@mikro-orm/postgresql';
import { Invitation } from '../domain/invitation';
import { Membership } from '../domain/membership';
import { PrivacyStatement, StatementAcceptance } from '../domain/privacy-statement';
import { SignupAttempt } from '../domain/signup-attempt';
import { SupportAccessRequest } from '../domain/support-access-request';
import { Tenant } from '../domain/tenant';
import { User } from '../domain/user';

/**
 * Memberships are tenant rows: the `tenant` filter is on by default with a required tenantId, so a
 * query that forgets the tenant fails. User-scoped work (/me, sign-up, the KV projection) turns it
 * off by name, which makes crossing tenants visible in the code (ADR 4).
 */
const tenantFilter = {
  tenant: { name: 'tenant', cond: (args: { tenantId: string }) => ({ tenantId: args.tenantId }), default: true, args: true },
};

const at = (nullable = false) => ({ type: 'Date', columnType: 'timestamptz', nullable }) as const;

export const UserSchema = new EntitySchema<User>({
  class: User,
  tableName: 'users',
  properties: {
    id: { type: 'string', primary: true },
    email: { type: 'string' },
    name: { type: 'string' },
    phone: { type: 'string', nullable: true },
    status: { type: 'string' },
    deletionRequestId: { type: 'string', nullable: true },
    deletionRequestedAt: at(true),
    idpDisabledAt: at(true),
    pendingEmail: { type: 'string', nullable: true },
    pendingEmailTokenHash: { type: 'string', nullable: true },
    pendingEmailExpiresAt: at(true),
    createdAt: at(),
    updatedAt: at(),
  },
});

export const TenantSchema = new EntitySchema<Tenant>({
  class: Tenant,
  tableName: 'tenants',
  properties: {
    id: { type: 'string', primary: true },
    instituteName: { type: 'string' },
    kvkNumber: { type: 'string', nullable: true },
    address: { type: 'json', nullable: true },
    phone: { type: 'string', nullable: true },
    createdAt: at(),
  },
});

export const MembershipSchema = new EntitySchema<Membership>({
  class: Membership,
  tableName: 'memberships',
  filters: tenantFilter,
  properties: {
    tenantId: { type: 'string', primary: true },
    userId: { type: 'string', primary: true },
    role: { type: 'string' },
    permissions: { type: 'json' },
    createdAt: at(),
    updatedAt: at(),
  },
});

export const PrivacyStatementSchema = new EntitySchema<PrivacyStatement>({
  class: PrivacyStatement,
  tableName: 'privacy_statements',
  properties: {
    version: { type: 'string', primary: true },
    publishedAt: at(),
    text: { type: 'text' },
  },
});

export const StatementAcceptanceSchema = new EntitySchema<StatementAcceptance>({
  class: StatementAcceptance,
  tableName: 'privacy_statement_acceptances',
  properties: {
    userId: { type: 'string', primary: true },
    version: { type: 'string', primary: true },
    acceptedAt: at(),
  },
});

export const SignupAttemptSchema = new EntitySchema<SignupAttempt>({
  class: SignupAttempt,
  tableName: 'signups',
  properties: {
    id: { type: 'string', primary: true },
    email: { type: 'string', nullable: true },
    tenantId: { type: 'string' },
    userId: { type: 'string', nullable: true },
    status: { type: 'string' },
    failure: { type: 'string', nullable: true },
    createdAt: at(),
    updatedAt: at(),
  },
});

export const SupportAccessRequestSchema = new EntitySchema<SupportAccessRequest>({
  class: SupportAccessRequest,
  tableName: 'support_access_requests',
  filters: tenantFilter,
  properties: {
    id: { type: 'string', primary: true },
    tenantId: { type: 'string' },
    supportUserId: { type: 'string' },
    reason: { type: 'string' },
    ticket: { type: 'string' },
    modules: { type: 'json' },
    mode: { type: 'string' },
    durationMinutes: { type: 'integer' },
    status: { type: 'string' },
    coApprovedBy: { type: 'string', nullable: true },
    coApprovedAt: at(true),
    decidedBy: { type: 'string', nullable: true },
    decidedAt: at(true),
    grantedModules: { type: 'json', nullable: true },
    grantedMode: { type: 'string', nullable: true },
    grantedMinutes: { type: 'integer', nullable: true, fieldName: 'granted_minutes' },
    startsAt: at(true),
    expiresAt: at(true),
    endedAt: at(true),
    createdAt: at(),
    updatedAt: at(),
  },
});

export const InvitationSchema = new EntitySchema<Invitation>({
  class: Invitation,
  tableName: 'invitations',
  filters: tenantFilter,
  properties: {
    id: { type: 'string', primary: true },
    tenantId: { type: 'string' },
    email: { type: 'string' },
    suggestedName: { type: 'string', nullable: true },
    role: { type: 'string' },
    permissions: { type: 'json' },
    invitedBy: { type: 'string' },
    tokenHash: { type: 'string' },
    status: { type: 'string' },
    acceptedBy: { type: 'string', nullable: true },
    createdAt: at(),
    expiresAt: at(),
    decidedAt: at(true),
  },
});

export const identityEntities = [
  InvitationSchema,
  UserSchema, TenantSchema, MembershipSchema, PrivacyStatementSchema, StatementAcceptanceSchema, SignupAttemptSchema, SupportAccessRequestSchema,
];
