import { IDENTITY_STREAM, TenantCreated } from '@homi/contracts';
import { runConsumer, type ConsumerHandle } from '@homi/messaging';
import type { Platform } from '@homi/privacy-kit';
import type { Deps } from '../application/deps';
import { createInstitute } from '../application/create-institute';

/** A new tenant identity announced gets its institute profile (ADR 12); idempotent per tenant. */
export function subscribeTenantCreated({ js, orm, logger }: Platform, deps: Deps): Promise<ConsumerHandle> {
  return runConsumer({
    js,
    orm,
    logger,
    stream: IDENTITY_STREAM.name,
    // A new name for the v2 subject: the v1 durable's filter no longer matches anything (ADR 12).
    durable: 'tenant-data-tenant-created-v2',
    contracts: [TenantCreated],
    handler: async (event) => {
      const outcome = await createInstitute(deps, event.data.tenantId);
      if (outcome === 'tenant-gone') logger.info({ tenantId: event.data.tenantId }, 'tenant erased before its institute profile was made; skipped');
    },
  });
}
