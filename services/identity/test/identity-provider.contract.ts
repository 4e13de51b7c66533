import { randomBytes } from 'node:crypto';
import type { AppError } from '@homi/service-kit';
import type { IdentityProvider } from '../src/application/ports';

/** One identity provider under test, with a way to log in against it. */
export interface ContractTarget {
  idp: IdentityProvider;
  /** The realm roles of a successful password login; undefined when the provider refuses it. */
  login(email: string, password: string): Promise<string[] | undefined>;
  stop(): Promise<void>;
}

export interface ContractOptions {
  /** The provider applies the realm's password policy (the development issuer alone does not). */
  enforcesPasswordPolicy: boolean;
  /** The provider keeps the id proposed at creation (the development issuer does; Keycloak assigns UUIDs). */
  keepsProposedIds: boolean;
}

const email = () => `contract.${randomBytes(6).toString('hex')}@example.nl`;
const password = () => `Contract-${randomBytes(9).toString('base64url')}`;
const NAME = 'Dana de Vries';

async function expectAppError(promise: Promise<unknown>, kind: string, type: string): Promise<AppError> {
  const err = (await promise.then(() => undefined, (e: unknown) => e)) as AppError | undefined;
  expect(err).toMatchObject({ kind, type });
  return err as AppError;
}

/** The behaviour every IdentityProvider adapter must show; run against each one. */
export function identityProviderContract(start: () => Promise<ContractTarget>, options: ContractOptions): void {
  let t: ContractTarget;
  beforeAll(async () => {
    t = await start();
  }, 240_000);
  afterAll(() => t?.stop());

  async function account(extra: { password?: string; enabled?: boolean } = {}) {
    const address = email();
    const secret = extra.password ?? password();
    const { id } = await t.idp.createUser({ email: address, name: NAME, password: secret, enabled: extra.enabled ?? true, emailVerified: true });
    return { id, email: address, password: secret };
  }

  it('creates an account that logs in with its password, under the id it returns', async () => {
    const a = await account();
    expect(await t.login(a.email, a.password)).toBeDefined();
    const found = await t.idp.getUser(a.id);
    expect(found).toMatchObject({ id: a.id, email: a.email, name: NAME, enabled: true });
    expect(Math.abs((found?.createdAt?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
    expect(await t.login(a.email, `${a.password}-wrong`)).toBeUndefined();
  });

  (options.keepsProposedIds ? it : it.skip)('keeps the id proposed at creation', async () => {
    const proposed = `usr_${randomBytes(10).toString('hex')}`;
    expect((await t.idp.createUser({ id: proposed, email: email(), name: NAME, enabled: true })).id).toBe(proposed);
  });

  it('finds an account by e-mail address whatever its case, and nothing for an unknown one', async () => {
    const a = await account();
    expect((await t.idp.findByEmail(a.email.toUpperCase()))?.id).toBe(a.id);
    expect(await t.idp.findByEmail(email())).toBeUndefined();
    expect(await t.idp.getUser('usr_doesnotexist0000000')).toBeUndefined();
  });

  it('refuses a second account with the same address as email-taken', async () => {
    const a = await account();
    await expectAppError(t.idp.createUser({ email: a.email, name: NAME, password: password(), enabled: true }), 'conflict', 'email-taken');
  });

  (options.enforcesPasswordPolicy ? it : it.skip)('refuses a password the policy refuses as weak-password, and creates nothing', async () => {
    const address = email();
    for (const weak of ['kort', address]) {
      const err = await expectAppError(t.idp.createUser({ email: address, name: NAME, password: weak, enabled: true }), 'invalid', 'weak-password');
      expect(err.errors?.[0]?.path).toBe('password');
    }
    expect(await t.idp.findByEmail(address)).toBeUndefined();
    const a = await account();
    await expectAppError(t.idp.setPassword(a.id, 'kort'), 'invalid', 'weak-password');
    expect(await t.login(a.email, a.password)).toBeDefined();
  });

  // Not a login with the new address: Keycloak's realm wants a changed address verified first.
  it('changes the address and the name, and refuses an address another account has', async () => {
    const [a, b] = [await account(), await account()];
    const address = email();
    await t.idp.updateUser(a.id, { email: address, name: 'Dana Jansen' });
    expect(await t.idp.getUser(a.id)).toMatchObject({ email: address, name: 'Dana Jansen' });
    expect((await t.idp.findByEmail(address))?.id).toBe(a.id);
    expect(await t.idp.findByEmail(a.email)).toBeUndefined();
    await expectAppError(t.idp.updateUser(b.id, { email: address }), 'conflict', 'email-taken');
  });

  it('marks a changed address unverified, unless the change says it was verified (a confirmed change), and logs in with it', async () => {
    const a = await account();
    const unverified = email();
    await t.idp.updateUser(a.id, { email: unverified });
    expect(await t.idp.getUser(a.id)).toMatchObject({ email: unverified, emailVerified: false });
    const verified = email();
    await t.idp.updateUser(a.id, { email: verified, emailVerified: true });
    expect(await t.idp.getUser(a.id)).toMatchObject({ email: verified, emailVerified: true });
    expect(await t.login(verified, a.password)).toBeDefined();
    await t.idp.updateUser(a.id, { name: 'Dana Jansen' });
    expect((await t.idp.getUser(a.id))?.emailVerified).toBe(true);
  });

  it('disables an account, which then cannot log in, and enables it again', async () => {
    const a = await account();
    await t.idp.updateUser(a.id, { enabled: false });
    expect(await t.login(a.email, a.password)).toBeUndefined();
    expect((await t.idp.getUser(a.id))?.enabled).toBe(false);
    await t.idp.updateUser(a.id, { enabled: true });
    expect(await t.login(a.email, a.password)).toBeDefined();
  });

  it('sets a new password, after which only the new one works', async () => {
    const a = await account();
    const next = password();
    await t.idp.setPassword(a.id, next);
    expect(await t.login(a.email, a.password)).toBeUndefined();
    expect(await t.login(a.email, next)).toBeDefined();
  });

  it('creates an account without a password that cannot log in until one is set', async () => {
    const address = email();
    const { id } = await t.idp.createUser({ email: address, name: NAME, enabled: true, emailVerified: true });
    expect(await t.login(address, password())).toBeUndefined();
    const chosen = password();
    await t.idp.setPassword(id, chosen);
    expect(await t.login(address, chosen)).toBeDefined();
  });

  it('deletes an account, which then cannot log in; deleting it again is no error', async () => {
    const a = await account();
    await t.idp.deleteUser(a.id);
    expect(await t.login(a.email, a.password)).toBeUndefined();
    expect(await t.idp.findByEmail(a.email)).toBeUndefined();
    await expect(t.idp.deleteUser(a.id)).resolves.toBeUndefined();
  });

  it('assigns a realm role, which then appears in the tokens', async () => {
    const a = await account();
    expect(await t.login(a.email, a.password)).not.toContain('support');
    await t.idp.assignRealmRole(a.id, 'support');
    expect(await t.login(a.email, a.password)).toContain('support');
  });
}
