import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hashPassword, verifyPassword } from './passwords';
import { DEFAULT_REALM_ROLES, type DevUser } from './types';

/** A registered WebAuthn credential, as Keycloak keeps a `webauthn` credential: public key, never a secret. */
export interface SecurityKey {
  /** The credential id (base64url). */
  id: string;
  /** The COSE public key (base64url). */
  publicKey: string;
  /** The authenticator's signature counter as last seen. */
  counter: number;
  transports: string[];
  createdAt: number;
}

/** A user as the issuer keeps it: Keycloak's user fields, a password hash, realm role mappings. */
export interface StoredUser {
  id: string;
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  enabled: boolean;
  emailVerified: boolean;
  /** The user's OTP credential (base32), as Keycloak keeps it after enrolment; absent without one. */
  totpSecret?: string;
  /** Registered security keys (WebAuthn); absent or empty without one. */
  securityKeys?: SecurityKey[];
  /** Directly mapped realm roles, including `default-roles-homi`. */
  roles: Set<string>;
  attributes: Record<string, string[]>;
  createdTimestamp: number;
  passwordHash?: string;
}

export interface NewUser {
  id?: string;
  username?: string;
  email: string;
  firstName?: string;
  lastName?: string;
  enabled?: boolean;
  emailVerified?: boolean;
  totpSecret?: string;
  roles?: string[];
  attributes?: Record<string, string[]>;
  password?: string;
}

export type UserPatch = Partial<Pick<StoredUser, 'email' | 'firstName' | 'lastName' | 'enabled' | 'emailVerified' | 'attributes'>>;

export class UserConflictError extends Error {
  constructor(readonly field: 'id' | 'username' | 'email') {
    super(`User exists with same ${field}`);
  }
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** `usr_` + 20 random base32 characters. */
export function newUserId(): string {
  return `usr_${[...randomBytes(20)].map((b) => ALPHABET[b & 31]).join('')}`;
}

function splitName(name: string | undefined): { firstName: string; lastName: string } {
  const trimmed = (name ?? '').trim();
  const space = trimmed.indexOf(' ');
  return space < 0
    ? { firstName: trimmed, lastName: '' }
    : { firstName: trimmed.slice(0, space), lastName: trimmed.slice(space + 1).trim() };
}

export function fromDevUser(user: DevUser): NewUser {
  return {
    id: user.id,
    email: user.email,
    password: user.password,
    ...splitName(user.name),
    roles: user.roles,
    totpSecret: user.totpSecret,
    enabled: user.enabled,
    emailVerified: true,
  };
}

/** Realm roles as Keycloak puts them in tokens: composites of default-roles-homi expanded. */
export function effectiveRealmRoles(user: StoredUser): string[] {
  const roles = new Set(user.roles);
  if (roles.has('default-roles-homi')) DEFAULT_REALM_ROLES.forEach((r) => roles.add(r));
  return [...roles];
}

type SavedUser = Omit<StoredUser, 'roles'> & { roles: string[] };

export class UserStore {
  private readonly byId = new Map<string, StoredUser>();

  /**
   * With a state file, accounts created or changed through the admin API survive a restart of
   * `npm start` (as they would in Keycloak's database). It holds password hashes, never passwords.
   */
  constructor(private readonly stateFile?: string) {
    if (stateFile && existsSync(stateFile)) {
      for (const saved of JSON.parse(readFileSync(stateFile, 'utf8')) as SavedUser[]) {
        this.byId.set(saved.id, { ...saved, roles: new Set(saved.roles) });
        saved.roles.forEach((r) => this.realmRoles.add(r));
      }
    }
  }

  /** Writes the state file, if any, atomically. Call after every change. */
  save(): void {
    if (!this.stateFile) return;
    const saved: SavedUser[] = this.list().map((u) => ({ ...u, roles: [...u.roles] }));
    const tmp = `${this.stateFile}.tmp`;
    writeFileSync(tmp, JSON.stringify(saved), { mode: 0o600 });
    renameSync(tmp, this.stateFile);
  }
  readonly realmRoles = new Set<string>([...DEFAULT_REALM_ROLES, 'support', 'operator']);
  // Compared against when a login names no known user, so both paths cost one scrypt.
  private readonly decoyHash = hashPassword(randomBytes(16).toString('hex'));

  async add(input: NewUser): Promise<StoredUser> {
    const id = input.id ?? newUserId();
    const email = input.email.trim().toLowerCase();
    const username = (input.username ?? email).trim().toLowerCase();
    if (this.byId.has(id)) throw new UserConflictError('id');
    if (this.findByUsername(username)) throw new UserConflictError('username');
    if (this.findByEmail(email)) throw new UserConflictError('email');
    const user: StoredUser = {
      id,
      username,
      email,
      firstName: input.firstName ?? '',
      lastName: input.lastName ?? '',
      enabled: input.enabled ?? true,
      emailVerified: input.emailVerified ?? false,
      ...(input.totpSecret ? { totpSecret: input.totpSecret.replace(/[\s=]/g, '').toUpperCase() } : {}),
      roles: new Set(['default-roles-homi', ...(input.roles ?? [])]),
      attributes: input.attributes ?? {},
      createdTimestamp: Date.now(),
      passwordHash: input.password === undefined ? undefined : await hashPassword(input.password),
    };
    user.roles.forEach((r) => this.realmRoles.add(r));
    this.byId.set(id, user);
    this.save();
    return user;
  }

  get(id: string): StoredUser | undefined {
    return this.byId.get(id);
  }

  list(): StoredUser[] {
    return [...this.byId.values()];
  }

  findByEmail(email: string): StoredUser | undefined {
    const wanted = email.trim().toLowerCase();
    return this.list().find((u) => u.email === wanted);
  }

  findByUsername(username: string): StoredUser | undefined {
    const wanted = username.trim().toLowerCase();
    return this.list().find((u) => u.username === wanted);
  }

  /** The user whose username or email and password match, enabled or not; undefined otherwise. */
  async authenticate(login: string, password: string): Promise<StoredUser | undefined> {
    const user = this.findByUsername(login) ?? this.findByEmail(login);
    const ok = await verifyPassword(password, user?.passwordHash ?? (await this.decoyHash));
    return user?.passwordHash && ok ? user : undefined;
  }

  async setPassword(id: string, password: string): Promise<void> {
    this.require(id).passwordHash = await hashPassword(password);
    this.save();
  }

  update(id: string, patch: UserPatch): StoredUser {
    const user = this.require(id);
    if (patch.email !== undefined) {
      const email = patch.email.trim().toLowerCase();
      const other = this.findByEmail(email);
      if (other && other.id !== id) throw new UserConflictError('email');
      user.email = email;
    }
    const { email: _email, ...rest } = patch;
    Object.assign(user, Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)));
    this.save();
    return user;
  }

  addSecurityKey(id: string, key: SecurityKey): void {
    const user = this.require(id);
    user.securityKeys = [...(user.securityKeys ?? []).filter((k) => k.id !== key.id), key];
    this.save();
  }

  setSecurityKeyCounter(id: string, keyId: string, counter: number): void {
    const key = this.require(id).securityKeys?.find((k) => k.id === keyId);
    if (!key) throw new Error(`unknown security key for ${id}`);
    key.counter = counter;
    this.save();
  }

  delete(id: string): boolean {
    const deleted = this.byId.delete(id);
    this.save();
    return deleted;
  }

  private require(id: string): StoredUser {
    const user = this.byId.get(id);
    if (!user) throw new Error(`unknown user ${id}`);
    return user;
  }
}
