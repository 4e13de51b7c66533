import { erasedAcrossTenants, erasedByStatement, type RetentionPolicy } from '@homi/privacy-kit';

// The purge jobs behind privacy.ts's declared periods, across all tenants: each batch opens its
// transaction to every tenant's rows (the owner is held to forced row-level security, ADR 4), takes only the
// rows it deletes (`for update skip locked`, or the tenant's audit lock without waiting) and counts
// only what it deleted itself, so several replicas and the other jobs can run alongside.

/**
 * Deletes sign-up attempts that finished (completed, or failed and compensated) and started before
 * the cutoff. A pending attempt is the sweeper's (reconcile.ts) until it has compensated it: deleting
 * it would lose the trace of an account the identity provider may still hold.
 */
const pendingSignups = erasedByStatement('pending-signups', ({ cutoff, batchSize }) => ({
  sql: `delete from signups where id in (
          select id from signups where status <> 'pending' and created_at < ? order by created_at limit ${batchSize} for update skip locked)
        returning id`,
  params: [cutoff],
}));

/**
 * Deletes support access requests (with their notifications) that ended before the cutoff: denied,
 * expired unanswered, revoked, or a grant that ran out. Open requests and active grants stay, however
 * old; the expiry job ends them first. The audit log keeps the history of each under its own period.
 */
const supportAccess = erasedByStatement('support-access', ({ cutoff, batchSize }) => ({
  sql: `delete from support_access_requests where id in (
          select id from support_access_requests
           where status in ('denied', 'revoked', 'expired', 'ended') and coalesce(ended_at, decided_at) < ?
           order by coalesce(ended_at, decided_at) limit ${batchSize} for update skip locked)
        returning id`,
  params: [cutoff],
}));

/**
 * Deletes audit entries older than the cutoff, each tenant's oldest first, through the migration's
 * `tenant_audit_log_purge`: the only path the append-only trigger lets a delete through, which moves
 * the tenant's anchor in the same transaction so the rest of the chain still verifies (ADR 15).
 */
const tenantAuditLog = erasedAcrossTenants('tenant-audit-log', async ({ em, cutoff, batchSize }) => {
  const [row] = await em.execute<{ n: number }[]>('select tenant_audit_log_purge(cast(? as timestamptz), cast(? as int)) as n', [cutoff, batchSize]);
  return Number(row?.n ?? 0);
});

/** Deletes invitations decided (accepted, declined, withdrawn) or expired before the cutoff; open ones stay until they expire. */
const invitations = erasedByStatement('invitations', ({ cutoff, batchSize }) => ({
  sql: `delete from invitations where id in (
          select id from invitations
           where (status <> 'pending' and coalesce(decided_at, expires_at) < ?) or (status = 'pending' and expires_at < ?)
           order by expires_at limit ${batchSize} for update skip locked)
        returning id`,
  params: [cutoff, cutoff],
}));

export const retentionPolicies: readonly RetentionPolicy[] = [pendingSignups, invitations, supportAccess, tenantAuditLog];
