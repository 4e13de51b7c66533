import type { DataSubject } from '@homi/contracts';
import { SYSTEM_ACTOR } from '../domain/audit';
import type { Repositories } from './ports';

/**
 * The erasure of an institute deletes its own usage counts in the erasure's unit of work, and the
 * request's audit trail says how many. The anonymous statistics stay: nothing in them is the
 * institute's. Other subjects have no usage counts.
 */
export async function eraseTenantUsage(
  { tenancy, usage, audit }: Pick<Repositories, 'tenancy' | 'usage' | 'audit'>,
  subject: DataSubject,
  now: Date,
  erasureId: string,
): Promise<number> {
  if (subject.kind !== 'tenant') return 0;
  await tenancy.asOwnerOf(subject.tenantId);
  const records = await usage.deleteTenantUsage(subject.tenantId);
  await audit.append(erasureId, now, SYSTEM_ACTOR, 'tenant-usage.erased', { records });
  return records;
}
