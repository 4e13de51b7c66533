export type { Logger } from './logger';
export { connectNats, natsCredentials, natsReadiness, type ConnectNatsOptions, type NatsCredentials } from './connect';
export { natsTlsFromEnv } from './tls';
export { natsReplicas, ensureBucketReplicas, NATS_REPLICAS_VARIABLE } from './replicas';
export {
  ensureStream,
  ensureConsumer,
  ensureDeadLetterStream,
  DEAD_LETTER_STREAM,
  DEFAULT_DUPLICATE_WINDOW_MS,
  DEAD_LETTER_MAX_AGE_MS,
  type StreamSpec,
  type ConsumerSpec,
} from './streams';
export { newEventId, EVENT_ID_PATTERN } from './event-id';
export { enqueue, outboxEvents, OutboxMessageSchema, InvalidMessageError, type OutboxEvents, type OutboxMessage } from './outbox';
export { InboxMessageSchema, processOnce, pruneInbox, type InboxMessage, type InboxKey, type ProcessOutcome } from './inbox';
export { MessagingTablesMigration, messagingMigration, MESSAGING_TABLES_SQL, DROP_MESSAGING_TABLES_SQL } from './migration';
export { OutboxRelay, outboxBacklog, type OutboxRelayOptions, type BatchResult } from './outbox-relay';
export { deletePublishedBefore } from './outbox-retention';
export {
  startMessagingRetention,
  pruneRedeliverableInbox,
  redeliveryHorizonMs,
  type MessagingRetentionOptions,
  type InboxPruneResult,
} from './inbox-retention';
export { publish, retryWhileUnanswered, DEFAULT_PUBLISH_RETRY_MS, type PublishOptions } from './publish';
export { runConsumer, coveringSubject, DEFAULT_BACKOFF_MS, type RunConsumerOptions, type ConsumerHandle } from './consumer';
export type { ConsumedEvent } from './decode';
export { deadLetter, deadLetterSubject, DLQ_HEADERS, type DeadLetterReason } from './dead-letter';
export { currentTraceHeaders, type MessageHeaders } from './tracing';

import { InboxMessageSchema } from './inbox';
import { OutboxMessageSchema } from './outbox';

/** The entity schemas a service adds to its MikroORM `entities`. */
export const messagingEntities = [OutboxMessageSchema, InboxMessageSchema] as const;
