import { erasedByStatement, type PurgeContext, type RetentionPolicy } from '@homi/privacy-kit';
import { SYSTEM_ACTOR } from './domain/audit';
import { appendAudit } from './infrastructure/audit-trail';
import { PartStore } from './infrastructure/part-store';

// The purge jobs behind privacy.ts's declared periods. Each batch locks only the requests it takes
// (`for update skip locked`), so the scheduler, consumers and other replicas work on undisturbed.

/** An access package is personal data: once its download period is over, its parts are deleted. */
function accessPackages(parts: PartStore): RetentionPolicy {
  return {
    category: 'access-packages',
    action: 'erased',
    async purge({ em, cutoff, batchSize, now }: PurgeContext) {
      const rows = await em.execute<{ id: string }[]>(
        `select r.id from requests r where r.export_expires_at <= ? and exists (select 1 from export_uploads u where u.request_id = r.id)
          order by r.export_expires_at limit ${batchSize} for update of r skip locked`,
        [cutoff],
      );
      for (const { id } of rows) {
        const deleted = await parts.deleteRequest(em, id);
        await appendAudit(em, id, now, SYSTEM_ACTOR, 'export.deleted', { parts: deleted });
      }
      return rows.length;
    },
  };
}

/**
 * A request, its tasks, notifications, leftover uploads and whole audit trail, once it completed
 * longer ago than the period. A parent (account deletion) waits for its linked requests to go first.
 */
const privacyRequests: RetentionPolicy = {
  category: 'privacy-requests',
  action: 'erased',
  async purge({ em, cutoff, batchSize }: PurgeContext) {
    const rows = await em.execute<{ id: string }[]>(
      `select r.id from requests r
        where r.status = 'completed' and r.completed_at < ? and not exists (select 1 from requests c where c.parent_id = r.id)
        order by r.completed_at limit ${batchSize} for update of r skip locked`,
      [cutoff],
    );
    if (rows.length === 0) return 0;
    const ids = `{${rows.map((r) => r.id).join(',')}}`;
    // The audit trail's trigger lets these chains go only for requests completed before this cutoff.
    await em.execute(`select set_config('homi.retention_cutoff', ?, true)`, [cutoff.toISOString()]);
    for (const table of ['audit_events', 'notifications', 'export_uploads', 'request_tasks']) {
      await em.execute(`delete from ${table} where request_id = any(cast(? as text[]))`, [ids]);
    }
    const deleted = await em.execute<unknown[]>('delete from requests where id = any(cast(? as text[])) returning id', [ids]);
    return deleted.length;
  },
};

/** Every institute's own daily usage counts past their period (ADR 16), across tenants (ADR 4). */
const tenantUsage = erasedByStatement('tenant-usage', ({ cutoff, batchSize }) => ({
  sql: `delete from tenant_usage_daily where (tenant_id, day, module) in (
          select tenant_id, day, module from tenant_usage_daily where day < cast(? as date) limit ${batchSize} for update skip locked)
        returning 1`,
  params: [cutoff.toISOString().slice(0, 10)],
}));

export const privacyRetentionPolicies = (): RetentionPolicy[] => [accessPackages(new PartStore()), privacyRequests, tenantUsage];
