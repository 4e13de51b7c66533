import { hashMailToken } from '../domain/mail-token';
import { User } from '../domain/user';
import { confirmEmailChange } from './confirm-email-change';
import { inMemoryDeps } from './in-memory';

const USER = 'usr_member01';
const TOKEN = 'c'.repeat(43);
const hour = 3600_000;

async function withPendingChange(expiresInMs = hour) {
  const deps = inMemoryDeps();
  const sent: { to: string; template: string }[] = [];
  const mail = {
    send: async (to: string, template: string) => {
      sent.push({ to, template });
      return { messageId: `m${sent.length}` };
    },
  };
  const user = new User(USER, 'oud@example.nl', 'Lid', new Date('2026-01-01T00:00:00Z'));
  Object.assign(user, { pendingEmail: 'nieuw@example.nl', pendingEmailTokenHash: hashMailToken(TOKEN), pendingEmailExpiresAt: new Date(deps.clock().getTime() + expiresInMs) });
  deps.repositories.users.rows.set(USER, user);
  const { id } = await deps.idp.createUser({ id: USER, email: 'oud@example.nl', name: 'Lid', enabled: true });
  return { deps: { ...deps, mail }, user, sent, accountId: id };
}

describe('confirmEmailChange', () => {
  it('changes the address here and at the provider with the mailed code, and tells the old address', async () => {
    const { deps, user, sent } = await withPendingChange();
    const view = await confirmEmailChange(deps, USER, TOKEN, 'nl');
    expect(view).toMatchObject({ user: { email: 'nieuw@example.nl' }, pendingEmail: null });
    expect(user).toMatchObject({ pendingEmail: null, pendingEmailTokenHash: null });
    expect(await deps.idp.getUser(USER)).toMatchObject({ email: 'nieuw@example.nl', emailVerified: true });
    expect(sent).toEqual([{ to: 'oud@example.nl', template: 'email-changed' }]);
  });

  it('refuses another code (404), an expired change (410) and an address another account took meanwhile (409)', async () => {
    const wrong = await withPendingChange();
    await expect(confirmEmailChange(wrong.deps, USER, 'd'.repeat(43), 'nl')).rejects.toMatchObject({ kind: 'not_found', type: 'email-change-not-found' });
    const expired = await withPendingChange(-1);
    await expect(confirmEmailChange(expired.deps, USER, TOKEN, 'nl')).rejects.toMatchObject({ kind: 'gone', type: 'email-change-expired' });
    const taken = await withPendingChange();
    await taken.deps.repositories.users.add(new User('usr_other001', 'Nieuw@example.nl', 'Ander', new Date('2026-02-01T00:00:00Z')));
    await expect(confirmEmailChange(taken.deps, USER, TOKEN, 'nl')).rejects.toMatchObject({ kind: 'conflict', type: 'email-taken' });
    for (const { user, deps, sent } of [wrong, expired, taken]) {
      expect(user.email).toBe('oud@example.nl');
      expect((await deps.idp.getUser(USER))?.email).toBe('oud@example.nl');
      expect(sent).toEqual([]);
    }
  });
});
