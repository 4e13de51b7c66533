import { createHash, randomUUID } from 'node:crypto';
import {
  emailTaken, IdentityProviderError, weakPassword,
  type Account, type AccountChanges, type IdentityProvider, type NewAccount,
} from './ports';
import { passwordProblems } from '../domain/password-policy';

interface StoredAccount extends Account {
  passwordHash?: string;
  roles: Set<string>;
  verificationMails: number;
}

const REALM_ROLES = new Set(['default-roles-homi', 'offline_access', 'uma_authorization', 'support', 'operator']);
const hash = (password: string) => createHash('sha256').update(`homi-fake:${password}`).digest('hex');

/** An identity provider in memory, for unit tests; the shared behavioural suite holds it to the real ones. */
export class InMemoryIdentityProvider implements IdentityProvider {
  private readonly accounts = new Map<string, StoredAccount>();
  async createUser(account: NewAccount): Promise<{ id: string }> {
    if (account.password !== undefined && passwordProblems(account.password, account.email).length > 0) {
      throw weakPassword(passwordProblems(account.password, account.email));
    }
    if (this.byEmail(account.email)) throw emailTaken();
    const id = account.id ?? randomUUID();
    const { password: _password, ...rest } = account;
    this.accounts.set(id, {
      ...rest, id, email: account.email.toLowerCase(), roles: new Set(['default-roles-homi']), verificationMails: 0, emailVerified: account.emailVerified ?? false, createdAt: new Date(),
      passwordHash: account.password === undefined ? undefined : hash(account.password),
    });
    return { id };
  }

  async findByEmail(email: string): Promise<Account | undefined> {
    const found = this.byEmail(email);
    return found ? publicView(found) : undefined;
  }

  async getUser(id: string): Promise<Account | undefined> {
    const found = this.accounts.get(id);
    return found ? publicView(found) : undefined;
  }

  async updateUser(id: string, changes: AccountChanges): Promise<void> {
    const account = this.require(id, 'update user');
    const other = changes.email ? this.byEmail(changes.email) : undefined;
    if (other && other.id !== id) throw emailTaken();
    if (changes.email !== undefined && changes.email.toLowerCase() !== account.email) {
      account.email = changes.email.toLowerCase();
      account.emailVerified = changes.emailVerified ?? false;
    }
    if (changes.name !== undefined) account.name = changes.name;
    if (changes.enabled !== undefined) account.enabled = changes.enabled;
  }

  async setPassword(id: string, password: string): Promise<void> {
    const account = this.require(id, 'set password');
    const problems = passwordProblems(password, account.email);
    if (problems.length > 0) throw weakPassword(problems);
    account.passwordHash = hash(password);
  }

  async deleteUser(id: string): Promise<void> {
    this.accounts.delete(id);
  }

  async assignRealmRole(id: string, role: string): Promise<void> {
    if (!REALM_ROLES.has(role)) throw new IdentityProviderError('find role', 404);
    this.require(id, 'assign role').roles.add(role);
  }

  async sendVerificationEmail(id: string): Promise<void> {
    this.require(id, 'send verification mail').verificationMails++;
  }

  /** What a password grant would say: the realm roles of an enabled account with this password. */
  login(email: string, password: string): string[] | undefined {
    const account = this.byEmail(email);
    return account?.enabled && account.passwordHash === hash(password) ? [...account.roles] : undefined;
  }

  private byEmail(email: string): StoredAccount | undefined {
    return [...this.accounts.values()].find((a) => a.email === email.toLowerCase());
  }

  private require(id: string, operation: string): StoredAccount {
    const account = this.accounts.get(id);
    if (!account) throw new IdentityProviderError(operation, 404);
    return account;
  }
}

function publicView(a: StoredAccount): Account {
  return { id: a.id, email: a.email, name: a.name, enabled: a.enabled, emailVerified: a.emailVerified, createdAt: a.createdAt };
}
