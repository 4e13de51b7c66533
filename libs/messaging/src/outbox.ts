import { EntitySchema, helper, type EntityManager, type EventSubscriber, type TransactionEventArgs } from '@mikro-orm/core';
import { sendWithNextOn, writtenAtCommit, type PreparedStatement } from '@homi/service-kit';
import type { Contract, ContractData } from '@homi/contracts';
import { newEventId } from './event-id';
import { currentTraceHeaders, type MessageHeaders } from './tracing';

/** An event waiting in the service's own database until the relay has put it on JetStream. */
export interface OutboxMessage {
  id: string;
  subject: string;
  payload: unknown;
  /** W3C trace context of the enqueuing code, so consumers continue its trace. */
  headers: MessageHeaders;
  createdAt: Date;
  publishedAt: Date | null;
  /** Failed publish attempts, for alerting on a row that cannot leave. */
  attempts: number;
}

export const OutboxMessageSchema = new EntitySchema<OutboxMessage>({
  name: 'OutboxMessage',
  tableName: 'outbox',
  indexes: [
    // The relay's claim query reads only unpublished rows, oldest first.
    {
      name: 'outbox_unpublished_idx',
      expression:
        'create index "outbox_unpublished_idx" on "outbox" ("created_at", "id") where "published_at" is null',
    },
    {
      name: 'outbox_published_at_idx',
      expression: 'create index "outbox_published_at_idx" on "outbox" ("published_at") where "published_at" is not null',
    },
  ],
  properties: {
    id: { type: 'text', primary: true },
    subject: { type: 'text' },
    payload: { type: 'json' },
    headers: { type: 'json' },
    createdAt: { type: 'datetime', columnType: 'timestamptz', fieldName: 'created_at' },
    publishedAt: { type: 'datetime', columnType: 'timestamptz', fieldName: 'published_at', nullable: true },
    attempts: { type: 'integer', default: 0 },
  },
});

/** A message that does not match its contract: a bug in the producing code, never retried. */
export class InvalidMessageError extends Error {
  override readonly name = 'InvalidMessageError';
  constructor(
    readonly subject: string,
    readonly issues: unknown,
  ) {
    super(`message for ${subject} does not match its contract`);
  }
}

const INSERT_WAITING: PreparedStatement = {
  name: 'homi_outbox_insert',
  text: `insert into outbox (id, subject, payload, headers, created_at)
    select * from unnest($1::text[], $2::text[], $3::jsonb[], $4::jsonb[], $5::timestamptz[])`,
};

/** Transactions (or savepoints) that wrote outbox rows: their commit calls the listeners. */
const written = new WeakSet<object>();
/**
 * What runs after a commit that wrote outbox rows (the relays on the entity manager's ORM), by the
 * ORM's configuration: every fork shares it (a transaction's fork has an event manager of its own).
 */
const committedListeners = new WeakMap<object, Set<() => void>>();

/**
 * A transaction's enqueued rows, written all in one statement as the last thing before its
 * COMMIT (or a savepoint's release), and sent with it (ADR 73): in the transaction, so they commit or roll back with the
 * caller's changes, without MikroORM making, tracking and diffing an entity per event (ADR 69).
 */
const waiting = writtenAtCommit<OutboxMessage>(async (transaction, rows) => {
  written.add(transaction);
  // With the COMMIT (or the savepoint's release) that follows, in one round trip (ADR 73).
  await sendWithNextOn(transaction, INSERT_WAITING, [
    rows.map((r) => r.id),
    rows.map((r) => r.subject),
    rows.map((r) => JSON.stringify(r.payload)),
    rows.map((r) => JSON.stringify(r.headers)),
    rows.map((r) => r.createdAt),
  ]);
});

/** After a commit that wrote outbox rows, tells the listeners `onOutboxCommit` registered (the relay: publish now). */
const commitNotifier: EventSubscriber = {
  afterTransactionCommit({ em, transaction }: TransactionEventArgs): void {
    if (!transaction || !written.has(transaction)) return;
    for (const listener of committedListeners.get(em.config) ?? []) listener();
  },
};

/**
 * Calls `listener` after every commit on `em`'s ORM that wrote outbox rows through `enqueue` (a
 * savepoint's release counts: its rows are written then). Returns the unsubscribe.
 */
export function onOutboxCommit(em: EntityManager, listener: () => void): () => void {
  em.getEventManager().registerSubscriber(commitNotifier);
  let listeners = committedListeners.get(em.config);
  if (!listeners) committedListeners.set(em.config, (listeners = new Set()));
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/**
 * Queues an event to be published once the caller's transaction commits, and never if it rolls
 * back: the row is written just before the COMMIT, with the caller's own changes. Outside a
 * transaction it is persisted as an entity, for the caller's next flush.
 */
export function enqueue<C extends Contract>(em: EntityManager, contract: C, data: ContractData<C>): OutboxMessage {
  const parsed = contract.schema.safeParse(data);
  if (!parsed.success) throw new InvalidMessageError(contract.subject, parsed.error.issues);
  const row: OutboxMessage = {
    id: newEventId(),
    subject: contract.subject,
    // The parsed value: what the contract defines, without stray fields the caller passed along.
    payload: parsed.data,
    headers: currentTraceHeaders(),
    createdAt: new Date(),
    publishedAt: null,
    attempts: 0,
  };
  if (!waiting.add(em, row)) {
    const entity = em.create(OutboxMessageSchema, row);
    em.persist(entity);
    return entity;
  }
  // Idempotent per event manager (a transaction's fork clones its parent's, subscribers included).
  em.getEventManager().registerSubscriber(commitNotifier);
  return row;
}

/** Whether `em`'s transaction enqueued events (waiting for its commit, or persisted as entities). */
export function hasEnqueued(em: EntityManager): boolean {
  if (waiting.pending(em) > 0) return true;
  const uow = em.getUnitOfWork(false);
  const isOutboxRow = (entity: object) => helper(entity).__meta.className === OutboxMessageSchema.meta.className;
  for (const entity of uow.getPersistStack()) if (isOutboxRow(entity)) return true;
  return uow.getIdentityMap().values().some(isOutboxRow);
}

/** The outbox as a unit of work's `events` port: what a use case publishes goes out only if its transaction commits. */
export interface OutboxEvents {
  publish<C extends Contract>(contract: C, data: ContractData<C>): void;
}

/** The `events` port over one transaction's entity manager: each event is queued with `enqueue`. */
export const outboxEvents = (em: EntityManager): OutboxEvents => ({ publish: (contract, data) => void enqueue(em, contract, data) });
