import { MembershipChanged, UserAccessChanged, type CategoryResult, type DataSubject } from '@homi/contracts';
import type { IdentityProvider, Repositories, SubjectRow } from './ports';
import { auditErasedMemberships, eraseTenantSupport, exportSupportRecords, retainedForUser } from './privacy-owner-support';

/** privacy-kit's ExportRecord, structurally. */
export interface ExportRecord {
  category: string;
  data: Record<string, unknown>;
}

/** A privacy command's repositories: those of its transaction (inbox + outbox), set to the subject's scope by privacy.ts. */
export type OwnerRepositories = Pick<Repositories, 'subjects' | 'audit' | 'events'>;

const records = (category: string, rows: SubjectRow[]): ExportRecord[] => rows.map((data) => ({ category, data }));

/** Everything identity holds on a user (account, memberships, acceptances) or an institute. */
export async function* exportSubjectData(subject: DataSubject, repositories: OwnerRepositories): AsyncIterable<ExportRecord> {
  if (subject.kind === 'user') {
    const held = await repositories.subjects.ofUser(subject.userId);
    yield* records('account', held.account);
    yield* records('memberships', held.memberships);
    yield* records('invitations', held.invitations);
    yield* records('privacy-statement-acceptances', held.acceptances);
    yield* exportSupportRecords(repositories, held.supportRequests, subject.userId);
  } else if (subject.kind === 'tenant') {
    const held = await repositories.subjects.ofTenant(subject.tenantId);
    yield* records('institute-details', held.details);
    yield* records('memberships', held.memberships);
    yield* records('invitations', held.invitations);
  }
}

const erased = (category: string, count: number): CategoryResult => ({ category, records: count, action: 'erased' });

/**
 * Erases a user (the provider's account first, then every row of theirs) or an institute (its
 * memberships, details and support requests; the members' own accounts stay). Audit log entries are
 * kept and reported as retained (ADR 15). Idempotent: a second run erases 0.
 */
export async function eraseSubjectData(
  idp: Pick<IdentityProvider, 'deleteUser'>, subject: DataSubject, repositories: OwnerRepositories, now: Date,
): Promise<CategoryResult[]> {
  const { subjects, events } = repositories;
  const occurredAt = now.toISOString();
  if (subject.kind === 'user') {
    const { userId } = subject;
    await idp.deleteUser(userId);
    const gone = await subjects.eraseUser(userId);
    for (const tenantId of gone.membershipTenantIds) events.publish(MembershipChanged, { tenantId, userId, occurredAt });
    events.publish(UserAccessChanged, { userId, occurredAt });
    await auditErasedMemberships(repositories, userId, gone.membershipTenantIds, now);
    return [
      erased('account', gone.users), erased('memberships', gone.membershipTenantIds.length), erased('invitations', gone.invitations),
      erased('privacy-statement-acceptances', gone.acceptances),
      ...(await retainedForUser(repositories, userId)),
    ];
  }
  if (subject.kind === 'tenant') {
    const { tenantId } = subject;
    const gone = await subjects.eraseTenant(tenantId);
    for (const userId of gone.memberUserIds) events.publish(MembershipChanged, { tenantId, userId, occurredAt });
    return [
      erased('institute-details', gone.tenants), erased('memberships', gone.memberUserIds.length), erased('invitations', gone.invitations),
      ...(await eraseTenantSupport(repositories, tenantId, gone.supportRequestIds, now)),
    ];
  }
  return [];
}
