import { noPermissions, RequestCommanded } from '@homi/contracts';
import { newId } from '@homi/service-kit';
import { PrivacyRequest } from '../domain/request';
import { privacyDeclaration } from '../privacy';
import { callerOf, inMemoryDeps, instituteOwner, rejection } from './in-memory';
import { openAccountDeletion } from './open-account-deletion';
import { submitRequest } from './submit-request';

// Opening a request on in-memory repositories: who may ask, what is recorded, and whom it commands.

const DAY = 86_400_000;

async function setup(...ownerNames: string[]) {
  const t = inMemoryDeps();
  for (const owner of ownerNames) await t.owners.announce({ ...privacyDeclaration, owner }, t.clock.now);
  return t;
}

describe('submitRequest', () => {
  it('records a request about oneself due in four weeks and commands every registered owner in one message', async () => {
    const { deps, clock, requests, audit, published } = await setup('tenant-data', 'identity');
    const me = callerOf({ userId: newId('usr'), realmRoles: [] });
    const request = await submitRequest(deps, me, { type: 'access', subject: { kind: 'self' } });

    expect(request).toMatchObject({ type: 'access', subject: { kind: 'user', userId: me.userId }, requester: { userId: me.userId }, status: 'received', commands: 1 });
    expect(request.dueAt).toEqual(new Date(clock.now.getTime() + 28 * DAY));
    expect(await requests.get(request.id)).toBe(request);
    expect((await requests.tasks(request.id)).map((t) => [t.owner, t.attempts])).toEqual([['identity', 1], ['tenant-data', 1]]);
    expect(published).toEqual([{ subject: RequestCommanded.subject, data: expect.objectContaining({ requestId: request.id, owners: ['identity', 'tenant-data'], attempt: 1 }) }]);
    expect(audit.actionsOf(request.id)).toEqual(['request.received', 'owners.commanded']);
  });

  it('records a request while no owner is registered, commanding nobody yet', async () => {
    const { deps, requests, published, audit } = await setup();
    const request = await submitRequest(deps, callerOf({ userId: newId('usr'), realmRoles: [] }), { type: 'erasure', subject: { kind: 'self' } });
    expect(request.commands).toBe(0);
    expect(await requests.tasks(request.id)).toEqual([]);
    expect(published).toEqual([]);
    expect(audit.actionsOf(request.id)).toEqual(['request.received']);
  });

  it('lets only an owner or admin with the client rights the type needs ask about a client, and records nothing otherwise', async () => {
    const { deps, requests, published } = await setup('tenant-data');
    const tenantId = newId('ten');
    const subject = { kind: 'client' as const, tenantId, clientId: newId('cli') };
    const staff = callerOf({ userId: newId('usr'), realmRoles: [], tenantId, role: 'staff', permissions: noPermissions(), memberships: { [tenantId]: { role: 'staff', permissions: noPermissions() } } });
    expect((await rejection(submitRequest(deps, staff, { type: 'access', subject }))).type).toBe('role-required');
    expect((await rejection(submitRequest(deps, instituteOwner(tenantId, noPermissions()), { type: 'erasure', subject }))).type).toBe('client-permission-required');
    // Another institute's member does not learn the institute exists.
    expect((await rejection(submitRequest(deps, instituteOwner(newId('ten')), { type: 'access', subject }))).kind).toBe('not_found');
    expect(requests.rows.size).toBe(0);
    expect(published).toEqual([]);

    const owner = instituteOwner(tenantId);
    const request = await submitRequest(deps, owner, { type: 'rectification', subject, corrections: { name: 'New Name' } });
    expect(request).toMatchObject({ subject, requester: { userId: owner.userId, tenantId }, corrections: { name: 'New Name' } });
  });

  it('ends the download of packages made earlier for the subject when an erasure is asked, and erases an institute\'s own usage', async () => {
    const { deps, repositories, clock, requests, parts, usage, tenancy, audit } = await setup('tenant-data');
    const tenantId = newId('ten');
    const clientSubject = { kind: 'client' as const, tenantId, clientId: newId('cli') };
    const earlier = new PrivacyRequest(newId('dsr'), 'access', clientSubject, { userId: newId('usr'), tenantId }, new Date(clock.now.getTime() - 5 * DAY));
    earlier.status = 'completed';
    earlier.exportExpiresAt = new Date(clock.now.getTime() + 3 * DAY);
    requests.add(earlier);
    await parts.begin('upl_1', earlier.id, 'tenant-data', clock.now);
    await parts.finish('upl_1', { requestId: earlier.id, owner: 'tenant-data', bytes: 10, records: 1, categories: [] });
    await usage.addToTenantUsage(tenantId, '2026-03-01', 'clients', { actions: 3, requests: 0 });
    await usage.addToTenantUsage(newId('ten'), '2026-03-01', 'clients', { actions: 1, requests: 0 });

    const erasure = await submitRequest(deps, instituteOwner(tenantId), { type: 'erasure', subject: clientSubject });
    expect(earlier.exportExpiresAt).toEqual(clock.now);
    expect(await parts.ofRequest(earlier.id)).toEqual([]);
    expect(audit.entries.find((e) => e.requestId === earlier.id)).toMatchObject({ action: 'export.purged', details: { erasureRequestId: erasure.id, parts: 1 } });
    // A client's erasure leaves the institute's own usage alone; the institute's erasure takes it.
    expect(usage.tenantCounts.size).toBe(2);

    await openAccountDeletion(repositories, deps, { requestId: newId('dsr'), userId: newId('usr'), soleOwnerTenantIds: [tenantId], occurredAt: clock.now.toISOString() });
    // As the tables' owner narrowed to that one institute (row-level security, ADR 4).
    expect(tenancy.entered).toEqual([tenantId]);
    expect([...usage.tenantCounts.values()].map((c) => c.tenantId)).not.toContain(tenantId);
    expect(usage.tenantCounts.size).toBe(1);
    expect(audit.entries.find((e) => e.action === 'tenant-usage.erased')?.details).toEqual({ records: 1 });
  });
});

describe('openAccountDeletion', () => {
  it('opens the user\'s erasure and one linked erasure per institute they solely owned, once however often it is announced', async () => {
    const { deps, repositories, requests, clock } = await setup('identity');
    const userId = newId('usr');
    const [a, b] = [newId('ten'), newId('ten')];
    const event = { requestId: newId('dsr'), userId, soleOwnerTenantIds: [a, b, a], occurredAt: clock.now.toISOString() };
    expect(await openAccountDeletion(repositories, deps, event)).toBe(true);
    expect(await openAccountDeletion(repositories, deps, event)).toBe(false);

    const all = [...requests.rows.values()];
    expect(all).toHaveLength(3);
    expect(all.every((r) => r.type === 'erasure')).toBe(true);
    expect(await requests.get(event.requestId)).toMatchObject({ subject: { kind: 'user', userId }, parentId: null });
    const children = all.filter((r) => r.parentId === event.requestId);
    const byJson = (x: object, y: object) => JSON.stringify(x).localeCompare(JSON.stringify(y));
    expect(children.map((r) => r.subject).sort(byJson)).toEqual([a, b].map((tenantId) => ({ kind: 'tenant', tenantId })).sort(byJson));
    expect(children.every((r) => r.requester.userId === userId && r.commands === 1)).toBe(true);
  });
});
