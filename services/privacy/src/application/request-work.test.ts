import { noPermissions, RequestExtended } from '@homi/contracts';
import { newId } from '@homi/service-kit';
import { PrivacyRequest } from '../domain/request';
import { OwnerTask } from '../domain/task';
import { extendRequest } from './extend-request';
import { callerOf as caller, inMemoryDeps, instituteOwner as institute, rejection } from './in-memory';
import { readCorrections } from './read-corrections';

// The converted request use cases on in-memory repositories: no database, no bus.

const DAY = 86_400_000;
const operator = caller({ userId: newId('usr'), realmRoles: ['operator'] });

function setup() {
  const t = inMemoryDeps();
  const received = new Date(t.clock.now.getTime() - 3 * DAY);
  const userRequest = new PrivacyRequest(newId('dsr'), 'access', { kind: 'user', userId: newId('usr') }, { userId: newId('usr') }, received);
  t.requests.add(userRequest);
  return { ...t, userRequest };
}


describe('extendRequest', () => {
  it('moves the deadline once, tells the requester, publishes the event and audits a fingerprint of the reason', async () => {
    const { deps, userRequest, notifications, published, audit } = setup();
    const before = userRequest.dueAt;
    userRequest.remindedAt = new Date();
    const extended = await extendRequest(deps, operator, userRequest.id, { months: 2, reason: 'Complex request' });
    expect(extended.dueAt.getTime()).toBeGreaterThan(before.getTime() + 55 * DAY);
    expect(extended.extension).toMatchObject({ months: 2, reason: 'Complex request', extendedBy: operator.userId });
    expect(extended.remindedAt).toBeNull();
    expect(notifications.rows).toHaveLength(1);
    expect(notifications.rows[0]).toMatchObject({ userId: userRequest.requester.userId, kind: 'request-extended', requestId: userRequest.id });
    expect(published).toEqual([{ subject: RequestExtended.subject, data: expect.objectContaining({ requestId: userRequest.id, dueAt: extended.dueAt.toISOString() }) }]);
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]).toMatchObject({ action: 'request.extended', actor: operator.userId, details: { months: 2 } });
    expect(JSON.stringify(audit.entries[0]!.details)).not.toContain('Complex request');

    expect((await rejection(extendRequest(deps, operator, userRequest.id, { months: 1, reason: 'again' }))).kind).toBe('conflict');
    expect(published).toHaveLength(1);
  });

  it('refuses after the deadline, for a completed request, and to anyone but the controller', async () => {
    const { deps, clock, userRequest, requests, published } = setup();
    // The data subject cannot extend the deadline that protects them.
    const requester = caller({ userId: userRequest.requester.userId, realmRoles: [] });
    expect((await rejection(extendRequest(deps, requester, userRequest.id, { months: 1, reason: 'x' }))).kind).toBe('forbidden');
    // Someone unrelated does not learn the request exists.
    const stranger = caller({ userId: newId('usr'), realmRoles: [] });
    expect((await rejection(extendRequest(deps, stranger, userRequest.id, { months: 1, reason: 'x' }))).kind).toBe('not_found');
    expect((await rejection(extendRequest(deps, operator, newId('dsr'), { months: 1, reason: 'x' }))).kind).toBe('not_found');

    const done = new PrivacyRequest(newId('dsr'), 'access', { kind: 'user', userId: newId('usr') }, { userId: newId('usr') }, clock.now);
    done.status = 'completed';
    requests.add(done);
    expect((await rejection(extendRequest(deps, operator, done.id, { months: 1, reason: 'x' }))).kind).toBe('conflict');

    clock.now = new Date(userRequest.dueAt.getTime() + 1);
    expect((await rejection(extendRequest(deps, operator, userRequest.id, { months: 1, reason: 'x' }))).kind).toBe('conflict');
    expect(published).toEqual([]);
  });

  it('lets the institute extend a request about its client only while it holds clients:edit', async () => {
    const { deps, clock, requests } = setup();
    const tenantId = newId('ten');
    const member = institute(tenantId);
    const request = new PrivacyRequest(newId('dsr'), 'erasure', { kind: 'client', tenantId, clientId: newId('cli') }, { userId: member.userId, tenantId }, clock.now);
    requests.add(request);
    const without = institute(tenantId, noPermissions());
    expect((await rejection(extendRequest(deps, { ...without, userId: member.userId }, request.id, { months: 1, reason: 'x' }))).kind).toBe('forbidden');
    expect((await extendRequest(deps, member, request.id, { months: 1, reason: 'Many records' })).extension?.months).toBe(1);
  });
});

describe('readCorrections', () => {
  it('gives a commanded owner the corrections of an open rectification and audits the read', async () => {
    const { deps, clock, requests, audit } = setup();
    const request = new PrivacyRequest(newId('dsr'), 'rectification', { kind: 'user', userId: newId('usr') }, { userId: newId('usr') }, clock.now);
    request.corrections = { email: 'new@example.org', name: 'New Name' };
    requests.add(request);
    requests.addTask(new OwnerTask(request.id, 'identity', clock.now, clock.now));
    expect(await readCorrections(deps, 'identity', request.id)).toEqual({ email: 'new@example.org', name: 'New Name' });
    expect(audit.entries).toEqual([{ requestId: request.id, at: clock.now, actor: 'identity', action: 'corrections.read', details: { fields: 2 } }]);

    // Not commanded, not a rectification, or unknown: not found; completed (cleared): gone.
    expect((await rejection(readCorrections(deps, 'billing-integration', request.id))).kind).toBe('not_found');
    expect((await rejection(readCorrections(deps, 'identity', newId('dsr')))).kind).toBe('not_found');
    request.corrections = null;
    expect((await rejection(readCorrections(deps, 'identity', request.id))).kind).toBe('gone');
    expect(audit.entries).toHaveLength(1);
  });
});
