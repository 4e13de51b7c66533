import { AUDIT_STREAM, SupportAccessRefused, TenantActionPerformed } from '@homi/contracts';
import { runConsumer, type ConsumerHandle } from '@homi/messaging';
import type { Platform } from '@homi/privacy-kit';
import { recordSupportRefusal, recordTenantAction } from '../application/tenant-audit-log';

/** Into the tenant's audit log: actions other services performed in it, or support access it refused. */
export function subscribeAuditLog(
  { js, orm, logger }: Platform, durable: string, contract: typeof TenantActionPerformed | typeof SupportAccessRefused,
): Promise<ConsumerHandle> {
  return runConsumer({
    js, orm, logger,
    stream: AUDIT_STREAM.name,
    durable,
    contracts: [contract],
    handler: (event, em) =>
      event.subject === SupportAccessRefused.subject
        ? recordSupportRefusal(em, event.data as Parameters<typeof recordSupportRefusal>[1])
        : recordTenantAction(em, event.data as Parameters<typeof recordTenantAction>[1]),
  });
}
