import { MembershipChanged, TenantCreated, UserAccessChanged } from '@homi/contracts';
import { PrivacyStatement } from '../domain/privacy-statement';
import { SignupAttempt } from '../domain/signup-attempt';
import { User } from '../domain/user';
import { inMemoryDeps } from './in-memory';
import { signUp } from './sign-up';
import { createTenant } from './tenant-step';

const input = (email = 'eigenaar@example.nl', version = '2026-01') => ({
  email, password: 'een-lang-en-sterk-wachtwoord', name: 'Eva Eigenaar', institute: { name: 'Salon Eva' }, acceptedPrivacyStatementVersion: version,
});

function signUpDeps() {
  const deps = inMemoryDeps();
  deps.repositories.statements.add(new PrivacyStatement('2025-06', new Date('2025-06-01T00:00:00Z'), 'oud'));
  deps.repositories.statements.add(new PrivacyStatement('2026-01', new Date('2026-01-01T00:00:00Z'), 'huidig'));
  return { ...deps, tenantStep: createTenant };
}

describe('signUp', () => {
  it('makes the account, the tenant, the owner membership and the acceptance, and announces them', async () => {
    const deps = signUpDeps();
    const { userId, tenantId } = await signUp(deps, input());
    const { users, tenants, memberships, statements, signups } = deps.repositories;
    expect((await users.get(userId))?.email).toBe('eigenaar@example.nl');
    expect((await tenants.get(tenantId))?.instituteName).toBe('Salon Eva');
    expect((await memberships.get(tenantId, userId))?.role).toBe('owner');
    expect(await statements.acceptedVersion(userId)).toBe('2026-01');
    expect(deps.published.map((e) => e.subject)).toEqual([TenantCreated.subject, MembershipChanged.subject, UserAccessChanged.subject]);
    // The saga's record keeps no address once it completed.
    expect([...signups.rows.values()]).toEqual([expect.objectContaining({ status: 'completed', email: null, userId, tenantId })]);
    expect((await deps.idp.findByEmail('eigenaar@example.nl'))?.id).toBe(userId);
  });

  it('refuses an address that has an account, whatever its case, before anything is made', async () => {
    const deps = signUpDeps();
    await deps.repositories.users.add(new User('usr_taken0001', 'eigenaar@example.nl', 'Iemand', new Date('2026-01-01T00:00:00Z')));
    await expect(signUp(deps, input('Eigenaar@Example.NL'))).rejects.toMatchObject({ kind: 'conflict', type: 'email-taken' });
    expect(deps.repositories.signups.rows.size).toBe(0);
    expect(deps.repositories.tenants.rows.size).toBe(0);
    expect(await deps.idp.findByEmail('eigenaar@example.nl')).toBeUndefined();
    expect(deps.published).toEqual([]);
  });

  it('refuses an address another sign-up is still under way for (its pending record), and makes no account', async () => {
    const deps = signUpDeps();
    deps.repositories.signups.add(new SignupAttempt('sgn_other0001', 'eigenaar@example.nl', 'ten_other0001', deps.clock()));
    await expect(signUp(deps, input())).rejects.toMatchObject({ kind: 'conflict', type: 'email-taken' });
    expect(await deps.idp.findByEmail('eigenaar@example.nl')).toBeUndefined();
    expect(deps.repositories.tenants.rows.size).toBe(0);
  });

  it('accepts only the current statement: 409 for a superseded version, 400 for an unknown one', async () => {
    const deps = signUpDeps();
    await expect(signUp(deps, input(undefined, '2025-06'))).rejects.toMatchObject({ kind: 'conflict', type: 'privacy-statement-outdated' });
    await expect(signUp(deps, input(undefined, '1999-01'))).rejects.toMatchObject({ kind: 'invalid', type: 'unknown-privacy-statement-version' });
    expect(deps.repositories.signups.rows.size).toBe(0);
  });

  it('deletes the account again and records the failed step when the tenant step fails', async () => {
    const deps = { ...signUpDeps(), tenantStep: async () => Promise.reject(new Error('tenant step failed (injected)')) };
    await expect(signUp(deps, input())).rejects.toThrow('tenant step failed (injected)');
    expect(await deps.idp.findByEmail('eigenaar@example.nl')).toBeUndefined();
    expect([...deps.repositories.signups.rows.values()]).toEqual([expect.objectContaining({ status: 'failed', email: null, failure: 'create-tenant-failed' })]);
    expect(deps.published).toEqual([]);
  });
});
