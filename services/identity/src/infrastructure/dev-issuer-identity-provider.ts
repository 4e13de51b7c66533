import type { Logger } from '@homi/service-kit';
import { emailTaken, identityProviderUnavailable, IdentityProviderError, weakPassword, type Account, type AccountChanges, type IdentityProvider, type NewAccount } from '../application/ports';
import { passwordProblems } from '../domain/password-policy';
import { AdminToken } from './admin-token';
import { joinName, newUserRepresentation, splitName } from './names';

export interface DevIssuerOptions {
  /** The issuer's base URL, e.g. http://localhost:3001. */
  baseUrl: string;
  adminSecret: string;
  logger: Logger;
  realm?: string;
}

interface UserRepresentation {
  id: string;
  email: string;
  firstName?: string;
  lastName?: string;
  enabled: boolean;
  emailVerified?: boolean;
  createdTimestamp?: number;
}

const toAccount = (u: UserRepresentation): Account => ({
  id: u.id, email: u.email, name: joinName(u.firstName, u.lastName), enabled: u.enabled, emailVerified: u.emailVerified ?? false,
  ...(u.createdTimestamp ? { createdAt: new Date(u.createdTimestamp) } : {}),
});

/**
 * The development issuer (libs/dev-issuer) through its Keycloak-compatible Admin REST API, with
 * plain fetch. It has no password policy of its own, so the realm's policy is applied here.
 */
export class DevIssuerIdentityProvider implements IdentityProvider {
  private readonly admin: string;
  private readonly token: AdminToken;

  constructor(private readonly options: DevIssuerOptions) {
    const realm = options.realm ?? 'homi';
    this.admin = `${options.baseUrl.replace(/\/$/, '')}/admin/realms/${realm}`;
    this.token = new AdminToken({
      tokenUrl: `${options.baseUrl.replace(/\/$/, '')}/realms/${realm}/protocol/openid-connect/token`,
      clientId: 'homi-admin',
      clientSecret: options.adminSecret,
    });
  }

  async createUser(account: NewAccount): Promise<{ id: string }> {
    if (account.password !== undefined) {
      const problems = passwordProblems(account.password, account.email);
      if (problems.length > 0) throw weakPassword(problems);
    }
    const res = await this.call('POST', '/users', { ...(account.id ? { id: account.id } : {}), ...newUserRepresentation(account) });
    if (res.status === 409) throw emailTaken();
    if (res.status !== 201) throw new IdentityProviderError('create user', res.status);
    return { id: decodeURIComponent(String(res.headers.get('location')).split('/').pop() ?? '') };
  }

  async findByEmail(email: string): Promise<Account | undefined> {
    const res = await this.call('GET', `/users?email=${encodeURIComponent(email)}&exact=true`);
    if (res.status !== 200) throw new IdentityProviderError('find user', res.status);
    const [user] = (await res.json()) as UserRepresentation[];
    return user ? toAccount(user) : undefined;
  }

  async getUser(id: string): Promise<Account | undefined> {
    const res = await this.call('GET', `/users/${encodeURIComponent(id)}`);
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw new IdentityProviderError('get user', res.status);
    return toAccount((await res.json()) as UserRepresentation);
  }

  async updateUser(id: string, changes: AccountChanges): Promise<void> {
    const res = await this.call('PUT', `/users/${encodeURIComponent(id)}`, {
      ...(changes.email !== undefined ? { email: changes.email, emailVerified: changes.emailVerified ?? false } : {}),
      ...(changes.name !== undefined ? splitName(changes.name) : {}),
      ...(changes.enabled !== undefined ? { enabled: changes.enabled } : {}),
    });
    if (res.status === 409) throw emailTaken();
    if (res.status !== 204) throw new IdentityProviderError('update user', res.status);
  }

  async setPassword(id: string, password: string): Promise<void> {
    const user = await this.getUser(id);
    if (!user) throw new IdentityProviderError('set password', 404);
    const problems = passwordProblems(password, user.email);
    if (problems.length > 0) throw weakPassword(problems);
    const res = await this.call('PUT', `/users/${encodeURIComponent(id)}/reset-password`, { type: 'password', value: password, temporary: false });
    if (res.status !== 204) throw new IdentityProviderError('set password', res.status);
  }

  async deleteUser(id: string): Promise<void> {
    const res = await this.call('DELETE', `/users/${encodeURIComponent(id)}`);
    if (res.status !== 204 && res.status !== 404) throw new IdentityProviderError('delete user', res.status);
  }

  async assignRealmRole(id: string, role: string): Promise<void> {
    const found = await this.call('GET', `/roles/${encodeURIComponent(role)}`);
    if (found.status !== 200) throw new IdentityProviderError('find role', found.status);
    const { id: roleId, name } = (await found.json()) as { id: string; name: string };
    const res = await this.call('POST', `/users/${encodeURIComponent(id)}/role-mappings/realm`, [{ id: roleId, name }]);
    if (res.status !== 204) throw new IdentityProviderError('assign role', res.status);
  }

  /** As Keycloak's: the issuer mails the link through libs/mail (ADR 51); it does not require a verified address to sign in. */
  async sendVerificationEmail(id: string): Promise<void> {
    const res = await this.call('PUT', `/users/${encodeURIComponent(id)}/send-verify-email`);
    if (res.status !== 204) throw new IdentityProviderError('send verification mail', res.status);
  }

  private async call(method: string, path: string, body?: unknown, retried = false): Promise<Response> {
    const token = await this.token.get();
    let res: Response;
    try {
      res = await fetch(this.admin + path, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (err) {
      throw identityProviderUnavailable(err);
    }
    if (res.status === 401 && !retried) {
      this.token.invalidate();
      return this.call(method, path, body, true);
    }
    return res;
  }
}
