import { fullPermissions, SupportAccessChanged } from '@homi/contracts';
import { Membership } from '../domain/membership';
import { Tenant } from '../domain/tenant';
import { approveSupportAccess } from './decide-support-access';
import { followTicketStatus } from './follow-ticket-status';
import { inMemoryDeps } from './in-memory';
import { requestSupportAccess } from './request-support-access';

// ADR 43: a support access request cites an open helpdesk ticket of the institute, and closing the
// ticket ends what cites it.

const TENANT = 'ten_aaaaaaaa';
const OTHER = 'ten_bbbbbbbb';
const OWNER = 'usr_owner001';
const SUPPORT = 'usr_support1';

function deps() {
  const d = inMemoryDeps(new Date('2026-06-10T12:00:00Z'));
  d.repositories.tenants.rows.set(TENANT, new Tenant(TENANT, 'Salon Eva', new Date('2026-01-01T00:00:00Z')));
  d.repositories.memberships.add(new Membership(TENANT, OWNER, 'owner', fullPermissions(), new Date('2026-01-01T00:00:00Z')));
  d.tickets.tickets.set('tkt_open0001', { tenantId: TENANT, status: 'open', subject: 'Agenda' });
  d.tickets.tickets.set('tkt_solved01', { tenantId: TENANT, status: 'solved', subject: 'Solved' });
  d.tickets.tickets.set('tkt_closed01', { tenantId: TENANT, status: 'closed', subject: 'Closed' });
  d.tickets.tickets.set('tkt_other001', { tenantId: OTHER, status: 'open', subject: 'Elsewhere' });
  return { ...d, supportRequestTtlMs: 12 * 3600_000 };
}

const ask = (d: ReturnType<typeof deps>, ticketId: string) =>
  requestSupportAccess(d, SUPPORT, { tenantId: TENANT, reason: 'customer_initiated', ticketId, modules: ['agenda'], mode: 'read', durationMinutes: 60 });

const statusChanged = (ticketId: string, status: 'closed' | 'open') =>
  ({ tenantId: TENANT, ticketId, status, occurredAt: '2026-06-10T12:30:00.000Z' });

describe('support access citing a ticket', () => {
  it('refuses a closed, unknown or other institute\'s ticket with 422 ticket-required and records nothing', async () => {
    const d = deps();
    for (const ticketId of ['tkt_closed01', 'tkt_unknown1', 'tkt_other001']) {
      await expect(ask(d, ticketId)).rejects.toMatchObject({ kind: 'unprocessable', status: 422, type: 'ticket-required' });
    }
    await expect(requestSupportAccess(d, SUPPORT, { tenantId: TENANT, reason: 'incident', modules: ['agenda'], mode: 'read', durationMinutes: 5 }))
      .rejects.toMatchObject({ status: 422, type: 'ticket-required' });
    expect(d.repositories.supportRequests.rows.size).toBe(0);
    expect(d.published).toEqual([]);
    expect(d.audited).toEqual([]);
  });

  it('accepts an open ticket and a solved one (solved is not closed)', async () => {
    const d = deps();
    expect((await ask(d, 'tkt_open0001')).ticket).toBe('tkt_open0001');
    expect((await ask(d, 'tkt_solved01')).ticket).toBe('tkt_solved01');
  });

  it('refuses a ticket identity heard was closed even when the helpdesk still says open', async () => {
    const d = deps();
    await followTicketStatus(d.repositories, statusChanged('tkt_open0001', 'closed'), d.clock());
    await expect(ask(d, 'tkt_open0001')).rejects.toMatchObject({ type: 'ticket-required' });
    await followTicketStatus(d.repositories, statusChanged('tkt_open0001', 'open'), d.clock());
    await expect(ask(d, 'tkt_open0001')).resolves.toMatchObject({ status: 'pending' });
  });

  it('answers 503 helpdesk-unavailable when the helpdesk cannot say, and records nothing', async () => {
    const d = deps();
    d.tickets.down = true;
    await expect(ask(d, 'tkt_open0001')).rejects.toMatchObject({ kind: 'unavailable', type: 'helpdesk-unavailable' });
    expect(d.repositories.supportRequests.rows.size).toBe(0);
  });

  it('ends an active grant and expires a pending request when their ticket closes, audited and announced', async () => {
    const d = deps();
    const granted = await ask(d, 'tkt_open0001');
    await approveSupportAccess(d, TENANT, OWNER, granted.id, {});
    const pending = await ask(d, 'tkt_open0001');
    const untouched = await ask(d, 'tkt_solved01');
    const ended = await followTicketStatus(d.repositories, statusChanged('tkt_open0001', 'closed'), d.clock());
    expect(ended.sort()).toEqual([granted.id, pending.id].sort());
    expect(granted).toMatchObject({ status: 'ended', endedAt: d.clock() });
    expect(pending).toMatchObject({ status: 'expired' });
    expect(untouched.status).toBe('pending');
    expect(d.audited.slice(-2).map((a) => [a.action, a.details])).toEqual(expect.arrayContaining([
      ['support-access.ended', { requestId: granted.id, ticketId: 'tkt_open0001', cause: 'ticket-closed' }],
      ['support-access.expired', { requestId: pending.id, ticketId: 'tkt_open0001', cause: 'ticket-closed' }],
    ]));
    expect(d.published.slice(-2).every((e) => e.subject === SupportAccessChanged.subject)).toBe(true);
    // A repeated event changes nothing more.
    expect(await followTicketStatus(d.repositories, statusChanged('tkt_open0001', 'closed'), d.clock())).toEqual([]);
  });
});
