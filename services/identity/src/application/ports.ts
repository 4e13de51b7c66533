import type { Contract, ContractData } from '@homi/contracts';
import { AppError, type UnitOfWork } from '@homi/service-kit';
import type { AuditRecord } from '../domain/audit-entry';
import type { Invitation } from '../domain/invitation';
import type { Membership } from '../domain/membership';
import type { Tenant } from '../domain/tenant';

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

// The repositories the converted use cases take (ADR 35); MikroORM's are in infrastructure/repositories.ts,
// in-memory ones in application/in-memory.ts. Each method for one tenant takes the tenantId.

/** A member as the members routes present them: the membership with the user's name and address. */
export interface MemberRow {
  membership: Membership;
  email: string;
  name: string;
}

export interface Memberships {
  get(tenantId: string, userId: string): Promise<Membership | null>;
  remove(membership: Membership): void;
  /** The tenant's members with their name and address, oldest membership first. */
  list(tenantId: string): Promise<MemberRow[]>;
  /** The member with the user's name and address. */
  row(membership: Membership): Promise<MemberRow>;
  /** Locks the tenant's owner rows until commit and counts them, so two changes cannot each remove the other last owner. */
  lockOwners(tenantId: string): Promise<number>;
}

export interface Invitations {
  get(tenantId: string, id: string): Promise<Invitation | null>;
  /** The tenant's invitations still open at `now`, newest first. */
  listPending(tenantId: string, now: Date): Promise<Invitation[]>;
  /** Writes the invitation's changed state now, inside the unit of work (before what follows reads the tables). */
  save(invitation: Invitation): Promise<void>;
}

/** Events published only if the unit of work commits (the transactional outbox). */
export interface Events {
  publish<C extends Contract>(contract: C, data: ContractData<C>): void;
}

/** The tenant's hash-chained audit log; an append holds the tenant's chain until commit. */
export interface AuditLog {
  append(record: AuditRecord): Promise<unknown>;
}

export interface Tenants {
  get(id: string): Promise<Tenant | null>;
}

export interface Repositories {
  memberships: Memberships;
  tenants: Tenants;
  invitations: Invitations;
  events: Events;
  audit: AuditLog;
}

export type IdentityUnitOfWork = UnitOfWork<Repositories>;
