import { fullPermissions, noPermissions, SupportAccessChanged, SupportAccessRequested, supportApi } from '@homi/contracts';
import { Membership } from '../domain/membership';
import { Tenant } from '../domain/tenant';
import { coApproveSupportAccess } from './co-approve-support-access';
import { approveSupportAccess, denySupportAccess } from './decide-support-access';
import { inMemoryDeps } from './in-memory';
import { lapseSupportAccess } from './lapse-support-access';
import { requestSupportAccess } from './request-support-access';

const P = supportApi.SUPPORT_PROBLEMS;
const TENANT = 'ten_aaaaaaaa';
const OWNER = 'usr_owner001';
const STAFF = 'usr_staff001';
const SUPPORT = 'usr_support1';
const COLLEAGUE = 'usr_support2';
const hour = 3600_000;
const TICKET = 'tkt_open0001';

function supportDeps(now = new Date('2026-06-10T12:00:00Z')) {
  const deps = inMemoryDeps(now);
  deps.repositories.tenants.rows.set(TENANT, new Tenant(TENANT, 'Salon Eva', new Date('2026-01-01T00:00:00Z')));
  deps.repositories.memberships.add(new Membership(TENANT, OWNER, 'owner', fullPermissions(), new Date('2026-01-01T00:00:00Z')));
  deps.repositories.memberships.add(new Membership(TENANT, STAFF, 'staff', noPermissions(), new Date('2026-01-02T00:00:00Z')));
  deps.tickets.tickets.set(TICKET, { tenantId: TENANT, status: 'open', subject: 'Agenda shows the wrong week' });
  return { ...deps, supportRequestTtlMs: 24 * hour };
}

const ask = (deps: ReturnType<typeof supportDeps>, mode: 'read' | 'write' = 'read', tenantId = TENANT, ticketId = TICKET) =>
  requestSupportAccess(deps, SUPPORT, { tenantId, reason: 'customer_initiated', ticketId, modules: ['agenda'], mode, durationMinutes: 60 });

describe('support access', () => {
  it('records a request for a tenant that exists, tells its owners, announces and audits it', async () => {
    const deps = supportDeps();
    const request = await ask(deps);
    expect(request.status).toBe('pending');
    expect(deps.repositories.supportRequests.notified.get(request.id)).toEqual([OWNER]);
    expect(deps.published.map((e) => e.subject)).toEqual([SupportAccessRequested.subject]);
    expect(deps.audited).toEqual([expect.objectContaining({ action: 'support-access.requested', actor: { kind: 'support', userId: SUPPORT } })]);
    await expect(ask(deps, 'read', 'ten_unknown1')).rejects.toMatchObject({ kind: 'not_found', type: 'tenant-not-found' });
  });

  it('lets only an owner decide: a staff member is refused and the request stays open', async () => {
    const deps = supportDeps();
    const request = await ask(deps);
    await expect(approveSupportAccess(deps, TENANT, STAFF, request.id, {})).rejects.toMatchObject({ kind: 'forbidden', type: P.ownerRequired });
    await expect(denySupportAccess(deps, 'ten_bbbbbbbb', OWNER, request.id)).rejects.toMatchObject({ kind: 'not_found' });
    expect(request.status).toBe('pending');
  });

  it('opens read access on an owner approval, for at most what was asked, announced and audited', async () => {
    const deps = supportDeps();
    const request = await ask(deps);
    await expect(approveSupportAccess(deps, TENANT, OWNER, request.id, { modules: ['clients'] })).rejects.toMatchObject({ kind: 'invalid', type: P.scopeNotNarrower });
    const approved = await approveSupportAccess(deps, TENANT, OWNER, request.id, { durationMinutes: 30 });
    expect(approved).toMatchObject({ status: 'active', decidedBy: OWNER, grantedMinutes: 30, expiresAt: new Date(deps.clock().getTime() + 30 * 60_000) });
    expect(deps.published.at(-1)).toEqual({ subject: SupportAccessChanged.subject, data: expect.objectContaining({ requestId: request.id, tenantId: TENANT }) });
    expect(deps.audited.at(-1)).toMatchObject({ action: 'support-access.approved', actor: { kind: 'member', userId: OWNER } });
    await expect(denySupportAccess(deps, TENANT, OWNER, request.id)).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('needs a second support user, never the requester, before an owner grants write access', async () => {
    const deps = supportDeps();
    const request = await ask(deps, 'write');
    expect(request.status).toBe('awaiting_co_approval');
    await expect(approveSupportAccess(deps, TENANT, OWNER, request.id, {})).rejects.toMatchObject({ kind: 'conflict', type: P.coApprovalRequired });
    await expect(coApproveSupportAccess(deps, SUPPORT, request.id)).rejects.toMatchObject({ kind: 'forbidden', type: P.coApprovalByRequester });
    await coApproveSupportAccess(deps, COLLEAGUE, request.id);
    expect(request).toMatchObject({ status: 'pending', coApprovedBy: COLLEAGUE });
    expect((await approveSupportAccess(deps, TENANT, OWNER, request.id, {})).grantedMode).toBe('write');
  });

  it('lets the expiry job expire a request nobody answered in time, and leaves an answered one', async () => {
    const deps = supportDeps();
    const unanswered = await ask(deps);
    const later = { ...deps, clock: () => new Date(deps.clock().getTime() + 25 * hour) };
    await expect(approveSupportAccess(later, TENANT, OWNER, unanswered.id, {})).rejects.toMatchObject({ kind: 'conflict', type: P.requestExpired });
    expect(await lapseSupportAccess(later)).toBe(1);
    expect(unanswered.status).toBe('expired');
    expect(later.audited.at(-1)).toMatchObject({ action: 'support-access.expired', actor: { kind: 'system' } });
    expect(await lapseSupportAccess(later)).toBe(0);
  });
});
