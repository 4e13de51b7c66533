import type { EntityManager } from '@mikro-orm/postgresql';
import { MembershipChanged, UserAccessChanged, type CategoryResult, type DataSubject } from '@homi/contracts';
import { enqueue } from '@homi/messaging';
import type { IdentityProvider } from './ports';
import { auditErasedMemberships, eraseTenantSupport, exportSupportRecords, retainedForUser } from './privacy-owner-support';

/** privacy-kit's OwnerContext and ExportRecord, structurally: the transaction and the time of the command. */
export interface OwnerContext {
  em: EntityManager;
  requestId: string;
  now: Date;
}
export interface ExportRecord {
  category: string;
  data: Record<string, unknown>;
}

type Row = Record<string, unknown>;
// em.execute runs in the command's transaction (inbox + outbox); em.getConnection().execute would
// take a pool connection of its own and commit the erasure apart from its report.
const rows = (em: EntityManager, sql: string, params: unknown[]) => em.execute<Row[]>(sql, params);

/** Everything identity holds on a user (account, memberships, acceptances) or an institute. */
export async function* exportSubject(subject: DataSubject, { em }: OwnerContext): AsyncIterable<ExportRecord> {
  if (subject.kind === 'user') {
    const id = [subject.userId];
    for (const data of await rows(em, 'select id, email, name, phone, status, created_at, deletion_requested_at, pending_email from users where id = ?', id))
      yield { category: 'account', data };
    for (const data of await rows(em, `select m.tenant_id, t.institute_name, m.role, m.permissions, m.created_at
        from memberships m join tenants t on t.id = m.tenant_id where m.user_id = ? order by m.created_at`, id))
      yield { category: 'memberships', data };
    for (const data of await rows(em, `select i.id, i.tenant_id, t.institute_name, i.email, i.role, i.permissions, i.status, i.created_at, i.expires_at, i.decided_at,
        i.invited_by = u.id as invited_by_you from invitations i join tenants t on t.id = i.tenant_id join users u on u.id = ?
        where lower(i.email) = lower(u.email) or i.accepted_by = u.id or i.invited_by = u.id order by i.created_at`, id))
      yield { category: 'invitations', data };
    for (const data of await rows(em, 'select version, accepted_at from privacy_statement_acceptances where user_id = ? order by accepted_at', id))
      yield { category: 'privacy-statement-acceptances', data };
    yield* exportSupportRecords(em, subject.userId);
  } else if (subject.kind === 'tenant') {
    const id = [subject.tenantId];
    for (const data of await rows(em, 'select id, institute_name, kvk_number, address, phone, created_at from tenants where id = ?', id))
      yield { category: 'institute-details', data };
    for (const data of await rows(em, 'select user_id, role, permissions, created_at from memberships where tenant_id = ? order by created_at', id))
      yield { category: 'memberships', data };
    for (const data of await rows(em, 'select id, email, role, permissions, status, invited_by, created_at, expires_at, decided_at from invitations where tenant_id = ? order by created_at', id))
      yield { category: 'invitations', data };
  }
}

const erased = (category: string, records: number): CategoryResult => ({ category, records, action: 'erased' });

/**
 * Erases a user (the provider's account first, then every row of theirs) or an institute (its
 * memberships, details and support requests; the members' own accounts stay). Audit log entries are
 * kept and reported as retained (ADR 15). Idempotent: a second run erases 0.
 */
export async function eraseSubject(idp: Pick<IdentityProvider, 'deleteUser'>, subject: DataSubject, { em, now }: OwnerContext): Promise<CategoryResult[]> {
  const occurredAt = now.toISOString();
  if (subject.kind === 'user') {
    const { userId } = subject;
    await idp.deleteUser(userId);
    const memberships = await rows(em, 'delete from memberships where user_id = ? returning tenant_id', [userId]);
    for (const m of memberships) enqueue(em, MembershipChanged, { tenantId: String(m.tenant_id), userId, occurredAt });
    const acceptances = await rows(em, 'delete from privacy_statement_acceptances where user_id = ? returning version', [userId]);
    // Invitations to the user's address, accepted by them, or made by them.
    const invitations = await rows(em, `delete from invitations i using users u where u.id = ?
      and (lower(i.email) = lower(u.email) or i.accepted_by = u.id or i.invited_by = u.id) returning i.id`, [userId]);
    await rows(em, 'delete from signups where user_id = ? returning id', [userId]);
    const users = await rows(em, 'delete from users where id = ? returning id', [userId]);
    enqueue(em, UserAccessChanged, { userId, occurredAt });
    await auditErasedMemberships(em, userId, memberships.map((m) => String(m.tenant_id)), now);
    return [
      erased('account', users.length), erased('memberships', memberships.length), erased('invitations', invitations.length),
      erased('privacy-statement-acceptances', acceptances.length),
      ...(await retainedForUser(em, userId)),
    ];
  }
  if (subject.kind === 'tenant') {
    const { tenantId } = subject;
    const memberships = await rows(em, 'delete from memberships where tenant_id = ? returning user_id', [tenantId]);
    for (const m of memberships) enqueue(em, MembershipChanged, { tenantId, userId: String(m.user_id), occurredAt });
    await rows(em, 'delete from signups where tenant_id = ? returning id', [tenantId]);
    const invitations = await rows(em, 'delete from invitations where tenant_id = ? returning id', [tenantId]);
    const tenants = await rows(em, 'delete from tenants where id = ? returning id', [tenantId]);
    return [
      erased('institute-details', tenants.length), erased('memberships', memberships.length), erased('invitations', invitations.length),
      ...(await eraseTenantSupport(em, tenantId, now)),
    ];
  }
  return [];
}
