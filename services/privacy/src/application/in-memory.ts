import { inMemoryUnitOfWork, newId, recordedEvents } from '@homi/service-kit';
import type { Notification } from '../domain/notification';
import type { PrivacyRequest } from '../domain/request';
import type { OwnerTask } from '../domain/task';
import type { OwnerDeclaration, RetentionPurged } from '@homi/contracts';
import type { AuditTrail, NotificationRepository, OwnerRegistryPort, PrivacyRequestRepository, PrivacyUnitOfWork, RetentionTrail } from './ports';

// In-memory adapters of application/ports.ts for the use cases' unit tests: the same contract as the
// MikroORM repositories, kept in maps, no database.

export class InMemoryRequests implements PrivacyRequestRepository {
  readonly rows = new Map<string, PrivacyRequest>();
  readonly tasks = new Map<string, OwnerTask>();
  async get(id: string) {
    return this.rows.get(id) ?? null;
  }
  /** One test runs one use case at a time: there is nothing to lock against. */
  lock(id: string) {
    return this.get(id);
  }
  async task(requestId: string, owner: string) {
    return this.tasks.get(`${requestId}\u0000${owner}`) ?? null;
  }
  add(request: PrivacyRequest): void {
    this.rows.set(request.id, request);
  }
  addTask(task: OwnerTask): void {
    this.tasks.set(`${task.requestId}\u0000${task.owner}`, task);
  }
}

export interface RecordedAuditEntry {
  requestId: string;
  at: Date;
  actor: string;
  action: string;
  details: Record<string, unknown>;
}

/** The audit trail as a list (the hash chain is the MikroORM adapter's and its own tests'). */
export class InMemoryAuditTrail implements AuditTrail {
  readonly entries: RecordedAuditEntry[] = [];
  async append(requestId: string, at: Date, actor: string, action: string, details: Record<string, unknown> = {}) {
    this.entries.push({ requestId, at, actor, action, details });
  }
}

export class InMemoryNotifications implements NotificationRepository {
  readonly rows: Notification[] = [];
  add(notification: Notification): void {
    this.rows.push(notification);
  }
}

/** The registry by owner; a declaration announced earlier than the stored one is kept out. */
export class InMemoryOwners implements OwnerRegistryPort {
  readonly rows = new Map<string, { declaration: OwnerDeclaration; announcedAt: Date }>();
  async announce(declaration: OwnerDeclaration, announcedAt: Date) {
    const stored = this.rows.get(declaration.owner);
    if (stored && stored.announcedAt > announcedAt) return 'older' as const;
    this.rows.set(declaration.owner, { declaration, announcedAt });
    return stored ? ('updated' as const) : ('registered' as const);
  }
}

/** The retention reports in order (the chain is the MikroORM adapter's). */
export class InMemoryRetentionTrail implements RetentionTrail {
  readonly reports: { report: RetentionPurged; at: Date }[] = [];
  async record(report: RetentionPurged, at: Date) {
    this.reports.push({ report, at });
    return this.reports.filter((r) => r.report.owner === report.owner).length;
  }
}

/** The converted use cases' dependencies over in-memory repositories, with a clock a test sets. */
export function inMemoryDeps(now = new Date('2026-03-02T10:00:00Z')) {
  const requests = new InMemoryRequests();
  const audit = new InMemoryAuditTrail();
  const notifications = new InMemoryNotifications();
  const owners = new InMemoryOwners();
  const retentionTrail = new InMemoryRetentionTrail();
  const { events, published } = recordedEvents();
  const uow: PrivacyUnitOfWork = inMemoryUnitOfWork({ requests, audit, notifications, owners, retentionTrail, events });
  const clock = { now };
  const deps = { uow, clock: () => clock.now, newId };
  return { deps, clock, requests, audit, notifications, owners, retentionTrail, published };
}
