import type { EntityManager } from '@mikro-orm/postgresql';
import type { CategoryResult, DataSubject, OwnerDeclaration } from '@homi/contracts';
import { UNTIL_ACCOUNT_ERASURE } from '@homi/privacy-kit';
import { enterAllTenants, enterTenantAsOwner } from '@homi/service-kit';
import { RETENTION_PERIODS } from './domain/retention';
import type { IdentityProvider } from './application/ports';
import { eraseSubjectData, exportSubjectData, type ExportRecord, type OwnerRepositories } from './application/privacy-owner';
import { ormRepositories } from './infrastructure/repositories';

export type { ExportRecord };

/** privacy-kit's OwnerContext, structurally: the command's transaction and its time. */
export interface OwnerContext {
  em: EntityManager;
  requestId: string;
  now: Date;
}

/**
 * The command's transaction set to the subject's scope, and identity's repositories over it. Forced
 * row-level security holds the owner too (ADR 4): a user's data spans the tenants they belong to, so
 * their requests declare themselves cross-tenant; an institute's see exactly that institute.
 */
async function subjectRepositories(em: EntityManager, subject: DataSubject): Promise<OwnerRepositories> {
  if (subject.kind === 'user') await enterAllTenants(em);
  else if (subject.kind === 'tenant') await enterTenantAsOwner(em, subject.tenantId);
  return ormRepositories(em);
}

/** Everything identity holds on a user or an institute, read in the command's transaction. */
export async function* exportSubject(subject: DataSubject, { em }: OwnerContext): AsyncIterable<ExportRecord> {
  yield* exportSubjectData(subject, await subjectRepositories(em, subject));
}

/** Erases a user or an institute in the command's transaction, so its outcome commits with the inbox entry. */
export async function eraseSubject(idp: Pick<IdentityProvider, 'deleteUser'>, subject: DataSubject, { em, now }: OwnerContext): Promise<CategoryResult[]> {
  return eraseSubjectData(idp, subject, await subjectRepositories(em, subject), now);
}

const account = 'given by the user at sign-up, or when accepting an invitation (the address the colleague invited)';

/**
 * What personal data identity holds, why, on which legal basis and for how long (GDPR art. 30). Every
 * period here is enforced by a purge job in retention.ts (privacy-kit refuses to start otherwise).
 */
export const declaration: OwnerDeclaration = {
  owner: 'identity',
  version: '4',
  controllerRole: 'controller',
  categories: [
    { name: 'account', description: "A user's account: e-mail address, name, phone number, status", subjects: ['user'],
      fields: ['id', 'email', 'name', 'phone', 'status', 'createdAt', 'deletionRequestedAt', 'pendingEmail'],
      purpose: 'Signing in, and showing colleagues who is who', legalBasis: 'contract',
      retention: { period: null, startsAt: UNTIL_ACCOUNT_ERASURE },
      recipients: ['the identity provider (Keycloak, run by HOMi): e-mail address, name, password hash'], source: account },
    { name: 'memberships', description: 'The institutes a user belongs to, with role and module permissions (deleted when the member is removed)', subjects: ['user', 'tenant'],
      fields: ['tenantId', 'instituteName', 'role', 'permissions', 'createdAt', 'name', 'email'], purpose: 'Deciding what a user may see and do in each institute',
      legalBasis: 'contract', retention: { period: null, startsAt: UNTIL_ACCOUNT_ERASURE },
      recipients: [], source: 'set by the institute\'s owners and admins' },
    { name: 'invitations', description: 'Invitations to an institute: the invited address, role, module permissions, who invited, and the outcome (a hash of the mailed code, never the code)',
      subjects: ['user', 'tenant'], fields: ['id', 'tenantId', 'email', 'suggestedName', 'role', 'permissions', 'invitedBy', 'status', 'acceptedBy', 'createdAt', 'expiresAt', 'decidedAt'],
      purpose: 'Letting a colleague join an institute only with their own consent, and showing the institute who is invited',
      legalBasis: 'contract',
      retention: { period: RETENTION_PERIODS.invitations, startsAt: 'the decision (accepted, declined, withdrawn) or the expiry; an open invitation lasts 7 days' },
      recipients: ['the invited address (the invitation mail)'], source: "the institute's owner or admin who invited" },
    { name: 'privacy-statement-acceptances', description: 'Which privacy statement version a user accepted, and when', subjects: ['user'],
      fields: ['version', 'acceptedAt'], purpose: 'Being able to show that users were informed (GDPR art. 5(2), 12, 13)',
      legalBasis: 'legal_obligation', retention: { period: null, startsAt: UNTIL_ACCOUNT_ERASURE }, recipients: [], source: 'the user accepting' },
    { name: 'institute-details', description: 'Institute name, KvK number, address and phone given at sign-up', subjects: ['tenant'],
      fields: ['instituteName', 'kvkNumber', 'address', 'phone'], purpose: 'Creating the institute and handing its profile to tenant-data',
      legalBasis: 'contract', retention: { period: null, startsAt: UNTIL_ACCOUNT_ERASURE }, recipients: [], source: 'given at sign-up' },
    { name: 'pending-signups', description: 'A sign-up attempt: the e-mail address while it is under way (cleared when it completes or fails), then its ids and outcome',
      subjects: ['user'], fields: ['id', 'email', 'tenantId', 'userId', 'status', 'failure', 'createdAt'],
      purpose: 'Undoing a sign-up that was interrupted halfway', legalBasis: 'legitimate_interest',
      retention: { period: RETENTION_PERIODS.pendingSignups,
        startsAt: 'the start of the sign-up; an interrupted attempt stays until the sweeper has undone it' },
      recipients: [], source: 'given at sign-up' },
    { name: 'support-access', description: 'Requests of HOMi support staff for access to an institute, and the grants owners gave',
      subjects: ['user', 'tenant'], fields: ['id', 'tenantId', 'supportUserId', 'reason', 'ticket', 'modules', 'mode', 'status', 'coApprovedBy', 'decidedBy', 'createdAt', 'startsAt', 'expiresAt', 'endedAt'],
      purpose: 'Letting support in only with the institute\'s approval, and showing afterwards who was let in, by whom and why',
      legalBasis: 'legitimate_interest',
      retention: { period: RETENTION_PERIODS.supportAccess, startsAt: 'the end of the request or grant (denied, expired, revoked or ended); deleted with the institute' },
      recipients: ['the gateway (the active grant only: ids, modules, mode, times)'], source: 'the support user asking and the owner deciding' },
    { name: 'tenant-audit-log', description: 'Who did what in an institute: support access decisions, support users\' calls (made and refused), member and permission changes, exports',
      subjects: ['user', 'tenant'], fields: ['tenantId', 'seq', 'at', 'actor.kind', 'actor.userId', 'action', 'details (ids and codes only)'],
      purpose: 'Accountability (GDPR art. 5(2), 32): the institute can see every access to its data; tampering is detectable',
      legalBasis: 'legitimate_interest',
      retention: { period: RETENTION_PERIODS.tenantAuditLog,
        startsAt: "the entry's time, each institute's oldest entries first; kept through erasure of the actor or the institute" },
      recipients: ["the institute's owners and admins"], source: 'recorded by identity and reported by the gateway' },
  ],
};

/**
 * identity as a data owner, in the shape of privacy-kit's DataOwner: export and erase of a user
 * or an institute. Passwords are not held here; erasing a user deletes the provider's account too.
 */
export function identityDataOwner(idp: Pick<IdentityProvider, 'deleteUser'>) {
  return {
    declaration,
    export: (subject: Parameters<typeof exportSubject>[0], ctx: OwnerContext): AsyncIterable<ExportRecord> => exportSubject(subject, ctx),
    erase: (subject: Parameters<typeof eraseSubject>[1], ctx: OwnerContext) => eraseSubject(idp, subject, ctx),
  };
}
