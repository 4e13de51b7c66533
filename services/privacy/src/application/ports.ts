import type { Contract, ContractData, DataSubject, OwnerDeclaration, RetentionPurged, UsageModule } from '@homi/contracts';
import type { UnitOfWork } from '@homi/service-kit';
import type { StoredPart } from '../domain/export-part';
import type { NoticeQueue } from '@homi/mail';
import type { Notification } from '../domain/notification';
import type { RegisteredOwner } from '../domain/owner';
import type { PrivacyRequest } from '../domain/request';
import type { OwnerTask } from '../domain/task';
import type { StoredBucket } from '../domain/usage-k-anonymity';

/** Where a page of a requester's list ends: the last request's receipt time and id. */
export interface RequestCursor {
  receivedAt: string;
  id: string;
}

/** What makes an open request (or one answered with gaps) need the scheduler (see schedulerTick); a request past its deadline always does until answered. */
export interface AttentionCriteria {
  now: Date;
  /** Requests with commands left below this may command a due owner again. */
  maxCommands: number;
  /** A request with no task yet needs attention only when an owner is registered to take it on. */
  ownersRegistered: boolean;
  /** Not yet reminded and due by this time. */
  remindDueBy: Date;
  /** Not yet escalated and due by this time. */
  escalateDueBy: Date;
  limit: number;
}

/** Requests and their per-owner tasks. */
export interface PrivacyRequestRepository {
  get(id: string): Promise<PrivacyRequest | null>;
  /** The request, locked for the rest of the transaction: one writer per request at a time. */
  lock(id: string): Promise<PrivacyRequest | null>;
  /** Like lock, but null when another transaction (another replica's scheduler) holds it. */
  lockUnlessBusy(id: string): Promise<PrivacyRequest | null>;
  task(requestId: string, owner: string): Promise<OwnerTask | null>;
  /** The request's tasks by owner. */
  tasks(requestId: string): Promise<OwnerTask[]>;
  /** The tasks of several requests, by request and owner. */
  tasksOf(requestIds: string[]): Promise<OwnerTask[]>;
  add(request: PrivacyRequest): void;
  addTask(task: OwnerTask): void;
  /**
   * The requests a user made, newest first, less those about clients of an institute where the user
   * may no longer follow them: `clientRights` names the institutes where they may follow access
   * requests (view) and every request (edit).
   */
  byRequester(userId: string, limit: number, after: RequestCursor | undefined, clientRights: { view: string[]; edit: string[] }): Promise<PrivacyRequest[]>;
  /** The request the user made from a helpdesk ticket, if any (ADR 44). */
  fromTicket(userId: string, ticketId: string): Promise<PrivacyRequest | null>;
  /** An institute's own exports (ADR 54), newest first. */
  instituteExports(tenantId: string, limit: number): Promise<PrivacyRequest[]>;
  /** Requests about the same data subject, newest first (a data subject's requests only, never an institute's exports). */
  bySubject(subject: DataSubject, limit: number): Promise<PrivacyRequest[]>;
  /**
   * Ends the download period of every access package made for the subject (for a tenant: for any
   * subject of that tenant) at `now` at the latest; the ids of those access requests.
   */
  endExportsOf(subject: DataSubject, now: Date): Promise<string[]>;
  /** Open requests the scheduler has something to do for, earliest deadline first. */
  needingAttention(criteria: AttentionCriteria): Promise<string[]>;
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
  /** Every registered owner, by name. */
  all(): Promise<RegisteredOwner[]>;
  names(): Promise<string[]>;
  get(owner: string): Promise<RegisteredOwner | null>;
}

/** Each owner's hash-chained trail of retention purges (ADR 20). */
export interface RetentionTrail {
  /** Appends the report to its owner's chain and moves the category's last purge forward; the entry's seq. */
  record(report: RetentionPurged, at: Date): Promise<number>;
  /** The last purge per `owner/category`, as an ISO time. */
  lastPurges(): Promise<Map<string, string>>;
}

/**
 * Messages to requesters, kept until the notice job mails them: libs/mail's notice queue (its
 * `claimDue` leases notices of every tenant, in a unit of work across tenants) plus `add` (ADR 51).
 */
export interface NotificationRepository extends NoticeQueue<Notification> {
  add(notification: Notification): void;
}

/** Events for the outbox: published once the unit of work has committed. */
export interface EventPublisher {
  publish<C extends Contract>(contract: C, data: ContractData<C>): void;
}

/** The owners' export parts as far as a transaction sees them: finished uploads. */
export interface ExportParts {
  /** Makes a written upload the owner's part of the request, replacing an earlier one. */
  finish(uploadId: string, summary: Omit<StoredPart, 'uploadId'>, now: Date): Promise<void>;
  /** The owner's part of the request, once an upload of it finished. */
  current(requestId: string, owner: string): Promise<StoredPart | undefined>;
  /** The request's parts, by owner. */
  ofRequest(requestId: string): Promise<StoredPart[]>;
  /** Removes every upload of a request; how many went. */
  deleteRequest(requestId: string): Promise<number>;
  /** Removes uploads a crashed process left unfinished; how many went. */
  deleteUnfinishedBefore(before: Date): Promise<number>;
}

/**
 * An upload's bytes, written and read a chunk at a time outside any unit of work, so a large part
 * never holds a transaction open (an upload becomes the part only by `ExportParts.finish`).
 */
export interface PartChunks {
  begin(uploadId: string, requestId: string, owner: string, now: Date): Promise<void>;
  write(uploadId: string, category: string, seq: number, data: Buffer): Promise<void>;
  /** Drops an upload that did not finish. */
  abort(uploadId: string): Promise<void>;
  /** The category's bytes in order, one chunk in memory at a time. */
  read(uploadId: string, category: string): AsyncIterable<Buffer>;
}

export interface UsageCounts {
  actions: number;
  requests: number;
}

export interface TenantUsageCounts extends UsageCounts {
  day: string;
  module: UsageModule;
}

/** The usage statistics and each institute's own usage (ADR 16). */
export interface UsageRepository {
  /** Serialises everything that counts into, or closes, one day, until the unit of work ends. */
  lockDay(dayNumber: number): Promise<void>;
  /** The day's digest key: null once the day has closed; undefined before its first count. */
  dayKey(day: string): Promise<{ secret: Buffer | null } | undefined>;
  /** Keeps the key unless the day has one already. */
  createDayKey(day: string, secret: Buffer, now: Date): Promise<void>;
  /** True when the digest is new for the day and module: a tenant not yet counted there. */
  addDigest(day: string, module: string, digest: Buffer): Promise<boolean>;
  addToStatistics(day: string, module: string, newTenants: number, counts: UsageCounts): Promise<void>;
  addToTenantUsage(tenantId: string, day: string, module: string, counts: UsageCounts): Promise<void>;
  /** An institute whose erasure was asked for: its own counts are not kept again. */
  isErasedTenant(tenantId: string): Promise<boolean>;
  /** Days whose key has not been destroyed, up to `through`, oldest first. */
  daysToClose(through: string): Promise<string[]>;
  /** Destroys the day's key and digests, keeping only the mark that it closed. */
  closeDay(day: string, now: Date): Promise<{ closed: boolean; digests: number }>;
  /** Deletes the institute's own counts; how many rows went. */
  deleteTenantUsage(tenantId: string): Promise<number>;
  buckets(from: string, to: string): Promise<StoredBucket[]>;
  tenantUsage(tenantId: string, from: string, to: string): Promise<TenantUsageCounts[]>;
}

/** Changes which tenants' rows an open unit of work (or a consumer's transaction) reaches (ADR 4). */
export interface Tenancy {
  /** Every tenant's, for work that is for no single tenant; `reason` says why. */
  acrossTenants(reason: string): Promise<void>;
  /** One tenant's, keeping the owner's rights the tenant role lacks: for an erasure of that tenant. */
  asOwnerOf(tenantId: string): Promise<void>;
}

export interface Repositories {
  requests: PrivacyRequestRepository;
  audit: AuditTrail;
  notifications: NotificationRepository;
  owners: OwnerRegistryPort;
  retentionTrail: RetentionTrail;
  parts: ExportParts;
  usage: UsageRepository;
  tenancy: Tenancy;
  events: EventPublisher;
}

/**
 * Privacy's unit of work. A privacy request belongs to its data subject, not to one tenant (a user's
 * request spans every institute they are in), so request work runs `acrossTenants` with its reason.
 */
export interface PrivacyUnitOfWork extends UnitOfWork<Repositories> {
  /**
   * Read-only work across tenants on one snapshot of the database (repeatable read): what it reads
   * in several queries is consistent, as though read at once.
   */
  snapshot<T>(reason: string, work: (repositories: Repositories) => Promise<T>): Promise<T>;
}
