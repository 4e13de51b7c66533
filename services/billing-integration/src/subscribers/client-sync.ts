import { ClientCreated, ClientDeleted, ClientUpdated, natsName, TENANT_DATA_STREAM } from '@homi/contracts';
import { runConsumer, type ConsumerHandle } from '@homi/messaging';
import type { Platform } from '@homi/privacy-kit';
import type { Deps } from '../application/deps';
import { ormRepositories } from '../infrastructure/repositories';
import { syncClientDeletion, syncClientUpdate } from '../application/sync-client';

/** Changes and deletions of clients in tenant-data carried to the provider (GDPR art. 19). */
export function subscribeClientSync({ js, orm, logger }: Platform, deps: Deps): Promise<ConsumerHandle> {
  return runConsumer({
    js,
    orm,
    logger,
    stream: TENANT_DATA_STREAM.name,
    durable: 'billing-integration-client-sync',
    // ClientCreated is covered by the filter too; nothing is shared before the first invoice.
    contracts: [ClientCreated, ClientUpdated, ClientDeleted],
    filterSubject: natsName.subject('tenant-data.client.>'),
    handler: async (event, em) => {
      const { tenantId, clientId } = event.data;
      // In the consumer's transaction, so the inbox entry and what the sync recorded commit together.
      if (event.subject === ClientUpdated.subject) await syncClientUpdate(ormRepositories(em), deps, tenantId, clientId);
      else if (event.subject === ClientDeleted.subject) await syncClientDeletion(ormRepositories(em), deps, tenantId, clientId);
    },
  });
}
