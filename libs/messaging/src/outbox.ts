import { EntitySchema, helper, type EntityManager } from '@mikro-orm/core';
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

/**
 * Queues an event to be published once the caller's transaction commits, and never if it rolls
 * back. The row is persisted, not flushed: it commits together with the caller's own changes.
 */
export function enqueue<C extends Contract>(em: EntityManager, contract: C, data: ContractData<C>): OutboxMessage {
  const parsed = contract.schema.safeParse(data);
  if (!parsed.success) throw new InvalidMessageError(contract.subject, parsed.error.issues);
  const row = em.create(OutboxMessageSchema, {
    id: newEventId(),
    subject: contract.subject,
    // The parsed value: what the contract defines, without stray fields the caller passed along.
    payload: parsed.data,
    headers: currentTraceHeaders(),
    createdAt: new Date(),
    publishedAt: null,
    attempts: 0,
  });
  em.persist(row);
  return row;
}

/** Whether `em`'s unit of work holds outbox rows: the transaction it belongs to enqueued events. */
export function hasEnqueued(em: EntityManager): boolean {
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
