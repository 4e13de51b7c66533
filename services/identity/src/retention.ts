import type { PurgeContext, RetentionPolicy } from '@homi/privacy-kit';

// The purge jobs behind privacy.ts's declared periods, across all tenants. Each batch takes only the
// rows it deletes (`for update skip locked`, or the tenant's audit lock without waiting) and counts
// only what it deleted itself, so several replicas and the other jobs can run alongside.

/**
 * Deletes sign-up attempts that finished (completed, or failed and compensated) and started before
 * the cutoff. A pending attempt is the sweeper's (reconcile.ts) until it has compensated it: deleting
 * it would lose the trace of an account the identity provider may still hold.
 */
const pendingSignups: RetentionPolicy = {
  category: 'pending-signups',
  action: 'erased',
  async purge({ em, cutoff, batchSize }: PurgeContext) {
    const rows = await em.execute<{ id: string }[]>(
      `delete from signups where id in (
         select id from signups where status <> 'pending' and created_at < ? order by created_at limit ${batchSize} for update skip locked)
       returning id`,
      [cutoff],
    );
    return rows.length;
  },
};

/**
 * Deletes support access requests (with their notifications) that ended before the cutoff: denied,
 * expired unanswered, revoked, or a grant that ran out. Open requests and active grants stay, however
 * old; the expiry job ends them first. The audit log keeps the history of each under its own period.
 */
const supportAccess: RetentionPolicy = {
  category: 'support-access',
  action: 'erased',
  async purge({ em, cutoff, batchSize }: PurgeContext) {
    const rows = await em.execute<{ id: string }[]>(
      `delete from support_access_requests where id in (
         select id from support_access_requests
          where status in ('denied', 'revoked', 'expired', 'ended') and coalesce(ended_at, decided_at) < ?
          order by coalesce(ended_at, decided_at) limit ${batchSize} for update skip locked)
       returning id`,
      [cutoff],
    );
    return rows.length;
  },
};

/**
 * Deletes audit entries older than the cutoff, each tenant's oldest first, through the migration's
 * `tenant_audit_log_purge`: the only path the append-only trigger lets a delete through, which moves
 * the tenant's anchor in the same transaction so the rest of the chain still verifies (ADR 15).
 */
const tenantAuditLog: RetentionPolicy = {
  category: 'tenant-audit-log',
  action: 'erased',
  async purge({ em, cutoff, batchSize }: PurgeContext) {
    const [row] = await em.execute<{ n: number }[]>('select tenant_audit_log_purge(cast(? as timestamptz), cast(? as int)) as n', [cutoff, batchSize]);
    return Number(row?.n ?? 0);
  },
};

/** Deletes invitations decided (accepted, declined, withdrawn) or expired before the cutoff; open ones stay until they expire. */
const invitations: RetentionPolicy = {
  category: 'invitations',
  action: 'erased',
  async purge({ em, cutoff, batchSize }: PurgeContext) {
    const rows = await em.execute<{ id: string }[]>(
      `delete from invitations where id in (
         select id from invitations
          where (status <> 'pending' and coalesce(decided_at, expires_at) < ?) or (status = 'pending' and expires_at < ?)
          order by expires_at limit ${batchSize} for update skip locked)
       returning id`,
      [cutoff, cutoff],
    );
    return rows.length;
  },
};

export const retentionPolicies: readonly RetentionPolicy[] = [pendingSignups, invitations, supportAccess, tenantAuditLog];
