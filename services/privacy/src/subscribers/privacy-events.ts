import { AccountDeletionRequested, IDENTITY_STREAM, OwnerAnnounced, OwnerResultReported, PRIVACY_STREAM, RetentionPurged } from '@homi/contracts';
import { runConsumer, type ConsumerHandle } from '@homi/messaging';
import type { Platform } from '@homi/privacy-kit';
import type { Deps } from '../application/deps';
import { openAccountDeletion } from '../application/open-account-deletion';
import { recordOwnerResult } from '../application/record-owner-result';
import { recordRetentionReport } from '../application/record-retention-purge';
import { registerOwner } from '../application/register-owner';
import { ormRepositories } from '../infrastructure/repositories';

/**
 * The privacy service's durable consumers, each with its own inbox key. What their handlers enqueue
 * commits with the inbox row; the relay's poll publishes it. Names stay clear of `privacy-owner-*`,
 * the durables privacy-kit gives the owners.
 */
export async function subscribePrivacyEvents({ js, orm, logger }: Platform, deps: Deps): Promise<ConsumerHandle[]> {
  const common = { js, orm, logger };
  return [
    await runConsumer({
      ...common,
      stream: PRIVACY_STREAM.name,
      durable: 'privacy-registry',
      contracts: [OwnerAnnounced],
      handler: async (event, em) => {
        const outcome = await registerOwner(ormRepositories(em), event.data);
        logger.info({ owner: event.data.declaration.owner, version: event.data.declaration.version, outcome }, 'data owner announced');
      },
    }),
    await runConsumer({
      ...common,
      stream: PRIVACY_STREAM.name,
      durable: 'privacy-results',
      contracts: [OwnerResultReported],
      // One at a time, in stream order: an owner that handles a command and its re-command at once
      // answers twice (the real report, then an empty one), and the first answer is the one kept.
      // Handled in parallel, the empty one could be recorded first (e2e owner-crash test).
      concurrency: 1,
      handler: async (event, em) => {
        const { requestId, owner, outcome } = event.data;
        const effect = await recordOwnerResult(ormRepositories(em), deps, event.data);
        logger.info({ requestId, owner, outcome, effect }, 'owner result');
      },
    }),
    await runConsumer({
      ...common,
      stream: PRIVACY_STREAM.name,
      durable: 'privacy-retention',
      contracts: [RetentionPurged],
      handler: async (event, em) => {
        const { owner, category, records } = event.data;
        const seq = await recordRetentionReport(ormRepositories(em), deps, event.data);
        logger.info({ owner, category, records, seq }, 'retention purge recorded');
      },
    }),
    await runConsumer({
      ...common,
      stream: IDENTITY_STREAM.name,
      durable: 'privacy-account-deletions',
      contracts: [AccountDeletionRequested],
      handler: async (event, em) => {
        const opened = await openAccountDeletion(ormRepositories(em), deps, event.data);
        logger.info({ requestId: event.data.requestId, tenants: event.data.soleOwnerTenantIds.length, opened }, 'account deletion');
      },
    }),
  ];
}
