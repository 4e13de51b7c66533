import type { EntityManager } from '@mikro-orm/postgresql';
import type { DataSubject } from '@homi/contracts';
import { enterTenantAsOwner } from '@homi/service-kit';
import { appendAudit, SYSTEM_ACTOR } from '../../infrastructure/audit-trail';
import { UsageStore } from '../infrastructure/usage-store';

/**
 * The erasure of an institute deletes its own usage counts in the erasure's transaction, and the
 * request's audit trail says how many. The anonymous statistics stay: nothing in them is the
 * institute's. Other subjects have no usage counts.
 */
export async function eraseTenantUsage(em: EntityManager, subject: DataSubject, now: Date, erasureId: string): Promise<number> {
  if (subject.kind !== 'tenant') return 0;
  await enterTenantAsOwner(em, subject.tenantId);
  const records = await new UsageStore(em).deleteTenantUsage(subject.tenantId);
  await appendAudit(em, erasureId, now, SYSTEM_ACTOR, 'tenant-usage.erased', { records });
  return records;
}
