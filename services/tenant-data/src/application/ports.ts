import type { Contract, ContractData, identityApi, Role } from '@homi/contracts';
import type { UnitOfWork } from '@homi/service-kit';
import type { NoticeQueue } from '@homi/mail';
import type { Appointment } from '../domain/appointment';
import type { AppointmentNotice, NoticeSubject } from '../domain/appointment-notice';
import type { Client } from '../domain/client';
import type { DataCipher, SealedNote, WrappedKey } from '../domain/health-data';
import type { ClientImport } from '../domain/client-import';
import type { Institute } from '../domain/institute';
import type { Treatment } from '../domain/treatment';
import type { StaffWorkingHours } from '../domain/working-hours';

/** Who belongs to an institute: identity's memberships, as it publishes them (ADR 46). */
export interface MemberDirectory {
  /** The member's role in the tenant, or undefined when the user is no member of it. Throws when it cannot answer now. */
  roleOf(tenantId: string, userId: string): Promise<Role | undefined>;
}

/** Where the details of a new institute come from: identity, which took them at sign-up (ADR 12). */
export interface InstituteDirectory {
  /**
   * The details identity holds for the tenant, or undefined when identity does not know it (the
   * tenant was erased meanwhile). Throws when identity cannot answer now, so the caller retries.
   */
  details(tenantId: string): Promise<identityApi.InstituteDetails | undefined>;
  /**
   * Tells identity the institute's name after its profile changed (ADR 74): false when identity no
   * longer knows the tenant (erased). Throws when identity cannot answer now, so the caller retries.
   */
  shareName(tenantId: string, name: string): Promise<boolean>;
}

export interface ClientListQuery {
  q?: string;
  limit: number;
  after?: { n: string; id: string };
}

/** Clients of one tenant. Every method takes the tenantId; none can be called without it. */
export interface ClientRepository {
  get(tenantId: string, id: string): Promise<Client | null>;
  getMany(tenantId: string, ids: string[]): Promise<Client[]>;
  add(client: Client): void;
  remove(client: Client): void;
  /**
   * Moves the client's retention start forward to `at` (never back), at once and under a row lock,
   * so a retention purge running now either sees the activity or has already erased the client.
   * False when the client is not there (any more).
   */
  recordActivity(tenantId: string, id: string, at: Date): Promise<boolean>;
  /** Ordered by lower(name), id; `after` continues from the last row of a previous page. */
  list(tenantId: string, query: ClientListQuery): Promise<Client[]>;
}

export interface AppointmentListQuery {
  from?: Date;
  to?: Date;
  clientId?: string;
  staffId?: string;
  order: 'asc' | 'desc';
  limit: number;
  after?: { s: string; id: string };
}

/** Appointments of one tenant. Every method takes the tenantId; none can be called without it. */
export interface AppointmentRepository {
  get(tenantId: string, id: string): Promise<Appointment | null>;
  add(appointment: Appointment): void;
  remove(appointment: Appointment): void;
  /** Ordered by start time, then id, either way; `after` continues from the last row of a previous page. */
  list(tenantId: string, query: AppointmentListQuery): Promise<Appointment[]>;
  /** An appointment of the staff member, not cancelled and not `exceptId`, that overlaps [startsAt, endsAt). */
  findOverlap(tenantId: string, staffId: string, startsAt: Date, endsAt: Date, exceptId?: string): Promise<Appointment | null>;
  /** How many of the client's appointments are in each status. */
  countByStatus(tenantId: string, clientId: string): Promise<Partial<Record<Appointment['status'], number>>>;
}

/** Postgres' exclusion violation of the no-double-booking constraint, which the adapters let through unchanged. */
export const OVERLAP_CONSTRAINT = 'appointments_no_overlap';

/** The institute's treatments. */
export interface TreatmentRepository {
  get(tenantId: string, id: string): Promise<Treatment | null>;
  add(treatment: Treatment): void;
  /** All of them, deactivated too, by lower(name), id. */
  list(tenantId: string): Promise<Treatment[]>;
}

export interface WorkingHoursRepository {
  get(tenantId: string, userId: string): Promise<StaffWorkingHours | null>;
  add(hours: StaffWorkingHours): void;
}

/** Imports of client files, and what an import asks of the institute's clients. */
export interface ClientImportRepository {
  get(tenantId: string, id: string): Promise<ClientImport | null>;
  add(record: ClientImport): void;
  /** Serialises the tenant's imports until the transaction ends, so two runs of one file cannot both create its rows. */
  lock(tenantId: string): Promise<void>;
  /** Of these row keys and (lower-case) e-mail addresses, those the tenant's clients already have. */
  existing(tenantId: string, keys: string[], emails: string[]): Promise<{ keys: Set<string>; emails: Set<string> }>;
  /** Writes what the transaction holds so far and lets go of it: an import keeps one batch in memory, not the file. */
  flush(): Promise<void>;
}

export interface InstituteRepository {
  get(tenantId: string): Promise<Institute | null>;
  add(institute: Institute): void;
}

/** Each institute's health-data key and the sealed alerts and notes (ADR 50). */
export interface HealthDataRepository {
  dataKey(tenantId: string): Promise<WrappedKey | null>;
  /** Stores the key unless the tenant has one already (a concurrent first write); returns the one stored. */
  addDataKey(tenantId: string, key: WrappedKey, at: Date): Promise<WrappedKey>;
  alerts(tenantId: string, clientId: string): Promise<string | null>;
  /** `null` removes them. */
  saveAlerts(tenantId: string, clientId: string, sealed: string | null, at: Date): Promise<void>;
  /** Oldest first. */
  notes(tenantId: string, clientId: string): Promise<SealedNote[]>;
  addNote(note: SealedNote): Promise<void>;
  /** Across tenants, locked: the keys a rotation left wrapped under another key-encryption key. */
  keysWrappedUnderOtherThan(kekId: string): Promise<({ tenantId: string } & WrappedKey)[]>;
  /** The same data key wrapped anew (the owner's work, across tenants: the tenant role may not). */
  replaceDataKey(tenantId: string, key: WrappedKey, at: Date): Promise<void>;
  /**
   * Across tenants, locked (others' locks skipped): at most `limit` clients' or appointments' notes
   * still in the plaintext written before they were sealed (ADR 65).
   */
  olderNotes(table: NotesTable, limit: number): Promise<OlderNotes[]>;
  /** Stores sealed notes in place of that plaintext; the row's times stay as they are. */
  replaceOlderNotes(table: NotesTable, sealed: { id: string; notes: string }[]): Promise<void>;
}

export type NotesTable = 'clients' | 'appointments';
export interface OlderNotes {
  id: string;
  tenantId: string;
  text: string;
}

/** The key-encryption key from configuration: makes and unwraps the institutes' data keys. */
export interface HealthDataKeys {
  readonly currentKekId: string;
  /** A fresh random data key for the tenant, wrapped under the current key-encryption key. */
  newDataKey(tenantId: string): WrappedKey;
  /** The same data key wrapped under the current key-encryption key. Throws for an unknown key id. */
  rewrap(key: WrappedKey, tenantId: string): WrappedKey;
  /** The cipher of the tenant's data. Throws for an unknown key id or a key wrapped for another tenant. */
  cipher(key: WrappedKey, tenantId: string): DataCipher;
}

/**
 * Appointment mails owed to clients (ADR 53): libs/mail's notice queue (claimed, marked across
 * tenants by the sender) plus what the agenda does to them.
 */
export interface AppointmentNoticeRepository extends NoticeQueue<AppointmentNotice> {
  add(notice: AppointmentNotice): void;
  /** The appointment's reminder due at `dueAt`: the unsent one moved, or `fresh` added when it has none; a sent one stays as it was. */
  scheduleReminder(tenantId: string, appointmentId: string, dueAt: Date, fresh: () => AppointmentNotice): Promise<void>;
  /** The appointment's unsent notices are given up (it was cancelled, marked no-show or completed). */
  dropUnsent(tenantId: string, appointmentId: string, now: Date): Promise<void>;
  /** The institute's unsent reminders due anew at their appointment's start less `leadHours`. */
  rescheduleReminders(tenantId: string, leadHours: number): Promise<number>;
  /** Across tenants, for the sender: the appointment, client and institute as they are now; null when the appointment is gone. */
  subjectOf(notice: AppointmentNotice): Promise<NoticeSubject | null>;
}

/** The code of a client's unsubscribe link: unguessable, bound to the client (ADR 53). */
export interface UnsubscribeCodes {
  codeFor(tenantId: string, clientId: string): string;
  /** The client a code names, or undefined for a code this service did not make. */
  read(code: string): { tenantId: string; clientId: string } | undefined;
}

/** Events published only if the unit of work commits (the transactional outbox). */
export interface Events {
  publish<C extends Contract>(contract: C, data: ContractData<C>): void;
}

/** What one unit of work of tenant-data yields. */
export interface Repositories {
  clients: ClientRepository;
  appointments: AppointmentRepository;
  treatments: TreatmentRepository;
  workingHours: WorkingHoursRepository;
  institutes: InstituteRepository;
  health: HealthDataRepository;
  clientImports: ClientImportRepository;
  notices: AppointmentNoticeRepository;
  events: Events;
}

export type TenantDataUnitOfWork = UnitOfWork<Repositories>;
