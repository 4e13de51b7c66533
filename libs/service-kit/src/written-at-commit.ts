import type { EntityManager, EventSubscriber, TransactionEventArgs } from '@mikro-orm/core';
import type { Kysely } from '@mikro-orm/postgresql';

/** Rows a transaction gathers, and the one write that stores them all just before its commit. */
export interface WrittenAtCommit<T> {
  /**
   * Keeps `item` for the commit of `em`'s transaction (or savepoint), and never writes it if that
   * rolls back. False outside a transaction: nothing is kept, the caller writes the item itself.
   */
  add(em: EntityManager, item: T): boolean;
  /** How many items `em`'s transaction keeps for its commit. */
  pending(em: EntityManager): number;
}

/**
 * Items gathered per transaction object (a `WeakMap`, so a rolled-back transaction's items are
 * simply dropped) and handed to `write` in one call as the last thing before its COMMIT, or a
 * savepoint's release: after the ORM's last flush, in the transaction, so they commit or roll back
 * with the caller's own changes (ADR 69, the outbox; ADR 71, the audit trail). With
 * `beforeSavepoint`, a savepoint that starts in the transaction gets the items written first, so it
 * reads what they leave.
 */
export function writtenAtCommit<T>(
  write: (transaction: Kysely<unknown>, items: T[]) => Promise<void>,
  options: { beforeSavepoint?: boolean } = {},
): WrittenAtCommit<T> {
  const gathered = new WeakMap<object, T[]>();
  const writeGathered = async ({ transaction }: TransactionEventArgs): Promise<void> => {
    const items = transaction ? gathered.get(transaction) : undefined;
    if (!items) return;
    gathered.delete(transaction!);
    await write(transaction as Kysely<unknown>, items);
  };
  const writer: EventSubscriber = { beforeTransactionCommit: writeGathered, ...(options.beforeSavepoint ? { beforeTransactionStart: writeGathered } : {}) };
  return {
    add(em, item) {
      const transaction = em.getTransactionContext<object>();
      if (transaction === undefined) return false;
      // Idempotent per event manager (a transaction's fork clones its parent's, subscribers included).
      em.getEventManager().registerSubscriber(writer);
      const items = gathered.get(transaction);
      if (items) items.push(item);
      else gathered.set(transaction, [item]);
      return true;
    },
    pending(em) {
      const transaction = em.getTransactionContext<object>();
      return transaction === undefined ? 0 : (gathered.get(transaction)?.length ?? 0);
    },
  };
}

/**
 * State that lives as long as one transaction (or savepoint) of an entity manager: made by `create`
 * on first use, keyed by the transaction object (a `WeakMap`, so nothing outlives it); undefined
 * outside a transaction. For what a transaction learnt and may reuse, such as the rows it read with a
 * lock it still holds.
 */
export function perTransaction<T>(create: () => T): (em: EntityManager) => T | undefined {
  const states = new WeakMap<object, T>();
  return (em) => {
    const transaction = em.getTransactionContext<object>();
    if (transaction === undefined) return undefined;
    let state = states.get(transaction);
    if (state === undefined) states.set(transaction, (state = create()));
    return state;
  };
}
