import { IDENTITY_STREAM, SupportAccessChanged } from '@homi/contracts';
import { runConsumer, type ConsumerHandle } from '@homi/messaging';
import type { Platform } from '@homi/privacy-kit';
import { enterAllTenants } from '@homi/service-kit';
import type { Deps } from '../application/deps';
import { projectEvent, PROJECTED_CONTRACTS } from '../application/project-access';
import { projectGrant } from '../application/project-grants';
import type { KvAccessStore } from '../infrastructure/kv-access-store';
import type { KvGrantStore } from '../infrastructure/kv-grant-store';
import { ormRepositories } from '../infrastructure/repositories';

/** Memberships, users, the current statement and support grants carried into the KV buckets the gateway reads. */
export function subscribeAccessProjection(
  { js, orm, logger }: Platform, deps: Deps, buckets: { store: KvAccessStore; grants: KvGrantStore }, durable: string,
): Promise<ConsumerHandle> {
  return runConsumer({
    js, orm, logger,
    stream: IDENTITY_STREAM.name,
    durable,
    contracts: PROJECTED_CONTRACTS,
    handler: async (event, em) => {
      // The projection reads whichever tenant's rows the event names: it says it crosses tenants.
      await enterAllTenants(em);
      const repositories = ormRepositories(em);
      return event.subject === SupportAccessChanged.subject
        ? projectGrant(repositories, buckets.grants, (event.data as unknown as { requestId: string }).requestId, deps.clock)
        : projectEvent(repositories, buckets.store, event as Parameters<typeof projectEvent>[2]);
    },
  });
}
