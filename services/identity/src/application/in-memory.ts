import { createLogger, inMemoryUnitOfWork, recordedEvents } from '@homi/service-kit';
import type { AuditRecord, ChainedAuditRecord } from '../domain/audit-entry';
import type { Invitation } from '../domain/invitation';
import type { Membership } from '../domain/membership';
import type { PrivacyStatement, StatementAcceptance } from '../domain/privacy-statement';
import type { SignupAttempt } from '../domain/signup-attempt';
import type { SupportAccessRequest } from '../domain/support-access-request';
import type { Tenant } from '../domain/tenant';
import type { User } from '../domain/user';
import type { Deps } from './deps';
import { InMemoryIdentityProvider } from './in-memory-identity-provider';
import type {
  AccessReads, AuditLog, GrantReads, Invitations, ListPosition, Memberships, Repositories, Signups, Statements, SubjectRecords, SupportRequests, Tenants, TicketDirectory, TicketFacts, Users,
} from './ports';

// In-memory adapters of application/ports.ts for the use cases' unit tests: the same contract as the
// MikroORM repositories, kept in maps, no database. Tenant scoping is not modelled (the unit of work
// hands every call the same repositories); row-level security is the integration tests' business.

const sameAddress = (a: string | null, b: string) => a !== null && a.toLowerCase() === b.toLowerCase();
const newestFirst = <T extends { createdAt: Date; id: string }>(a: T, b: T) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
const olderThan = (after?: ListPosition) => (r: { createdAt: Date; id: string }) =>
  !after || r.createdAt.getTime() < after.createdAt.getTime() || (r.createdAt.getTime() === after.createdAt.getTime() && r.id < after.id);

/** What Postgres answers a duplicate with, for the use cases that recognise one. */
export const uniqueViolation = (constraint: string) => Object.assign(new Error(`duplicate key value violates unique constraint "${constraint}"`), { code: '23505', constraint });

export class InMemoryUsers implements Users {
  readonly rows = new Map<string, User>();
  async get(id: string) {
    return this.rows.get(id) ?? null;
  }
  lock(id: string) {
    return this.get(id);
  }
  async findByEmail(email: string) {
    return [...this.rows.values()].find((u) => sameAddress(u.email, email)) ?? null;
  }
  async add(user: User) {
    if (await this.findByEmail(user.email)) throw uniqueViolation('users_email_key');
    this.rows.set(user.id, user);
  }
  async disableOwed(limit: number) {
    return [...this.rows.values()].filter((u) => u.status === 'disabled' && u.idpDisabledAt === null).slice(0, limit);
  }
}

export class InMemoryMemberships implements Memberships {
  rows: Membership[] = [];
  /** Users' name and address by id, for tests that need no users repository; else the linked one's. */
  readonly users = new Map<string, { email: string; name: string }>();
  constructor(
    private readonly accounts = new InMemoryUsers(),
    private readonly tenants = new InMemoryTenants(),
  ) {}
  private userOf(id: string) {
    return this.users.get(id) ?? this.accounts.rows.get(id);
  }
  async get(tenantId: string, userId: string) {
    return this.rows.find((m) => m.tenantId === tenantId && m.userId === userId) ?? null;
  }
  getAcrossTenants(tenantId: string, userId: string) {
    return this.get(tenantId, userId);
  }
  add(membership: Membership) {
    this.rows.push(membership);
  }
  remove(membership: Membership) {
    this.rows = this.rows.filter((m) => m !== membership);
  }
  async row(membership: Membership) {
    const user = this.userOf(membership.userId);
    return { membership, email: user?.email ?? '', name: user?.name ?? '' };
  }
  async lockOwners(tenantId: string) {
    return this.rows.filter((m) => m.tenantId === tenantId && m.role === 'owner').length;
  }
  async list(tenantId: string) {
    const ofTenant = this.rows
      .filter((m) => m.tenantId === tenantId)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
    return Promise.all(ofTenant.map((m) => this.row(m)));
  }
  async hasMemberWithEmail(tenantId: string, email: string) {
    return this.rows.some((m) => m.tenantId === tenantId && sameAddress(this.userOf(m.userId)?.email ?? null, email));
  }
  async ofUserAcrossTenants(userId: string) {
    return this.rows
      .filter((m) => m.userId === userId)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((membership) => ({ tenantId: membership.tenantId, instituteName: this.tenants.rows.get(membership.tenantId)?.instituteName ?? '', membership }));
  }
  async soleOwnerTenantsAcrossTenants(userId: string) {
    const owned = this.rows.filter((m) => m.userId === userId && m.role === 'owner').map((m) => m.tenantId);
    return owned.filter((tenantId) => this.rows.filter((m) => m.tenantId === tenantId && m.role === 'owner').length === 1).sort();
  }
}

export class InMemoryTenants implements Tenants {
  readonly rows = new Map<string, Tenant>();
  async get(id: string) {
    return this.rows.get(id) ?? null;
  }
  async add(tenant: Tenant) {
    this.rows.set(tenant.id, tenant);
  }
}

export class InMemoryInvitations implements Invitations {
  readonly rows = new Map<string, Invitation>();
  async get(tenantId: string, id: string) {
    const invitation = this.rows.get(id);
    return invitation && invitation.tenantId === tenantId ? invitation : null;
  }
  add(invitation: Invitation) {
    const open = [...this.rows.values()].some((i) => i.tenantId === invitation.tenantId && i.status === 'pending' && sameAddress(i.email, invitation.email));
    if (open) throw uniqueViolation('invitations_pending_email_key');
    this.rows.set(invitation.id, invitation);
  }
  async listPending(tenantId: string, now: Date) {
    return [...this.rows.values()]
      .filter((i) => i.tenantId === tenantId && i.status === 'pending' && i.expiresAt.getTime() > now.getTime())
      .sort(newestFirst);
  }
  async pendingFor(tenantId: string, email: string, now: Date) {
    const found = [...this.rows.values()].find((i) => i.tenantId === tenantId && i.status === 'pending' && sameAddress(i.email, email));
    if (found && found.statusAt(now) === 'expired') {
      found.decide('expired', now);
      return null;
    }
    return found ?? null;
  }
  async byTokenHashAcrossTenants(tokenHash: string) {
    return [...this.rows.values()].find((i) => i.tokenHash === tokenHash) ?? null;
  }
  async save() {}
}

export class InMemorySignups implements Signups {
  readonly rows = new Map<string, SignupAttempt>();
  async get(id: string) {
    return this.rows.get(id) ?? null;
  }
  add(attempt: SignupAttempt) {
    const pending = attempt.email !== null && [...this.rows.values()].some((a) => a.status === 'pending' && sameAddress(a.email, attempt.email as string));
    if (pending) throw uniqueViolation('signups_pending_email_key');
    this.rows.set(attempt.id, attempt);
  }
  remove(attempt: SignupAttempt) {
    this.rows.delete(attempt.id);
  }
  async claimStale(before: Date) {
    return [...this.rows.values()].filter((a) => a.status === 'pending' && a.createdAt < before).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0] ?? null;
  }
}

export class InMemoryStatements implements Statements {
  readonly versions: PrivacyStatement[] = [];
  readonly acceptances: StatementAcceptance[] = [];
  private newestFirst() {
    return [...this.versions].sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime() || (a.version < b.version ? 1 : -1));
  }
  async current() {
    return this.newestFirst()[0] ?? null;
  }
  async get(version: string) {
    return this.versions.find((s) => s.version === version) ?? null;
  }
  async history() {
    return this.newestFirst();
  }
  add(statement: PrivacyStatement) {
    this.versions.push(statement);
  }
  async accept(userId: string, version: string, at: Date) {
    if (this.acceptances.some((a) => a.userId === userId && a.version === version)) return false;
    this.acceptances.push({ userId, version, acceptedAt: at });
    return true;
  }
  async acceptancesOf(userId: string) {
    return this.acceptances.filter((a) => a.userId === userId);
  }
  async acceptedVersion(userId: string) {
    return this.newestFirst().find((s) => this.acceptances.some((a) => a.userId === userId && a.version === s.version))?.version ?? null;
  }
  async seed(statement: PrivacyStatement) {
    if (this.versions.length) return false;
    this.versions.push(statement);
    return true;
  }
}

export class InMemorySupportRequests implements SupportRequests {
  readonly rows = new Map<string, SupportAccessRequest>();
  /** Recipients told of each request, by request id. */
  readonly notified = new Map<string, string[]>();
  constructor(private readonly memberships = new InMemoryMemberships()) {}
  add(request: SupportAccessRequest) {
    this.rows.set(request.id, request);
  }
  async lock(tenantId: string, id: string) {
    const request = this.rows.get(id);
    return request && request.tenantId === tenantId ? request : null;
  }
  async listForTenant(tenantId: string, limit: number, after?: ListPosition, statuses?: readonly string[]) {
    return [...this.rows.values()].filter((r) => r.tenantId === tenantId && (!statuses || statuses.includes(r.status)) && olderThan(after)(r)).sort(newestFirst).slice(0, limit);
  }
  async listOfSupportUserAcrossTenants(supportUserId: string, limit: number, after?: ListPosition) {
    return [...this.rows.values()].filter((r) => r.supportUserId === supportUserId && olderThan(after)(r)).sort(newestFirst).slice(0, limit);
  }
  async listAwaitingCoApprovalAcrossTenants(limit: number, after?: ListPosition) {
    return [...this.rows.values()].filter((r) => r.status === 'awaiting_co_approval' && olderThan(after)(r)).sort(newestFirst).slice(0, limit);
  }
  async lockAcrossTenants(id: string) {
    return this.rows.get(id) ?? null;
  }
  async claimLapsedAcrossTenants(answeredBefore: Date, now: Date) {
    const lapsed = (r: SupportAccessRequest) =>
      ((r.status === 'awaiting_co_approval' || r.status === 'pending') && r.createdAt <= answeredBefore) || (r.status === 'active' && r.expiresAt !== null && r.expiresAt <= now);
    return [...this.rows.values()].filter(lapsed).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0] ?? null;
  }
  async ownersOf(tenantId: string) {
    return this.memberships.rows.filter((m) => m.tenantId === tenantId && m.role === 'owner').map((m) => m.userId).sort();
  }
  async addNotifications(request: SupportAccessRequest, recipients: string[]) {
    this.notified.set(request.id, recipients);
  }
  /** Tickets heard closed, by id. */
  readonly closedTickets = new Map<string, Date>();
  async lockTicket() {}
  async isTicketClosed(ticketId: string) {
    return this.closedTickets.has(ticketId);
  }
  async recordTicketClosure(ticketId: string, _tenantId: string, closedAt: Date | null) {
    if (closedAt) this.closedTickets.set(ticketId, closedAt);
    else this.closedTickets.delete(ticketId);
  }
  async lockOpenCiting(tenantId: string, ticketId: string) {
    return [...this.rows.values()].filter((r) => r.tenantId === tenantId && r.ticket === ticketId && ['awaiting_co_approval', 'pending', 'active'].includes(r.status));
  }
}

/** The helpdesk's tickets as a map a test fills. */
export class InMemoryTicketDirectory implements TicketDirectory {
  readonly tickets = new Map<string, TicketFacts>();
  down = false;
  private opened = 0;
  /** A new open ticket of the tenant; its id. */
  open(tenantId: string, subject = 'Agenda shows the wrong week'): string {
    const id = `tkt_${String(++this.opened).padStart(8, '0')}${tenantId.slice(-4)}`;
    this.tickets.set(id, { tenantId, status: 'open', subject });
    return id;
  }
  async facts(ticketId: string) {
    if (this.down) throw new Error('helpdesk unavailable');
    return this.tickets.get(ticketId);
  }
}

/** An audit log that keeps what was appended, chained by seq only (the hash chain is the integration tests'). */
export class InMemoryAuditLog implements AuditLog {
  readonly records: ChainedAuditRecord[] = [];
  async append(record: AuditRecord) {
    if (record.sourceEventId && this.records.some((r) => r.tenantId === record.tenantId && r.sourceEventId === record.sourceEventId)) return undefined;
    const seq = this.records.filter((r) => r.tenantId === record.tenantId).length + 1;
    const chained = { ...record, seq, prevHash: '', hash: '' };
    this.records.push(chained);
    return chained;
  }
  async page(tenantId: string, limit: number) {
    return this.records.filter((r) => r.tenantId === tenantId).reverse().slice(0, limit);
  }
  async byActorAcrossTenants(userId: string) {
    return this.records.filter((r) => r.actor.kind !== 'system' && r.actor.userId === userId);
  }
  async verify() {
    return { ok: true, tenants: new Set(this.records.map((r) => r.tenantId)).size, rows: this.records.length };
  }
}

const notInMemory = (port: string) =>
  new Proxy({}, { get: (_t, method) => () => Promise.reject(new Error(`${port}.${String(method)} has no in-memory adapter; test it against the database`)) });

/** The use cases' dependencies over in-memory repositories; `published` and `audited` record what they wrote. */
export function inMemoryDeps(now = new Date('2026-06-01T12:00:00Z')) {
  const { events, published } = recordedEvents();
  const users = new InMemoryUsers();
  const tenants = new InMemoryTenants();
  const memberships = new InMemoryMemberships(users, tenants);
  const audit = new InMemoryAuditLog();
  const repositories = {
    memberships,
    tenants,
    users,
    invitations: new InMemoryInvitations(),
    signups: new InMemorySignups(),
    statements: new InMemoryStatements(),
    supportRequests: new InMemorySupportRequests(memberships),
    access: notInMemory('access') as AccessReads,
    grants: notInMemory('grants') as GrantReads,
    subjects: notInMemory('subjects') as SubjectRecords,
    events,
    audit,
  } satisfies Repositories;
  let ids = 0;
  const tickets = new InMemoryTicketDirectory();
  const deps: Pick<Deps, 'uow' | 'clock' | 'idp' | 'newId' | 'logger' | 'tickets'> = {
    uow: inMemoryUnitOfWork(repositories),
    tickets,
    clock: () => now,
    idp: new InMemoryIdentityProvider(),
    newId: (prefix) => `${prefix}_${String(++ids).padStart(12, '0')}`,
    logger: createLogger({ service: 'identity-unit', level: 'silent' }),
  };
  return { ...deps, tickets, repositories, published, audited: audit.records as AuditRecord[] };
}
