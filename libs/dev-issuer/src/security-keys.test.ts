import { SoftAuthenticator } from '../test/soft-authenticator';
import { CEREMONY_TTL_MS, mayUseSecurityKey, SecurityKeyCeremonies } from './security-keys';
import { UserStore, type StoredUser } from './users';

const ORIGIN = 'http://localhost:8123';
const rp = { id: 'localhost', name: 'HOMi', origins: [ORIGIN] };

let users: UserStore;
let clock: number;
let ceremonies: SecurityKeyCeremonies;
let agent: StoredUser;
let key: SoftAuthenticator;

beforeEach(async () => {
  users = new UserStore();
  clock = Date.parse('2026-12-05T10:00:00Z');
  ceremonies = new SecurityKeyCeremonies(rp, users, () => clock);
  agent = await users.add({ email: 'agent@homi.test', roles: ['support'] });
  key = new SoftAuthenticator(ORIGIN, 'localhost');
});

async function registered(): Promise<void> {
  const options = await ceremonies.registrationOptions('attempt-1', agent);
  expect(await ceremonies.finishRegistration('attempt-1', key.register(options))).toMatchObject({ ok: true });
}

describe('registering a security key', () => {
  it('keeps the verified key with its user, public key and counter, and asks for user verification', async () => {
    const options = await ceremonies.registrationOptions('attempt-1', agent);
    expect(options.rp).toEqual({ id: 'localhost', name: 'HOMi' });
    expect(options.authenticatorSelection?.userVerification).toBe('required');
    expect(options.attestation).toBe('none');
    const outcome = await ceremonies.finishRegistration('attempt-1', key.register(options));
    expect(outcome).toMatchObject({ ok: true, key: { id: key.id, counter: 0, transports: ['internal'] } });
    expect(users.get(agent.id)?.securityKeys?.map((k) => k.id)).toEqual([key.id]);
  });

  it('takes a challenge once: the same answer again is refused', async () => {
    const options = await ceremonies.registrationOptions('attempt-1', agent);
    const answer = key.register(options);
    expect(await ceremonies.finishRegistration('attempt-1', answer)).toMatchObject({ ok: true });
    expect(await ceremonies.finishRegistration('attempt-1', answer)).toEqual({ ok: false, reason: 'no-ceremony' });
  });

  it('refuses an answer made for another origin or host, and a key that did not verify its user', async () => {
    for (const answer of [{ origin: 'https://evil.example' }, { rpId: 'evil.example' }, { userVerified: false }]) {
      const options = await ceremonies.registrationOptions('attempt-1', agent);
      expect(await ceremonies.finishRegistration('attempt-1', key.register(options, answer))).toEqual({ ok: false, reason: 'not-verified' });
    }
    expect(users.get(agent.id)?.securityKeys ?? []).toEqual([]);
  });

  it('lets a challenge lapse after five minutes, and a failed answer uses it up', async () => {
    const options = await ceremonies.registrationOptions('attempt-1', agent);
    clock += CEREMONY_TTL_MS + 1;
    expect(await ceremonies.finishRegistration('attempt-1', key.register(options))).toEqual({ ok: false, reason: 'no-ceremony' });
    const again = await ceremonies.registrationOptions('attempt-1', agent);
    expect(await ceremonies.finishRegistration('attempt-1', '{"not":"webauthn"}')).toEqual({ ok: false, reason: 'malformed' });
    expect(await ceremonies.finishRegistration('attempt-1', key.register(again))).toEqual({ ok: false, reason: 'no-ceremony' });
  });

  it('is offered to support and operator staff only', async () => {
    const operator = await users.add({ email: 'operator@homi.test', roles: ['operator'] });
    const owner = await users.add({ email: 'owner@salon.test' });
    expect([agent, operator, owner].map(mayUseSecurityKey)).toEqual([true, true, false]);
  });
});

describe('signing in with a security key', () => {
  it('accepts the registered key once per challenge and keeps its counter', async () => {
    await registered();
    const options = await ceremonies.authenticationOptions('attempt-2', agent);
    expect(options.allowCredentials?.map((c) => c.id)).toEqual([key.id]);
    expect(options.userVerification).toBe('required');
    const answer = key.authenticate(options);
    expect(await ceremonies.finishAuthentication('attempt-2', answer)).toMatchObject({ ok: true, key: { id: key.id } });
    expect(users.get(agent.id)?.securityKeys?.[0]?.counter).toBe(1);
    // The same signed answer cannot be replayed, not even within the attempt.
    expect(await ceremonies.finishAuthentication('attempt-2', answer)).toEqual({ ok: false, reason: 'no-ceremony' });
  });

  it('refuses a counter that did not move on (a cloned key)', async () => {
    await registered();
    const first = await ceremonies.authenticationOptions('attempt-2', agent);
    expect(await ceremonies.finishAuthentication('attempt-2', key.authenticate(first, { counter: 5 }))).toMatchObject({ ok: true });
    const second = await ceremonies.authenticationOptions('attempt-3', agent);
    expect(await ceremonies.finishAuthentication('attempt-3', key.authenticate(second, { counter: 5 }))).toEqual({ ok: false, reason: 'not-verified' });
    expect(users.get(agent.id)?.securityKeys?.[0]?.counter).toBe(5);
  });

  it('refuses an answer for another origin, another host, or without user verification', async () => {
    await registered();
    for (const answer of [{ origin: 'http://localhost:9999' }, { rpId: 'example.com' }, { userVerified: false }]) {
      const options = await ceremonies.authenticationOptions('attempt-2', agent);
      expect(await ceremonies.finishAuthentication('attempt-2', key.authenticate(options, answer))).toEqual({ ok: false, reason: 'not-verified' });
    }
  });

  it("refuses another user's key and a challenge made for registration", async () => {
    await registered();
    const colleague = await users.add({ email: 'colleague@homi.test', roles: ['support'] });
    const options = await ceremonies.authenticationOptions('attempt-2', colleague);
    expect(await ceremonies.finishAuthentication('attempt-2', key.authenticate(options))).toEqual({ ok: false, reason: 'unknown-key' });
    const registration = await ceremonies.registrationOptions('attempt-3', agent);
    expect(await ceremonies.finishAuthentication('attempt-3', key.authenticate(registration))).toEqual({ ok: false, reason: 'no-ceremony' });
  });
});
