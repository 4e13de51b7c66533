import { IDENTITY_STREAM, InstituteUpdated, TENANT_DATA_STREAM, TenantCreated } from '@homi/contracts';
import { runConsumer, type ConsumerHandle } from '@homi/messaging';
import type { Platform } from '@homi/privacy-kit';
import type { Deps } from '../application/deps';
import { createInstitute } from '../application/create-institute';
import { shareInstituteName } from '../application/institute';

/**
 * The institute profile's two conversations with identity: a new tenant identity announced gets its
 * profile (ADR 12; idempotent per tenant), and after a profile change identity learns the
 * institute's name as the profile now holds it (ADR 74).
 */
export async function subscribeInstitutes({ js, orm, logger }: Platform, deps: Deps): Promise<ConsumerHandle[]> {
  const common = { js, orm, logger };
  return [
    await runConsumer({
      ...common,
      stream: IDENTITY_STREAM.name,
      // A new name for the v2 subject: the v1 durable's filter no longer matches anything (ADR 12).
      durable: 'tenant-data-tenant-created-v2',
      contracts: [TenantCreated],
      handler: async (event) => {
        const outcome = await createInstitute(deps, event.data.tenantId);
        if (outcome === 'tenant-gone') logger.info({ tenantId: event.data.tenantId }, 'tenant erased before its institute profile was made; skipped');
      },
    }),
    await runConsumer({
      ...common,
      stream: TENANT_DATA_STREAM.name,
      durable: 'tenant-data-institute-names',
      contracts: [InstituteUpdated],
      handler: async (event) => {
        const outcome = await shareInstituteName(deps, event.data.tenantId);
        if (outcome !== 'shared') logger.info({ tenantId: event.data.tenantId, outcome }, 'institute name not shared with identity');
      },
    }),
  ];
}
