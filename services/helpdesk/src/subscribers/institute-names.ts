import { IDENTITY_STREAM, TenantRenamed } from '@homi/contracts';
import { runConsumer, type ConsumerHandle } from '@homi/messaging';
import type { Platform } from '@homi/privacy-kit';
import type { Deps } from '../application/deps';
import { followInstituteRename } from '../application/institute-names';

/**
 * The institute names support's desk shows follow a rename (ADR 74). One at a time, in stream
 * order: each handler reads the name identity holds when it runs, so the last announcement handled
 * leaves the newest name.
 */
export async function subscribeInstituteNames({ js, orm, logger }: Platform, deps: Deps): Promise<ConsumerHandle[]> {
  return [
    await runConsumer({
      js, orm, logger,
      stream: IDENTITY_STREAM.name,
      durable: 'helpdesk-institute-names',
      contracts: [TenantRenamed],
      concurrency: 1,
      handler: async (event) => {
        const outcome = await followInstituteRename(deps, event.data.tenantId);
        if (outcome !== 'not-kept') logger.info({ tenantId: event.data.tenantId, outcome }, 'institute name followed');
      },
    }),
  ];
}
