import { randomBytes } from 'node:crypto';
import { inMemoryNoticeQueue } from '@homi/mail';
import { fullPermissions, type DataSubject, type OwnerDeclaration, type RetentionPurged } from '@homi/contracts';
import { AppError, inMemoryUnitOfWork, newId, recordedEvents, type CallerContext } from '@homi/service-kit';
import type { StoredPart } from '../domain/export-part';
import type { Notification } from '../domain/notification';
import { RegisteredOwner } from '../domain/owner';
import type { PrivacyRequest } from '../domain/request';
import type { OwnerTask } from '../domain/task';
import type { Deps, UsageDeps } from './deps';
import { InMemoryUsage } from './in-memory-usage';
import type {
  AttentionCriteria,
  AuditTrail,
  ExportParts,
  NotificationRepository,
  OwnerRegistryPort,
  PartChunks,
  PrivacyRequestRepository,
  PrivacyUnitOfWork,
  Repositories,
  RequestCursor,
  RetentionTrail,
  Tenancy,
} from './ports';

// In-memory adapters of application/ports.ts for the use cases' unit tests: the same contract as the
// MikroORM repositories, kept in maps, no database.

const newestFirst = (a: PrivacyRequest, b: PrivacyRequest) => b.receivedAt.getTime() - a.receivedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

const sameSubject = (a: DataSubject, b: DataSubject) => JSON.stringify(a) === JSON.stringify(b);

/** Whose access packages an erasure of `subject` ends (as the SQL of the MikroORM repository matches them). */
function packageOf(erased: DataSubject, subject: DataSubject): boolean {
  if (erased.kind === 'tenant') return subject.kind !== 'user' && subject.tenantId === erased.tenantId;
  return sameSubject(erased, subject);
}

export class InMemoryRequests implements PrivacyRequestRepository {
  readonly rows = new Map<string, PrivacyRequest>();
  readonly tasksByKey = new Map<string, OwnerTask>();
  /** Requests another transaction holds (for lockUnlessBusy). */
  readonly busy = new Set<string>();
  async get(id: string) {
    return this.rows.get(id) ?? null;
  }
  /** One test runs one use case at a time: there is nothing to lock against. */
  lock(id: string) {
    return this.get(id);
  }
  async lockUnlessBusy(id: string) {
    return this.busy.has(id) ? null : this.get(id);
  }
  async task(requestId: string, owner: string) {
    return this.tasksByKey.get(`${requestId}\u0000${owner}`) ?? null;
  }
  async tasks(requestId: string) {
    return this.tasksOf([requestId]);
  }
  async tasksOf(requestIds: string[]) {
    return [...this.tasksByKey.values()]
      .filter((t) => requestIds.includes(t.requestId))
      .sort((a, b) => a.requestId.localeCompare(b.requestId) || a.owner.localeCompare(b.owner));
  }
  add(request: PrivacyRequest): void {
    this.rows.set(request.id, request);
  }
  addTask(task: OwnerTask): void {
    this.tasksByKey.set(`${task.requestId}\u0000${task.owner}`, task);
  }
  async byRequester(userId: string, limit: number, after: RequestCursor | undefined, clientRights: { view: string[]; edit: string[] }) {
    const followed = (r: PrivacyRequest) =>
      r.subject.kind !== 'client' || clientRights.edit.includes(r.subject.tenantId) || (r.type === 'access' && clientRights.view.includes(r.subject.tenantId));
    const past = (r: PrivacyRequest) => {
      if (!after) return true;
      const at = new Date(after.receivedAt).getTime();
      return r.receivedAt.getTime() < at || (r.receivedAt.getTime() === at && r.id < after.id);
    };
    return [...this.rows.values()].filter((r) => r.purpose === 'data-subject' && r.requester.userId === userId && followed(r) && past(r)).sort(newestFirst).slice(0, limit);
  }
  async fromTicket(userId: string, ticketId: string) {
    return [...this.rows.values()].find((r) => r.ticketId === ticketId && r.requester.userId === userId) ?? null;
  }
  async bySubject(subject: DataSubject, limit: number) {
    return [...this.rows.values()].filter((r) => r.purpose === 'data-subject' && sameSubject(r.subject, subject)).sort(newestFirst).slice(0, limit);
  }
  async instituteExports(tenantId: string, limit: number) {
    return [...this.rows.values()].filter((r) => r.purpose === 'institute-export' && r.subject.kind === 'tenant' && r.subject.tenantId === tenantId).sort(newestFirst).slice(0, limit);
  }
  async endExportsOf(subject: DataSubject, now: Date) {
    const ended = [...this.rows.values()].filter((r) => r.type === 'access' && packageOf(subject, r.subject));
    for (const r of ended) if (!r.exportExpiresAt || r.exportExpiresAt > now) r.exportExpiresAt = now;
    return ended.map((r) => r.id);
  }
  async needingAttention(c: AttentionCriteria) {
    const due = (r: PrivacyRequest) => {
      const tasks = [...this.tasksByKey.values()].filter((t) => t.requestId === r.id);
      return (
        (tasks.length === 0 && c.ownersRegistered) ||
        tasks.some((t) => t.status !== 'completed' && t.nextCommandAt !== null && t.nextCommandAt <= c.now && r.commands < c.maxCommands) ||
        (r.remindedAt === null && r.dueAt <= c.remindDueBy) ||
        (r.escalatedAt === null && r.dueAt <= c.escalateDueBy) ||
        (r.status !== 'completed_with_gaps' && r.dueAt <= c.now)
      );
    };
    return [...this.rows.values()]
      .filter((r) => r.status !== 'completed' && due(r))
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
      .slice(0, c.limit)
      .map((r) => r.id);
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
  /** The actions recorded for one request, in order. */
  actionsOf(requestId: string): string[] {
    return this.entries.filter((e) => e.requestId === requestId).map((e) => e.action);
  }
}

export class InMemoryNotifications implements NotificationRepository {
  private readonly byId = new Map<string, Notification>();
  private readonly queue = inMemoryNoticeQueue(this.byId);
  readonly claimDue = this.queue.claimDue;
  readonly markSent = this.queue.markSent;
  readonly retryAt = this.queue.retryAt;
  readonly giveUp = this.queue.giveUp;
  get rows(): Notification[] {
    return [...this.byId.values()];
  }
  add(notification: Notification): void {
    this.byId.set(notification.id, notification);
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
  async all() {
    return [...this.rows.values()]
      .map(({ declaration, announcedAt }) => new RegisteredOwner(declaration.owner, declaration.version, declaration, announcedAt, announcedAt))
      .sort((a, b) => a.owner.localeCompare(b.owner));
  }
  async names() {
    return (await this.all()).map((o) => o.owner);
  }
  async get(owner: string) {
    return (await this.all()).find((o) => o.owner === owner) ?? null;
  }
}

/** The retention reports in order (the chain is the MikroORM adapter's). */
export class InMemoryRetentionTrail implements RetentionTrail {
  readonly reports: { report: RetentionPurged; at: Date }[] = [];
  async record(report: RetentionPurged, at: Date) {
    this.reports.push({ report, at });
    return this.reports.filter((r) => r.report.owner === report.owner).length;
  }
  async lastPurges() {
    const last = new Map<string, string>();
    for (const { report } of this.reports) {
      const key = `${report.owner}/${report.category}`;
      const seen = last.get(key);
      if (!seen || seen < report.occurredAt) last.set(key, new Date(report.occurredAt).toISOString());
    }
    return last;
  }
}

/** Finished parts, and uploads with their chunks: the two sides of the part store in one place. */
export class InMemoryParts implements ExportParts, PartChunks {
  readonly uploads = new Map<string, { requestId: string; owner: string; startedAt: Date; chunks: Map<string, Buffer[]>; part?: StoredPart }>();
  async begin(uploadId: string, requestId: string, owner: string, now: Date) {
    this.uploads.set(uploadId, { requestId, owner, startedAt: now, chunks: new Map() });
  }
  async write(uploadId: string, category: string, seq: number, data: Buffer) {
    const chunks = this.uploads.get(uploadId)?.chunks;
    if (!chunks) throw new Error(`no upload ${uploadId}`);
    const list = chunks.get(category) ?? [];
    list[seq] = data;
    chunks.set(category, list);
  }
  async abort(uploadId: string) {
    if (!this.uploads.get(uploadId)?.part) this.uploads.delete(uploadId);
  }
  async *read(uploadId: string, category: string) {
    for (const chunk of this.uploads.get(uploadId)?.chunks.get(category) ?? []) yield chunk;
  }
  async finish(uploadId: string, summary: Omit<StoredPart, 'uploadId'>) {
    for (const [id, u] of this.uploads) if (u.part && u.requestId === summary.requestId && u.owner === summary.owner) this.uploads.delete(id);
    const upload = this.uploads.get(uploadId);
    if (upload) upload.part = { uploadId, ...summary };
  }
  async current(requestId: string, owner: string) {
    return (await this.ofRequest(requestId)).find((p) => p.owner === owner);
  }
  async ofRequest(requestId: string) {
    return [...this.uploads.values()].flatMap((u) => (u.part && u.requestId === requestId ? [u.part] : [])).sort((a, b) => a.owner.localeCompare(b.owner));
  }
  async deleteRequest(requestId: string) {
    const ids = [...this.uploads].filter(([, u]) => u.requestId === requestId).map(([id]) => id);
    for (const id of ids) this.uploads.delete(id);
    return ids.length;
  }
  async deleteUnfinishedBefore(before: Date) {
    const ids = [...this.uploads].filter(([, u]) => !u.part && u.startedAt < before).map(([id]) => id);
    for (const id of ids) this.uploads.delete(id);
    return ids.length;
  }
}

/** Which tenancy the work last asked for, for tests that check it was asked. */
export class RecordedTenancy implements Tenancy {
  readonly entered: string[] = [];
  async acrossTenants() {
    this.entered.push('all');
  }
  async asOwnerOf(tenantId: string) {
    this.entered.push(tenantId);
  }
}

export const TEST_SETTINGS: Deps['settings'] = { retryAfterMs: 10 * 60_000, retryMaxMs: 24 * 3600_000, exportTtlDays: 7, partMaxBytes: 1024 * 1024,
  owners: ['tenant-data', 'identity', 'billing-integration'],
};

/** The use cases' dependencies over in-memory repositories, with a clock a test sets. */
export function inMemoryDeps(now = new Date('2026-03-02T10:00:00Z')) {
  const requests = new InMemoryRequests();
  const audit = new InMemoryAuditTrail();
  const notifications = new InMemoryNotifications();
  const owners = new InMemoryOwners();
  const retentionTrail = new InMemoryRetentionTrail();
  const parts = new InMemoryParts();
  const usage = new InMemoryUsage();
  const tenancy = new RecordedTenancy();
  const { events, published } = recordedEvents();
  const repositories: Repositories = { requests, audit, notifications, owners, retentionTrail, parts, usage, tenancy, events };
  const uow: PrivacyUnitOfWork = { ...inMemoryUnitOfWork(repositories), snapshot: (_reason, work) => work(repositories) };
  const clock = { now };
  const deps: Deps = { uow, chunks: parts, clock: () => clock.now, newId, settings: { ...TEST_SETTINGS } };
  const usageDeps: UsageDeps = { uow, clock: () => clock.now, randomKey: () => randomBytes(32), settings: { minBucket: 2, closeGraceMs: 2 * 3600_000 } };
  return { deps, usageDeps, repositories, clock, requests, audit, notifications, owners, retentionTrail, parts, usage, tenancy, published };
}

/** A signed-in caller as the gateway describes one, valid for a minute. */
export const callerOf = (context: Omit<CallerContext, 'exp'>): CallerContext => ({ ...context, exp: Math.floor(Date.now() / 1000) + 60 });

/** An owner of institute `tenantId` with the given permissions there (all by default). */
export const instituteOwner = (tenantId: string, permissions = fullPermissions()): CallerContext =>
  callerOf({ userId: newId('usr'), realmRoles: [], tenantId, role: 'owner', permissions, memberships: { [tenantId]: { role: 'owner', permissions } } });

/** The AppError a use case refused with; throws when it did not refuse, or refused otherwise. */
export async function rejection(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}
