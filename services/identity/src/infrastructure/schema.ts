import { EntitySchema } from '@mikro-orm/postgresql';
import { createdAndUpdated, tenantFilter, timestamptz } from '@homi/service-kit';
import { Invitation } from '../domain/invitation';
import { Membership } from '../domain/membership';
import { PrivacyStatement, StatementAcceptance } from '../domain/privacy-statement';
import { SignupAttempt } from '../domain/signup-attempt';
import { SupportAccessRequest } from '../domain/support-access-request';
import { Tenant } from '../domain/tenant';
import { User } from '../domain/user';

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
    deletionRequestedAt: timestamptz(true),
    idpDisabledAt: timestamptz(true),
    pendingEmail: { type: 'string', nullable: true },
    pendingEmailTokenHash: { type: 'string', nullable: true },
    pendingEmailExpiresAt: timestamptz(true),
    ...createdAndUpdated,
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
    createdAt: timestamptz(),
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
    ...createdAndUpdated,
  },
});

export const PrivacyStatementSchema = new EntitySchema<PrivacyStatement>({
  class: PrivacyStatement,
  tableName: 'privacy_statements',
  properties: {
    version: { type: 'string', primary: true },
    publishedAt: timestamptz(),
    text: { type: 'text' },
  },
});

export const StatementAcceptanceSchema = new EntitySchema<StatementAcceptance>({
  class: StatementAcceptance,
  tableName: 'privacy_statement_acceptances',
  properties: {
    userId: { type: 'string', primary: true },
    version: { type: 'string', primary: true },
    acceptedAt: timestamptz(),
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
    ...createdAndUpdated,
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
    coApprovedAt: timestamptz(true),
    decidedBy: { type: 'string', nullable: true },
    decidedAt: timestamptz(true),
    grantedModules: { type: 'json', nullable: true },
    grantedMode: { type: 'string', nullable: true },
    grantedMinutes: { type: 'integer', nullable: true, fieldName: 'granted_minutes' },
    startsAt: timestamptz(true),
    expiresAt: timestamptz(true),
    endedAt: timestamptz(true),
    ...createdAndUpdated,
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
    createdAt: timestamptz(),
    expiresAt: timestamptz(),
    decidedAt: timestamptz(true),
  },
});

export const identityEntities = [
  InvitationSchema,
  UserSchema, TenantSchema, MembershipSchema, PrivacyStatementSchema, StatementAcceptanceSchema, SignupAttemptSchema, SupportAccessRequestSchema,
];
