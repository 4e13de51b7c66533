import type { Contract, ContractData, OwnerDeclaration, RetentionPurged } from '@homi/contracts';
import type { UnitOfWork } from '@homi/service-kit';
import type { Notification } from '../domain/notification';
import type { PrivacyRequest } from '../domain/request';
import type { OwnerTask } from '../domain/task';

/** Requests and their per-owner tasks (the part the converted use cases need so far). */
export interface PrivacyRequestRepository {
  get(id: string): Promise<PrivacyRequest | null>;
  /** The request, locked for the rest of the transaction: one writer per request at a time. */
  lock(id: string): Promise<PrivacyRequest | null>;
  task(requestId: string, owner: string): Promise<OwnerTask | null>;
}

/** The hash-chained audit trail of each request (ADR 10). */
export interface AuditTrail {
  /** Appends an entry to the request's chain, in the transaction of what it records. */
  append(requestId: string, at: Date, actor: string, action: string, details?: Record<string, unknown>): Promise<void>;
}

/** The data owners that have announced themselves, each with its newest declaration. */
export interface OwnerRegistryPort {
  /** Keeps a declaration unless a later announcement is already stored (messages may arrive out of order). */
  announce(declaration: OwnerDeclaration, announcedAt: Date): Promise<'registered' | 'updated' | 'older'>;
}

/** Each owner's hash-chained trail of retention purges (ADR 20). */
export interface RetentionTrail {
  /** Appends the report to its owner's chain and moves the category's last purge forward; the entry's seq. */
  record(report: RetentionPurged, at: Date): Promise<number>;
}

/** Messages to users, kept until a notifier delivers them. */
export interface NotificationRepository {
  add(notification: Notification): void;
}

/** Events for the outbox: published once the unit of work has committed. */
export interface EventPublisher {
  publish<C extends Contract>(contract: C, data: ContractData<C>): void;
}

export interface Repositories {
  requests: PrivacyRequestRepository;
  audit: AuditTrail;
  notifications: NotificationRepository;
  owners: OwnerRegistryPort;
  retentionTrail: RetentionTrail;
  events: EventPublisher;
}

/**
 * Privacy's unit of work. A privacy request belongs to its data subject, not to one tenant (a user's
 * request spans every institute they are in), so request work runs `acrossTenants` with its reason.
 */
export type PrivacyUnitOfWork = UnitOfWork<Repositories>;
