import { AUDIT_STREAM, SupportAccessRefused, TenantActionPerformed } from '@homi/contracts';
import { runConsumer, type ConsumerHandle } from '@homi/messaging';
import type { Platform } from '@homi/privacy-kit';
import { enterTenantAsOwner } from '@homi/service-kit';
import { recordSupportRefusal, recordTenantAction } from '../application/tenant-audit-log';
import { ormRepositories } from '../infrastructure/repositories';

/**
 * Into the tenant's audit log: actions other services performed in it, or support access it refused.
 * The use case runs on the repositories of the message's transaction, narrowed to the event's tenant
 * as the owner, so the inbox entry and the log entry commit together.
 */
export function subscribeAuditLog(
  { js, orm, logger }: Platform, durable: string, contract: typeof TenantActionPerformed | typeof SupportAccessRefused,
): Promise<ConsumerHandle> {
  return runConsumer({
    js, orm, logger,
    stream: AUDIT_STREAM.name,
    durable,
    contracts: [contract],
    handler: async (event, em) => {
      await enterTenantAsOwner(em, (event.data as { tenantId: string }).tenantId);
      const repositories = ormRepositories(em);
      return event.subject === SupportAccessRefused.subject
        ? recordSupportRefusal(repositories, event.data as Parameters<typeof recordSupportRefusal>[1])
        : recordTenantAction(repositories, event.data as Parameters<typeof recordTenantAction>[1]);
    },
  });
}
