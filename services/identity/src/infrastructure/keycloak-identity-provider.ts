import KeycloakAdminClient, { NetworkError } from '@keycloak/keycloak-admin-client';
import { emailTaken, identityProviderUnavailable, IdentityProviderError, weakPassword, type Account, type AccountChanges, type IdentityProvider, type NewAccount } from '../application/ports';
import { AdminToken } from './admin-token';
import { joinName, newUserRepresentation, splitName } from './names';

export interface KeycloakOptions {
  /** Keycloak's base URL, e.g. http://keycloak:8080. */
  baseUrl: string;
  realm: string;
  clientId: string;
  clientSecret: string;
}


/**
 * Keycloak through the official admin client (ADR 9). Keycloak assigns its own user ids (UUIDs)
 * and enforces the realm's password policy itself; its refusals become the port's AppErrors.
 */
export class KeycloakIdentityProvider implements IdentityProvider {
  private readonly kc: KeycloakAdminClient;

  constructor(options: KeycloakOptions) {
    const base = options.baseUrl.replace(/\/$/, '');
    this.kc = new KeycloakAdminClient({ baseUrl: base, realmName: options.realm, timeout: 10_000 });
    const token = new AdminToken({
      tokenUrl: `${base}/realms/${encodeURIComponent(options.realm)}/protocol/openid-connect/token`,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
    });
    this.kc.registerTokenProvider({ getAccessToken: () => token.get() });
  }

  async createUser(account: NewAccount): Promise<{ id: string }> {
    return this.translate('create user', () => this.kc.users.create(newUserRepresentation(account)));
  }

  async findByEmail(email: string): Promise<Account | undefined> {
    const found = await this.translate('find user', () => this.kc.users.find({ email, exact: true, briefRepresentation: true }));
    const user = found.find((u) => u.email?.toLowerCase() === email.toLowerCase());
    return user?.id ? toAccount(user) : undefined;
  }

  async getUser(id: string): Promise<Account | undefined> {
    const user = await this.translate('get user', () => this.kc.users.findOne({ id }));
    return user?.id ? toAccount(user) : undefined;
  }

  /** Keycloak's PUT replaces the representation, so the current one is read and changed. */
  async updateUser(id: string, changes: AccountChanges): Promise<void> {
    const current = await this.translate('get user', () => this.kc.users.findOne({ id }));
    if (!current) throw new IdentityProviderError('update user', 404);
    const emailChanged = changes.email !== undefined && changes.email !== current.email;
    await this.translate('update user', () =>
      this.kc.users.update({ id }, {
        username: current.username,
        email: changes.email ?? current.email,
        emailVerified: emailChanged ? (changes.emailVerified ?? false) : current.emailVerified,
        ...(changes.name !== undefined ? splitName(changes.name) : { firstName: current.firstName, lastName: current.lastName }),
        enabled: changes.enabled ?? current.enabled,
        attributes: current.attributes,
      }),
    );
  }

  async setPassword(id: string, password: string): Promise<void> {
    await this.translate('set password', () => this.kc.users.resetPassword({ id, credential: { type: 'password', value: password, temporary: false } }));
  }

  async deleteUser(id: string): Promise<void> {
    try {
      await this.translate('delete user', () => this.kc.users.del({ id }));
    } catch (err) {
      if (!(err instanceof IdentityProviderError && err.status === 404)) throw err;
    }
  }

  async assignRealmRole(id: string, role: string): Promise<void> {
    const found = await this.translate('find role', () => this.kc.roles.findOneByName({ name: role }));
    if (!found?.id || !found.name) throw new IdentityProviderError('find role', 404);
    await this.translate('assign role', () => this.kc.users.addRealmRoleMappings({ id, roles: [{ id: found.id as string, name: found.name as string }] }));
  }

  /** Keycloak mails a verification link (the realm's verifyEmail refuses a password login until it is followed). */
  async sendVerificationEmail(id: string): Promise<void> {
    await this.translate('send verification mail', () => this.kc.users.sendVerifyEmail({ id }));
  }

  /** Keycloak's answers as the port's errors; only the status is kept, never a response body. */
  private async translate<T>(operation: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      if (!(err instanceof NetworkError)) {
        if (err instanceof Error && err.name === 'AppError') throw err;
        throw identityProviderUnavailable(err);
      }
      const status = err.response.status;
      // Keycloak names a policy refusal in errorMessage or error, e.g. invalidPasswordMinLengthMessage.
      const said = JSON.stringify(err.responseData ?? '');
      if (status === 409) throw emailTaken();
      if (status === 400 && /password/i.test(said)) throw weakPassword([]);
      throw new IdentityProviderError(operation, status);
    }
  }
}

function toAccount(u: {
  id?: string; email?: string; firstName?: string; lastName?: string; enabled?: boolean; emailVerified?: boolean; createdTimestamp?: number;
}): Account {
  return {
    id: u.id as string, email: u.email ?? '', name: joinName(u.firstName, u.lastName), enabled: u.enabled ?? false, emailVerified: u.emailVerified ?? false,
    ...(u.createdTimestamp ? { createdAt: new Date(u.createdTimestamp) } : {}),
  };
}
