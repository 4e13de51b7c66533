import type { Contract, ContractData, identityApi } from '@homi/contracts';
import type { UnitOfWork } from '@homi/service-kit';
import type { Appointment } from '../domain/appointment';
import type { Client } from '../domain/client';
import type { Institute } from '../domain/institute';

/** Where the details of a new institute come from: identity, which took them at sign-up (ADR 12). */
export interface InstituteDirectory {
  /**
   * The details identity holds for the tenant, or undefined when identity does not know it (the
   * tenant was erased meanwhile). Throws when identity cannot answer now, so the caller retries.
   */
  details(tenantId: string): Promise<identityApi.InstituteDetails | undefined>;
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
}

export interface InstituteRepository {
  get(tenantId: string): Promise<Institute | null>;
  add(institute: Institute): void;
}

/** Events published only if the unit of work commits (the transactional outbox). */
export interface Events {
  publish<C extends Contract>(contract: C, data: ContractData<C>): void;
}

/** What one unit of work of tenant-data yields. */
export interface Repositories {
  clients: ClientRepository;
  appointments: AppointmentRepository;
  institutes: InstituteRepository;
  events: Events;
}

export type TenantDataUnitOfWork = UnitOfWork<Repositories>;
