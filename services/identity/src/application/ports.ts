import type { Contract, ContractData } from '@homi/contracts';
import { AppError, type ChainProblem, type UnitOfWork } from '@homi/service-kit';
import type { CurrentStatement, Membership as MembershipEntry, SupportGrant, supportApi, UserAccess } from '@homi/contracts';
import type { AuditRecord, ChainedAuditRecord } from '../domain/audit-entry';
import type { Invitation } from '../domain/invitation';
import type { Membership } from '../domain/membership';
import type { PrivacyStatement, StatementAcceptance } from '../domain/privacy-statement';
import type { SignupAttempt } from '../domain/signup-attempt';
import type { SupportAccessRequest } from '../domain/support-access-request';
import type { Tenant } from '../domain/tenant';
import type { User } from '../domain/user';

export interface NewAccount {
  /** Proposed id: the development issuer keeps it, Keycloak assigns its own (ADR 9). */
  id?: string;
  email: string;
  name: string;
  /** Goes to the identity provider only; never stored or logged here. */
  password?: string;
  enabled: boolean;
  emailVerified?: boolean;
}

export interface Account {
  id: string;
  email: string;
  name: string;
  enabled: boolean;
  /** The provider holds the address as verified (Keycloak's realm then lets a password login through). */
  emailVerified: boolean;
  /** When the provider created the account, if it says. */
  createdAt?: Date;
}

// Provider and service clocks differ a little; an account from this long before an attempt is not its.
const CLOCK_SKEW_MS = 2 * 60_000;

/**
 * Whether an account found by address can have been made by a sign-up that started at `startedAt`.
 * Only such an account may be deleted as a leftover: an older one belongs to someone (a support
 * colleague, say) whose address was merely typed in.
 */
export function madeSince(account: Account, startedAt: Date): boolean {
  return account.createdAt !== undefined && account.createdAt.getTime() >= startedAt.getTime() - CLOCK_SKEW_MS;
}

export interface AccountChanges {
  email?: string;
  /** With a changed address: whether it counts as verified (a confirmed change does); unverified otherwise. */
  emailVerified?: boolean;
  name?: string;
  enabled?: boolean;
}

/**
 * Accounts in the identity provider (Keycloak, or the development issuer), behind one port.
 * Adapters translate the provider's refusals into AppErrors: a taken e-mail address is
 * `conflict`/`email-taken`, a password the policy refuses `invalid`/`weak-password`, an
 * unreachable provider `unavailable`/`identity-provider-unavailable`.
 */
export interface IdentityProvider {
  /** Creates the account; returns the provider's id for it, which is the user id (ADR 9). */
  createUser(account: NewAccount): Promise<{ id: string }>;
  findByEmail(email: string): Promise<Account | undefined>;
  getUser(id: string): Promise<Account | undefined>;
  updateUser(id: string, changes: AccountChanges): Promise<void>;
  setPassword(id: string, password: string): Promise<void>;
  /** Removes the account; an account that is already gone is not an error. */
  deleteUser(id: string): Promise<void>;
  assignRealmRole(id: string, role: string): Promise<void>;
  /** Asks a user who chose their own password (sign-up) to verify the address; a realm with verifyEmail refuses logins until then. */
  sendVerificationEmail(id: string): Promise<void>;
}

export function emailTaken(): AppError {
  return new AppError('conflict', 'An account with this e-mail address already exists.', { type: 'email-taken' });
}

export function weakPassword(problems: string[]): AppError {
  const errors = (problems.length ? problems : ['does not meet the password policy']).map((message) => ({ path: 'password', message }));
  return new AppError('invalid', 'The password does not meet the password policy.', { type: 'weak-password', errors });
}

export function identityProviderUnavailable(cause?: unknown): AppError {
  return new AppError('unavailable', 'The identity provider did not answer; try again shortly.', {
    type: 'identity-provider-unavailable',
    cause,
  });
}

/** An answer of the provider we did not expect; carries the status only, never a body. */
export class IdentityProviderError extends Error {
  constructor(
    readonly operation: string,
    readonly status: number,
  ) {
    super(`identity provider answered ${status} to ${operation}`);
    this.name = 'IdentityProviderError';
  }
}


// The repositories the use cases take (ADR 35); the MikroORM adapters are in the infrastructure layer, wired in
// its repositories.ts, the in-memory ones in application/in-memory.ts. A method for one tenant
// takes the tenantId; a method that reads tenant rows outside one tenant's unit of work (under
// acrossTenants/asUser) turns the ORM's tenant filter off itself and says so in its name.

/** A member as the members routes present them: the membership with the user's name and address. */
export interface MemberRow {
  membership: Membership;
  email: string;
  name: string;
}

/** One of a user's memberships with the institute's name (/me). */
export interface MembershipWithTenant {
  tenantId: string;
  instituteName: string;
  membership: Membership;
}

export interface Memberships {
  get(tenantId: string, userId: string): Promise<Membership | null>;
  /** The membership, read outside a tenant's unit of work (an invitation's decision, which no tenant scope holds). */
  getAcrossTenants(tenantId: string, userId: string): Promise<Membership | null>;
  add(membership: Membership): void;
  remove(membership: Membership): void;
  /** The tenant's members with their name and address, oldest membership first. */
  list(tenantId: string): Promise<MemberRow[]>;
  /** The member with the user's name and address. */
  row(membership: Membership): Promise<MemberRow>;
  /** Locks the tenant's owner rows until commit and counts them, so two changes cannot each remove the other last owner. */
  lockOwners(tenantId: string): Promise<number>;
  /** Whether a member of the tenant has this address (case-insensitive); says nothing of accounts elsewhere. */
  hasMemberWithEmail(tenantId: string, email: string): Promise<boolean>;
  /** Every membership of one user, with the institute's name, oldest first. */
  ofUserAcrossTenants(userId: string): Promise<MembershipWithTenant[]>;
  /** Tenants in which `userId` is the only owner; their owner rows stay locked until commit. */
  soleOwnerTenantsAcrossTenants(userId: string): Promise<string[]>;
}

export interface Invitations {
  get(tenantId: string, id: string): Promise<Invitation | null>;
  add(invitation: Invitation): void;
  /** The tenant's invitations still open at `now`, newest first. */
  listPending(tenantId: string, now: Date): Promise<Invitation[]>;
  /** The open invitation of an address in the tenant; one past its time is marked expired first (and written), so it no longer blocks a new one. */
  pendingFor(tenantId: string, email: string, now: Date): Promise<Invitation | null>;
  /** The invitation whose mailed token hashes to `tokenHash`, in any tenant (its holder is no member yet); `lock` until commit for a decision. */
  byTokenHashAcrossTenants(tokenHash: string, lock: boolean): Promise<Invitation | null>;
  /** Writes the invitation's changed state now, inside the unit of work (before what follows reads the tables). */
  save(invitation: Invitation): Promise<void>;
}

/** Events published only if the unit of work commits (the transactional outbox). */
export interface Events {
  publish<C extends Contract>(contract: C, data: ContractData<C>): void;
}

/** Which entries of a tenant's log a page shows; every filter given must hold. */
export interface AuditFilter {
  /** Entries with a seq below this one (the next page). */
  before?: number;
  actorUserId?: string;
  /** Entries with one of these actions. */
  actions?: readonly string[];
  /** true: only entries about HOMi support (its calls, and its access requests' steps); false: none of them. */
  support?: boolean;
}

export interface AuditVerification {
  ok: boolean;
  tenants: number;
  rows: number;
  /** The first row that does not chain, in (tenant, seq) order. */
  broken?: { tenantId: string; seq: number; problem: ChainProblem };
}

/** The tenants' hash-chained audit logs; an append holds the tenant's chain until commit. */
export interface AuditLog {
  /** Appends to the tenant's chain; with a source event id already recorded, nothing (undefined). */
  append(record: AuditRecord): Promise<ChainedAuditRecord | undefined>;
  /** The tenant's entries newest first, filtered. */
  page(tenantId: string, limit: number, filter: AuditFilter): Promise<ChainedAuditRecord[]>;
  /** Entries whose actor is this user, in whichever tenant (for their data export), by tenant and seq. */
  byActorAcrossTenants(userId: string): Promise<ChainedAuditRecord[]>;
  /** Recomputes one tenant's chain (or, without a tenant, every chain the unit of work sees). */
  verify(tenantId?: string): Promise<AuditVerification>;
}

export interface Tenants {
  get(id: string): Promise<Tenant | null>;
  /** Writes the tenant now (the owner's membership follows and refers to it). */
  add(tenant: Tenant): Promise<void>;
}

export interface Users {
  get(id: string): Promise<User | null>;
  /** The user, locked until commit. */
  lock(id: string): Promise<User | null>;
  /** By address, case-insensitive (addresses are unique regardless of case). */
  findByEmail(email: string): Promise<User | null>;
  /** Writes the user now (memberships and acceptances that follow refer to it). */
  add(user: User): Promise<void>;
  /** Disabled accounts the identity provider has not yet confirmed as disabled, longest waiting first. */
  disableOwed(limit: number): Promise<User[]>;
}

/** The sign-up saga's log (ADR 8). */
export interface Signups {
  get(id: string): Promise<SignupAttempt | null>;
  add(attempt: SignupAttempt): void;
  remove(attempt: SignupAttempt): void;
  /** One pending attempt older than `before` that no other replica is compensating right now; locked until commit. */
  claimStale(before: Date): Promise<SignupAttempt | null>;
}

/** Published privacy statement versions and who accepted which. Nothing here is ever updated. */
export interface Statements {
  /** The version published last. */
  current(): Promise<PrivacyStatement | null>;
  get(version: string): Promise<PrivacyStatement | null>;
  /** Every version, newest first. */
  history(): Promise<PrivacyStatement[]>;
  add(statement: PrivacyStatement): void;
  /** Records an acceptance once; false when the user had accepted this version already. */
  accept(userId: string, version: string, at: Date): Promise<boolean>;
  acceptancesOf(userId: string): Promise<StatementAcceptance[]>;
  /** The most recently published version the user accepted, or null. */
  acceptedVersion(userId: string): Promise<string | null>;
  /** Inserts the first version unless any version exists; true when this call inserted it. */
  seed(statement: PrivacyStatement): Promise<boolean>;
}

/** Keyset position in a newest-first list: (created_at, id) of the last item shown. */
export interface ListPosition {
  createdAt: Date;
  id: string;
}

/** Support access requests. Methods for one tenant take the tenantId; those across tenants say so. */
export interface SupportRequests {
  add(request: SupportAccessRequest): void;
  /** The request, locked until commit so that two decisions on it are taken one after the other. */
  lock(tenantId: string, id: string): Promise<SupportAccessRequest | null>;
  listForTenant(tenantId: string, limit: number, after?: ListPosition, statuses?: readonly supportApi.SupportAccessStatus[]): Promise<SupportAccessRequest[]>;
  /** A support user's own requests, in whichever tenants, newest first. */
  listOfSupportUserAcrossTenants(supportUserId: string, limit: number, after?: ListPosition): Promise<SupportAccessRequest[]>;
  /** Write requests waiting for a second support user, in whichever tenants, newest first. */
  listAwaitingCoApprovalAcrossTenants(limit: number, after?: ListPosition): Promise<SupportAccessRequest[]>;
  /** Locks the request wherever its tenant is (support side, where no tenant is in the path). */
  lockAcrossTenants(id: string): Promise<SupportAccessRequest | null>;
  /** Claims one request the expiry job has to act on (unanswered since `answeredBefore`, or active past `now`), skipping rows another replica holds. */
  claimLapsedAcrossTenants(answeredBefore: Date, now: Date): Promise<SupportAccessRequest | null>;
  /** The owners of the tenant, to be told of a new request. */
  ownersOf(tenantId: string): Promise<string[]>;
  /** Records one notification per owner (a mail sender reads them with the SupportAccessRequested event). */
  addNotifications(request: SupportAccessRequest, recipients: string[], newId: () => string): Promise<void>;
  /**
   * Serialises, until commit, the transactions about one helpdesk ticket: a request citing it and the
   * closing that ends the access citing it (ADR 43), so neither misses the other.
   */
  lockTicket(ticketId: string): Promise<void>;
  /** Whether identity heard the ticket was closed (and not reopened since). */
  isTicketClosed(ticketId: string): Promise<boolean>;
  /** Records that the ticket was closed, or reopened (`closedAt` null). */
  recordTicketClosure(ticketId: string, tenantId: string, closedAt: Date | null): Promise<void>;
  /** The tenant's requests citing the ticket that are still open or active, locked until commit. */
  lockOpenCiting(tenantId: string, ticketId: string): Promise<SupportAccessRequest[]>;
}

/** What identity may know of a helpdesk ticket, asked of the helpdesk when needed (ADR 43). */
export interface TicketFacts {
  tenantId: string;
  status: 'open' | 'waiting-for-customer' | 'solved' | 'closed';
  subject: string | null;
}

/** The helpdesk, asked over its internal route with identity's bound service credential (ADR 38). */
export interface TicketDirectory {
  /** The ticket, or undefined when the helpdesk knows no such ticket. Throws when the helpdesk cannot answer now. */
  facts(ticketId: string): Promise<TicketFacts | undefined>;
}

/**
 * What the gateway's buckets hold, read in their shapes. Always the latest commit (never a cached
 * copy): the projection converges on it (ADR 8). Reads whichever tenant the key names.
 */
export interface AccessReads {
  membership(userId: string, tenantId: string): Promise<MembershipEntry | null>;
  userAccess(userId: string): Promise<UserAccess | null>;
  currentStatement(): Promise<CurrentStatement | null>;
  /** Every (user, tenant) pair with a membership, and every user id: for rebuilding empty buckets. */
  allKeys(): Promise<{ memberships: { userId: string; tenantId: string }[]; users: string[] }>;
}

/** Active support grants in the gateway bucket's shape, always the latest commit. */
export interface GrantReads {
  grant(requestId: string, now: Date): Promise<SupportGrant | null>;
  allActive(now: Date): Promise<SupportGrant[]>;
}

/** One exported row, as the database holds it (column names, snake_case). */
export type SubjectRow = Record<string, unknown>;

/**
 * What identity holds on a data subject, read and deleted for a privacy command (privacy.ts). It
 * reaches the rows the command's scope lets it (a user's across tenants, an institute's own).
 */
export interface SubjectRecords {
  ofUser(userId: string): Promise<{
    account: SubjectRow[]; memberships: SubjectRow[]; invitations: SubjectRow[]; acceptances: SubjectRow[]; supportRequests: SubjectRow[];
  }>;
  ofTenant(tenantId: string): Promise<{ details: SubjectRow[]; memberships: SubjectRow[]; invitations: SubjectRow[] }>;
  /** Deletes the user's rows (memberships, acceptances, invitations to/by them, sign-up attempts, the account). */
  eraseUser(userId: string): Promise<{ membershipTenantIds: string[]; acceptances: number; invitations: number; users: number }>;
  /** Deletes the institute's rows (memberships, sign-up attempts, invitations, details, support requests). */
  eraseTenant(tenantId: string): Promise<{ memberUserIds: string[]; invitations: number; tenants: number; supportRequestIds: string[] }>;
  /** A support user's requests: how many, how many still open or active, when the last finished one ended. */
  supportRequestsOf(userId: string): Promise<{ count: number; open: number; lastEnded: Date | null }>;
  /** Audit entries whose actor is the user, or of the tenant: how many, and the newest one's time. */
  auditEntries(of: { actorUserId: string } | { tenantId: string }): Promise<{ count: number; newest: Date | null }>;
}

export interface Repositories {
  memberships: Memberships;
  tenants: Tenants;
  invitations: Invitations;
  users: Users;
  signups: Signups;
  statements: Statements;
  supportRequests: SupportRequests;
  access: AccessReads;
  grants: GrantReads;
  subjects: SubjectRecords;
  events: Events;
  audit: AuditLog;
}

export type IdentityUnitOfWork = UnitOfWork<Repositories>;
