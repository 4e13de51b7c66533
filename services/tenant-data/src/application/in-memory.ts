import { InMemoryRowPerTenant, InMemoryTenantRows, inMemoryUnitOfWork, recordedEvents, testTime } from '@homi/service-kit';
import { inMemoryNoticeQueue } from '@homi/mail';
import type { Appointment } from '../domain/appointment';
import { reminderDueAt, type AppointmentNotice, type NoticeSubject } from '../domain/appointment-notice';
import { latest, type Client } from '../domain/client';
import type { ClientImport } from '../domain/client-import';
import type { Role } from '@homi/contracts';
import type { Institute } from '../domain/institute';
import { isSealedNotes, type SealedNote, type WrappedKey } from '../domain/health-data';
import type { Treatment } from '../domain/treatment';
import type { StaffWorkingHours } from '../domain/working-hours';
import type { Deps } from './deps';
import type {
  AppointmentListQuery, AppointmentNoticeRepository, AppointmentRepository, UnsubscribeCodes, ClientImportRepository, ClientListQuery, ClientRepository, HealthDataKeys, HealthDataRepository, InstituteDirectory, InstituteRepository, MemberDirectory,
  NotesTable, Repositories, TreatmentRepository, WorkingHoursRepository,
} from './ports';

// In-memory adapters of application/ports.ts for the use cases' unit tests: the same contract as the
// MikroORM repositories (each method takes the tenant), kept in maps, no database.

const byKey = <T>(a: T, b: T, key: (x: T) => string) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

export class InMemoryClients extends InMemoryTenantRows<Client> implements ClientRepository {
  async getMany(tenantId: string, ids: string[]) {
    return ids.flatMap((id) => {
      const c = this.rows.get(id);
      return c && c.tenantId === tenantId ? [c] : [];
    });
  }
  async recordActivity(tenantId: string, id: string, at: Date) {
    const c = await this.get(tenantId, id);
    if (c) c.lastActivityAt = latest(c.lastActivityAt, at);
    return c !== null;
  }
  async list(tenantId: string, { q, limit, after }: ClientListQuery) {
    const key = (c: Client) => `${c.name.toLowerCase()}\u0000${c.id}`;
    return [...this.rows.values()]
      .filter((c) => c.tenantId === tenantId && (!q || c.name.toLowerCase().includes(q.toLowerCase())))
      .filter((c) => !after || key(c) > `${after.n}\u0000${after.id}`)
      .sort((a, b) => byKey(a, b, key))
      .slice(0, limit);
  }
}

export class InMemoryAppointments extends InMemoryTenantRows<Appointment> implements AppointmentRepository {
  async list(tenantId: string, { from, to, clientId, staffId, order, limit, after }: AppointmentListQuery) {
    const key = (a: Appointment) => `${a.startsAt.toISOString()}\u0000${a.id}`;
    const sign = order === 'asc' ? 1 : -1;
    return [...this.rows.values()]
      .filter((a) => a.tenantId === tenantId && (!from || a.endsAt > from) && (!to || a.startsAt < to) && (!clientId || a.clientId === clientId))
      .filter((a) => !staffId || a.staffId === staffId)
      .filter((a) => !after || sign * byKey(key(a), `${after.s}\u0000${after.id}`, (x) => x) > 0)
      .sort((a, b) => sign * byKey(a, b, key))
      .slice(0, limit);
  }
  async findOverlap(tenantId: string, staffId: string, startsAt: Date, endsAt: Date, exceptId?: string) {
    const hit = [...this.rows.values()].find(
      (a) => a.tenantId === tenantId && a.staffId === staffId && a.status !== 'cancelled' && a.id !== exceptId && a.startsAt < endsAt && a.endsAt > startsAt,
    );
    return hit ?? null;
  }
  async countByStatus(tenantId: string, clientId: string) {
    const counts: Partial<Record<Appointment['status'], number>> = {};
    for (const a of this.rows.values()) if (a.tenantId === tenantId && a.clientId === clientId) counts[a.status] = (counts[a.status] ?? 0) + 1;
    return counts;
  }
}

export class InMemoryTreatments extends InMemoryTenantRows<Treatment> implements TreatmentRepository {
  async list(tenantId: string) {
    const key = (t: Treatment) => `${t.name.toLowerCase()}\u0000${t.id}`;
    return [...this.rows.values()].filter((t) => t.tenantId === tenantId).sort((a, b) => byKey(a, b, key));
  }
}

export class InMemoryWorkingHours implements WorkingHoursRepository {
  readonly rows = new Map<string, StaffWorkingHours>();
  async get(tenantId: string, userId: string) {
    return this.rows.get(`${tenantId}.${userId}`) ?? null;
  }
  add(hours: StaffWorkingHours) {
    this.rows.set(`${hours.tenantId}.${hours.userId}`, hours);
  }
}

/** Members set by the test: `members.set('ten_….usr_…', 'staff')`. */
export class InMemoryMembers implements MemberDirectory {
  readonly roles = new Map<string, Role>();
  set(tenantId: string, userId: string, role: Role) {
    this.roles.set(`${tenantId}.${userId}`, role);
  }
  async roleOf(tenantId: string, userId: string) {
    return this.roles.get(`${tenantId}.${userId}`);
  }
}

export class InMemoryHealthData implements HealthDataRepository {
  constructor(private readonly rows: Record<NotesTable, InMemoryTenantRows<{ id: string; tenantId: string; notes: string | null }>>) {}
  readonly keys = new Map<string, WrappedKey>();
  readonly sealedAlerts = new Map<string, string>();
  readonly sealedNotes: SealedNote[] = [];
  async dataKey(tenantId: string) {
    return this.keys.get(tenantId) ?? null;
  }
  async addDataKey(tenantId: string, key: WrappedKey) {
    if (!this.keys.has(tenantId)) this.keys.set(tenantId, key);
    return this.keys.get(tenantId)!;
  }
  async alerts(tenantId: string, clientId: string) {
    return this.sealedAlerts.get(`${tenantId}.${clientId}`) ?? null;
  }
  async saveAlerts(tenantId: string, clientId: string, sealed: string | null) {
    if (sealed === null) this.sealedAlerts.delete(`${tenantId}.${clientId}`);
    else this.sealedAlerts.set(`${tenantId}.${clientId}`, sealed);
  }
  async notes(tenantId: string, clientId: string) {
    return this.sealedNotes.filter((n) => n.tenantId === tenantId && n.clientId === clientId);
  }
  async addNote(note: SealedNote) {
    this.sealedNotes.push(note);
  }
  async keysWrappedUnderOtherThan(kekId: string) {
    return [...this.keys].filter(([, k]) => k.kekId !== kekId).map(([tenantId, k]) => ({ tenantId, ...k }));
  }
  async replaceDataKey(tenantId: string, key: WrappedKey) {
    this.keys.set(tenantId, key);
  }
  async olderNotes(table: NotesTable, limit: number) {
    return [...this.rows[table].rows.values()]
      .flatMap((r) => (r.notes !== null && !isSealedNotes(r.notes) ? [{ id: r.id, tenantId: r.tenantId, text: r.notes }] : []))
      .slice(0, limit);
  }
  async replaceOlderNotes(table: NotesTable, sealed: { id: string; notes: string }[]) {
    for (const s of sealed) {
      const row = this.rows[table].rows.get(s.id);
      if (row) row.notes = s.notes;
    }
  }
}

/**
 * Keys without cryptography for the use cases' tests (the real envelope is tested against Postgres):
 * a sealed value is its context and text, base64, and opens only in its own context.
 */
export const fakeHealthKeys: HealthDataKeys = {
  currentKekId: 'k1',
  newDataKey: () => ({ kekId: 'k1', wrapped: 'fake' }),
  rewrap: (key) => ({ ...key, kekId: 'k1' }),
  cipher: () => ({
    seal: (text, context) => Buffer.from(JSON.stringify([context, text])).toString('base64'),
    open: (sealed, context) => {
      const [sealedFor, text] = JSON.parse(Buffer.from(sealed, 'base64').toString()) as [string, string];
      if (sealedFor !== context) throw new Error('sealed for another context');
      return text;
    },
  }),
};

export class InMemoryClientImports extends InMemoryTenantRows<ClientImport> implements ClientImportRepository {
  constructor(private readonly clients: InMemoryClients) {
    super();
  }
  async lock() {}
  async existing(tenantId: string, keys: string[], emails: string[]) {
    const mine = [...this.clients.rows.values()].filter((c) => c.tenantId === tenantId);
    return {
      keys: new Set(mine.flatMap((c) => (c.importKey && keys.includes(c.importKey) ? [c.importKey] : []))),
      emails: new Set(mine.flatMap((c) => (c.email && emails.includes(c.email.toLowerCase()) ? [c.email.toLowerCase()] : []))),
    };
  }
  async flush() {}
}

export class InMemoryInstitutes extends InMemoryRowPerTenant<Institute> implements InstituteRepository {}

/** Notices in a map, queued as libs/mail's SQL queue does; a removed appointment's notices go with it, as the foreign key makes them. */
export class InMemoryAppointmentNotices implements AppointmentNoticeRepository {
  readonly rows = new Map<string, AppointmentNotice>();
  private readonly queue = inMemoryNoticeQueue(this.rows);
  constructor(private readonly data: { appointments: InMemoryAppointments; clients: InMemoryClients; institutes: InMemoryInstitutes }) {}
  add(notice: AppointmentNotice) {
    this.rows.set(notice.id, notice);
  }
  private of(tenantId: string, appointmentId: string) {
    return [...this.rows.values()].filter((n) => n.tenantId === tenantId && n.appointmentId === appointmentId && this.data.appointments.rows.has(appointmentId));
  }
  async scheduleReminder(tenantId: string, appointmentId: string, dueAt: Date, fresh: () => AppointmentNotice) {
    const existing = this.of(tenantId, appointmentId).find((n) => n.kind === 'reminder');
    if (!existing) return this.add(fresh());
    if (!existing.sentAt && !existing.gaveUpAt) existing.nextAttemptAt = dueAt;
  }
  async dropUnsent(tenantId: string, appointmentId: string, now: Date) {
    for (const n of this.of(tenantId, appointmentId)) if (!n.sentAt && !n.gaveUpAt) Object.assign(n, { gaveUpAt: now, leaseUntil: null });
  }
  async rescheduleReminders(tenantId: string, leadHours: number) {
    let moved = 0;
    for (const n of this.rows.values()) {
      const a = this.data.appointments.rows.get(n.appointmentId);
      if (n.tenantId !== tenantId || n.kind !== 'reminder' || n.sentAt || n.gaveUpAt || !a) continue;
      n.nextAttemptAt = reminderDueAt(a.startsAt, leadHours);
      moved++;
    }
    return moved;
  }
  async subjectOf(notice: AppointmentNotice): Promise<NoticeSubject | null> {
    const a = await this.data.appointments.get(notice.tenantId, notice.appointmentId);
    const c = a ? await this.data.clients.get(notice.tenantId, a.clientId) : null;
    if (!a || !c) return null;
    const institute = await this.data.institutes.get(notice.tenantId);
    return { startsAt: a.startsAt, status: a.status, email: c.email, reminderConsent: c.reminderConsent, instituteName: institute?.name ?? '', clientId: c.id, noticeSent: Boolean(this.rows.get(notice.id)?.sentAt) };
  }
  async claimDue(now: Date, leaseUntil: Date, limit: number) {
    // Notices of a removed appointment are gone with it (the foreign key's cascade).
    for (const n of this.rows.values()) if (!this.data.appointments.rows.has(n.appointmentId)) this.rows.delete(n.id);
    return this.queue.claimDue(now, leaseUntil, limit);
  }
  markSent = (id: string, now: Date) => this.queue.markSent(id, now);
  retryAt = (id: string, at: Date) => this.queue.retryAt(id, at);
  giveUp = (id: string, now: Date) => this.queue.giveUp(id, now);
}

/** Readable codes for the use cases' tests: `code.<tenant>.<client>`; the real ones are keyed MACs. */
export const fakeUnsubscribeCodes: UnsubscribeCodes = {
  codeFor: (tenantId, clientId) => `code.${tenantId}.${clientId}`,
  read: (code) => {
    const [prefix, tenantId, clientId, ...rest] = code.split('.');
    return prefix === 'code' && tenantId && clientId && rest.length === 0 ? { tenantId, clientId } : undefined;
  },
};

/** Use-case dependencies over in-memory repositories, a fixed clock and counting ids. */
export function inMemoryDeps(options: { now?: Date; institutes?: InstituteDirectory } = {}) {
  const { events, published } = recordedEvents();
  const clients = new InMemoryClients();
  const appointments = new InMemoryAppointments();
  const institutes = new InMemoryInstitutes();
  const repositories = {
    clients,
    clientImports: new InMemoryClientImports(clients),
    appointments,
    treatments: new InMemoryTreatments(),
    workingHours: new InMemoryWorkingHours(),
    institutes,
    notices: new InMemoryAppointmentNotices({ appointments, clients, institutes }),
    health: new InMemoryHealthData({ clients, appointments }),
    events,
  } satisfies Repositories;
  const { clock, now, newId } = testTime(options.now);
  const members = new InMemoryMembers();
  const deps: Deps = {
    members,
    uow: inMemoryUnitOfWork(repositories),
    clock: now,
    newId,
    institutes: options.institutes ?? { details: async () => undefined, shareName: async () => true },
    healthKeys: fakeHealthKeys,
    unsubscribeCodes: fakeUnsubscribeCodes,
  };
  return { deps, repositories, published, clock, members };
}
