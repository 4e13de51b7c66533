import { EntitySchema, type PrimaryKeyProp } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/** A message a consumer has handled; its key makes a redelivered message a no-op. */
export interface InboxMessage {
  [PrimaryKeyProp]?: ['consumer', 'messageId'];
  consumer: string;
  messageId: string;
  subject: string;
  receivedAt: Date;
}

export const InboxMessageSchema = new EntitySchema<InboxMessage>({
  name: 'InboxMessage',
  tableName: 'inbox',
  indexes: [{ name: 'inbox_received_at_idx', properties: ['receivedAt'] }],
  properties: {
    consumer: { type: 'text', primary: true },
    messageId: { type: 'text', primary: true, fieldName: 'message_id' },
    subject: { type: 'text' },
    receivedAt: { type: 'datetime', columnType: 'timestamptz', fieldName: 'received_at' },
  },
});

export interface InboxKey {
  consumer: string;
  messageId: string;
  subject: string;
}

export type ProcessOutcome = 'handled' | 'duplicate';

/**
 * Runs `work` at most once per (consumer, message id): the inbox row and the work's effects commit
 * in one transaction, so a redelivery after a commit finds the row and skips the work, and a
 * failed attempt leaves no row behind. Concurrent deliveries of one message wait on each other.
 * `finish`, when given, runs after the work in the same transaction (not for a duplicate).
 */
export async function processOnce(
  em: EntityManager,
  key: InboxKey,
  work: (em: EntityManager) => Promise<void>,
  finish?: (em: EntityManager) => Promise<void>,
): Promise<ProcessOutcome> {
  return em.fork().transactional(async (tx) => {
    const claimed = await tx
      .createQueryBuilder(InboxMessageSchema)
      .insert({ ...key, receivedAt: new Date() })
      .onConflict(['consumer', 'messageId'])
      .ignore()
      .execute('run');
    if (claimed.affectedRows === 0) return 'duplicate';
    await work(tx);
    await finish?.(tx);
    return 'handled';
  });
}

export interface InboxItem extends InboxKey {
  work(em: EntityManager): Promise<void>;
}

/**
 * processOnce for a batch, in one transaction: one statement records every message in the inbox,
 * then each new message's work runs in order, then `finish` once (unless every message was a
 * duplicate); the messages already there are duplicates. Any
 * failure rolls back the whole batch, inbox rows included, and throws: the caller replays the
 * messages one by one (processOnce) to find the failing one. Rows are claimed in key order, so two
 * batches sharing messages wait on each other instead of deadlocking.
 */
export async function processBatchOnce(em: EntityManager, items: readonly InboxItem[], finish?: (em: EntityManager) => Promise<void>): Promise<ProcessOutcome[]> {
  return em.fork().transactional(async (tx) => {
    const keys = items.map(({ consumer, messageId, subject }) => [consumer, messageId, subject] as const).sort(byKey);
    const claimed = await tx.execute<Array<{ consumer: string; message_id: string }>>(
      `insert into inbox (consumer, message_id, subject, received_at) values ${keys.map(() => '(?, ?, ?, now())').join(', ')}
         on conflict (consumer, message_id) do nothing returning consumer, message_id`,
      keys.flat(),
    );
    const fresh = new Set(claimed.map((r) => inboxId(r.consumer, r.message_id)));
    const outcomes: ProcessOutcome[] = [];
    for (const item of items) {
      // The same message twice in one batch: the first one claimed the row, the second is a duplicate.
      if (!fresh.delete(inboxId(item.consumer, item.messageId))) {
        outcomes.push('duplicate');
        continue;
      }
      await item.work(tx);
      outcomes.push('handled');
    }
    if (outcomes.includes('handled')) await finish?.(tx);
    return outcomes;
  });
}

const inboxId = (consumer: string, messageId: string) => `${consumer}\u0000${messageId}`;
const byKey = (a: readonly string[], b: readonly string[]) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : a[1]! < b[1]! ? -1 : a[1]! > b[1]! ? 1 : 0);

/**
 * Forgets handled messages received before `before`, `batchSize` rows per short transaction so
 * that no long lock competes with the consumers; replicas pruning at once skip each other's rows.
 * Safe only once the streams can no longer redeliver those messages (see startMessagingRetention).
 */
export async function pruneInbox(em: EntityManager, before: Date, batchSize = 1000): Promise<number> {
  const limit = Math.max(1, Math.floor(batchSize));
  let total = 0;
  for (;;) {
    const res = await em.fork().getConnection().execute<{ affectedRows: number }>(
      `delete from inbox where (consumer, message_id) in (
         select consumer, message_id from inbox where received_at < ? limit ${limit} for update skip locked)`,
      [before],
      'run',
    );
    total += res.affectedRows;
    if (res.affectedRows < limit) return total;
  }
}
