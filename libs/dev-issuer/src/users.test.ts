import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { effectiveRealmRoles, fromDevUser, newUserId, UserConflictError, UserStore } from './users';

describe('UserStore', () => {
  it('keeps only a scrypt hash of the password', async () => {
    const store = new UserStore();

    const user = await store.add({ email: 'a@example.com', password: 'hunter2-hunter2' });

    expect(user.passwordHash).toMatch(/^scrypt\$/);
    expect(JSON.stringify({ ...user, roles: [...user.roles] })).not.toContain('hunter2');
  });

  it('authenticates by username or email, case-insensitively, and only with the right password', async () => {
    const store = new UserStore();
    await store.add({ email: 'A@Example.com', username: 'alice', password: 'pw-one' });

    expect((await store.authenticate('alice', 'pw-one'))?.email).toBe('a@example.com');
    expect(await store.authenticate('a@EXAMPLE.com', 'pw-one')).toBeDefined();
    expect(await store.authenticate('alice', 'pw-two')).toBeUndefined();
    expect(await store.authenticate('nobody', 'pw-one')).toBeUndefined();
  });

  it('never authenticates a user created without a password', async () => {
    const store = new UserStore();
    await store.add({ email: 'nopw@example.com' });

    expect(await store.authenticate('nopw@example.com', '')).toBeUndefined();
  });

  it('refuses a second user with the same id, username or email', async () => {
    const store = new UserStore();
    await store.add({ id: 'usr_1', email: 'one@example.com', username: 'one' });

    await expect(store.add({ id: 'usr_1', email: 'x@example.com' })).rejects.toThrow(UserConflictError);
    await expect(store.add({ email: 'y@example.com', username: 'ONE' })).rejects.toThrow('same username');
    await expect(store.add({ email: 'One@example.com' })).rejects.toThrow('same email');
  });

  it('gives every user default-roles-homi and expands its composites for tokens', async () => {
    const store = new UserStore();

    const user = await store.add(fromDevUser({ id: 'usr_s', email: 's@example.com', password: 'pw', roles: ['support'] }));

    expect(effectiveRealmRoles(user).sort()).toEqual(['default-roles-homi', 'offline_access', 'support', 'uma_authorization']);
  });

  it('keeps security keys and their counters across a restart with a state file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'homi-users-')), 'state.json');
    const store = new UserStore(file);
    const agent = await store.add({ email: 'agent@homi.test', roles: ['support'] });
    store.addSecurityKey(agent.id, { id: 'a2V5', publicKey: 'cHVibGlj', counter: 0, transports: ['usb'], createdAt: 1 });
    store.setSecurityKeyCounter(agent.id, 'a2V5', 7);
    expect(new UserStore(file).get(agent.id)?.securityKeys).toEqual([{ id: 'a2V5', publicKey: 'cHVibGlj', counter: 7, transports: ['usb'], createdAt: 1 }]);
    expect(() => store.setSecurityKeyCounter(agent.id, 'b3RoZXI', 8)).toThrow();
  });

  it('splits a DevUser name into first and last name', () => {
    expect(fromDevUser({ id: 'usr_x', email: 'x@example.com', password: 'p', name: 'Anna van der Berg' }))
      .toMatchObject({ firstName: 'Anna', lastName: 'van der Berg', emailVerified: true });
  });
});

describe('newUserId', () => {
  it('is usr_ plus 20 base32 characters, different each time', () => {
    const ids = new Set(Array.from({ length: 100 }, newUserId));

    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^usr_[a-z2-7]{20}$/);
  });
});
