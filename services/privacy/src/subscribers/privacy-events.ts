import { AccountDeletionRequested, IDENTITY_STREAM, OwnerAnnounced, OwnerResultReported, PRIVACY_STREAM, RetentionPurged } from '@homi/contracts';
import type { JetStreamManager } from '@nats-io/jetstream';
import { runConsumer, type ConsumerHandle } from '@homi/messaging';
import type { Platform } from '@homi/privacy-kit';
import { afterNoticeWritten } from '@homi/service-kit';
import type { Deps } from '../application/deps';
import { openAccountDeletion } from '../application/open-account-deletion';
import { recordOwnerResult } from '../application/record-owner-result';
import { recordRetentionReport } from '../application/record-retention-purge';
import { registerOwner } from '../application/register-owner';
import { ormRepositories } from '../infrastructure/repositories';

/**
 * The privacy service's durable consumers, each with its own inbox key. What their handlers enqueue
 * commits with the inbox row; the relay, kicked after that commit, publishes it. The owners'
 * announcements and results come on subjects that name the owner (ADR 42), read by new durables
 * (a durable's filter cannot change).
 * Names stay clear of `privacy-owner-*`, the durables privacy-kit gives the owners.
 */
export async function subscribePrivacyEvents({ js, jsm, orm, logger, relay }: Platform, deps: Deps, onNoticeWritten: () => void = () => {}): Promise<ConsumerHandle[]> {
  // A commit that wrote a notice (a request completed) has it mailed now, not at the job's next poll.
  const common = { js, orm, logger, relay, afterCommit: afterNoticeWritten(onNoticeWritten) };
  const known = deps.settings.owners;
  await dropRetiredConsumers(jsm, logger);
  return [
    await runConsumer({
      ...common,
      stream: PRIVACY_STREAM.name,
      durable: 'privacy-registry-by-owner',
      // One subject per owner the configuration names; an unknown owner's subject has no contract
      // here, so messaging dead-letters it (logged with its subject, never redelivered).
      contracts: known.map((owner) => OwnerAnnounced.forOwner(owner)),
      filterSubject: OwnerAnnounced.filter,
      handler: async (event, em) => {
        const { owner, version } = event.data.declaration;
        const subjectOwner = OwnerAnnounced.ownerOf(event.subject);
        const outcome = await registerOwner(ormRepositories(em), deps.settings, subjectOwner, event.data);
        // Owner names only: a declaration describes categories, never a person.
        if (outcome.startsWith('refused')) logger.warn({ owner, subjectOwner, outcome }, 'data owner announcement refused');
        else logger.info({ owner, version, outcome }, 'data owner announced');
      },
    }),
    await runConsumer({
      ...common,
      stream: PRIVACY_STREAM.name,
      durable: 'privacy-results-by-owner',
      contracts: known.map((owner) => OwnerResultReported.forOwner(owner)),
      filterSubject: OwnerResultReported.filter,
      // One at a time, in stream order: an owner that handles a command and its re-command at once
      // answers twice (the real report, then an empty one), and the first answer is the one kept.
      // Handled in parallel, the empty one could be recorded first (e2e owner-crash test).
      concurrency: 1,
      handler: async (event, em) => {
        const { requestId, owner, outcome } = event.data;
        const subjectOwner = OwnerResultReported.ownerOf(event.subject);
        if (subjectOwner !== owner) {
          // Only the owner's own credential publishes on its subject: an answer for another owner is forged.
          logger.warn({ requestId, owner, subjectOwner }, 'owner result refused: the subject names another owner');
          return;
        }
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

/**
 * The durables that read the owners' messages on their old, shared subjects (`privacy.owner.announced.v1`,
 * `privacy.owner.result-reported.v1`) before ADR 42. Nothing publishes there any more; a result still
 * waiting in one is not lost: its owner's task is open, so the scheduler commands the owner again and the
 * answer comes on the owner's own subject.
 */
const RETIRED_CONSUMERS = ['privacy-registry', 'privacy-results'];

async function dropRetiredConsumers(jsm: JetStreamManager, logger: Platform['logger']): Promise<void> {
  for (const durable of RETIRED_CONSUMERS) {
    const dropped = await jsm.consumers.delete(PRIVACY_STREAM.name, durable).catch(() => false);
    if (dropped) logger.info({ consumer: durable }, 'retired consumer removed');
  }
}
