import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { auditLogKeys, type AuditLogEntry } from '../../api/audit-log';
import { memberKeys } from '../../api/members';
import { supportAccessKeys } from '../../api/support-access';
import { jsonResponse, membership, renderInApp, TENANT_ID } from '../../test/render';
import { listOf, routedNetwork } from '../../test/routed-network';
import { AuditLogPage } from './audit-log-page';

const hash = 'a'.repeat(64);
const olga = { userId: 'usr_olgaowner00001', email: 'olga@salon.test', name: 'Olga Eigenaar', role: 'owner', createdAt: '2026-01-01T09:00:00.000Z', updatedAt: '2026-01-01T09:00:00.000Z' };
const bram = { ...olga, userId: 'usr_bramstaff00001', name: 'Bram Bakker', role: 'staff' };
const full = { agenda: 'edit', clients: 'edit', invoicing: 'edit', reports: 'edit', settings: 'edit', users: 'edit' } as const;
const members = [{ ...olga, permissions: full }, { ...bram, permissions: full }];
const entries: AuditLogEntry[] = [
  { seq: 3, at: '2026-01-06T13:05:09.000Z', actor: { kind: 'member', userId: olga.userId }, action: 'support-access.approved', details: { requestId: 'sar_0000000000000001', modules: ['clients'], mode: 'read', durationMinutes: 30 }, hash },
  { seq: 2, at: '2026-01-06T13:00:00.000Z', actor: { kind: 'support', userId: 'usr_support0000001' }, action: 'support-access.requested', details: { requestId: 'sar_0000000000000001', ticketId: 'tkt_00004711', modules: ['clients', 'agenda'], mode: 'read', durationMinutes: 120 }, hash },
  { seq: 1, at: '2026-01-05T09:00:00.000Z', actor: { kind: 'member', userId: olga.userId }, action: 'member.changed', details: { userId: bram.userId, role: 'staff' }, hash },
];
const request = { id: 'sar_0000000000000001', supportUserId: 'usr_support0000001', ticketId: 'tkt_00004711' };
const data = (verification: unknown) => [
  [auditLogKeys.page(TENANT_ID, { supportOnly: false, cursor: undefined, limit: 25 }), { items: entries, nextCursor: 'x2' }],
  [auditLogKeys.verification(TENANT_ID), verification],
  [memberKeys.list(TENANT_ID), members],
  [supportAccessKeys.list(TENANT_ID, { limit: 100 }), { items: [request], nextCursor: null }],
] as const;
const verified = { verified: true, entries: 3, checkedAt: '2026-01-06T13:10:00.000Z', firstBroken: null };
const owner = membership(full, 'owner');

describe('the audit log page', () => {
  it('says the chain verifies, and shows each entry\'s time in Amsterdam, actor and action in words', async () => {
    renderInApp(<AuditLogPage />, { tenant: owner, data: [...data(verified)] });
    expect(await screen.findByText('Het logboek is ongeschonden')).toBeInTheDocument();
    expect(screen.getByText(/Alle 3 regels kloppen/)).toBeInTheDocument();
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('6 jan 2026, 14:05:09');
    expect(rows[0]).toHaveTextContent('Olga Eigenaar');
    expect(rows[0]).toHaveTextContent('Gaf HOMi-support toegang');
    expect(rows[0]).toHaveTextContent('Klanten · Alleen bekijken · 30 minuten');
    expect(rows[0]).toHaveTextContent('Ticket tkt_00004711');
    expect(rows[1]).toHaveTextContent('HOMi-support (tkt_00004711)');
    expect(rows[2]).toHaveTextContent('Betreft: Bram Bakker');
  });

  it('names the first entry that does not chain', async () => {
    renderInApp(<AuditLogPage />, { tenant: owner, data: [...data({ ...verified, verified: false, firstBroken: { seq: 2, problem: 'hash' } })] });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Het logboek is niet ongeschonden');
    expect(alert).toHaveTextContent('Regel 2 klopt niet met de keten (de inhoud is veranderd)');
  });

  it('asks the API for the filters, starting again at the first page', async () => {
    const net = routedNetwork({
      [`GET /tenants/${TENANT_ID}/audit-log`]: () => jsonResponse(200, { items: [entries[1]], nextCursor: null }),
      [`GET /tenants/${TENANT_ID}/members`]: listOf(members),
    });
    vi.stubGlobal('fetch', net.fetch);
    const logCalls = () => net.requests.filter((r) => r.url.includes('/audit-log'));
    const user = userEvent.setup();
    renderInApp(<AuditLogPage />, { tenant: owner, data: [...data(verified)] });
    await user.click(await screen.findByRole('button', { name: /Volgende/ }));
    await vi.waitFor(() => expect(logCalls().at(-1)?.url).toContain('cursor=x2'));
    await user.click(screen.getByRole('checkbox', { name: 'Alleen HOMi-support' }));
    await vi.waitFor(() => expect(logCalls().at(-1)?.url).toBe(`/api/v1/tenants/${TENANT_ID}/audit-log?support=true&limit=25`));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Wat' }), 'support-access');
    await vi.waitFor(() => expect(logCalls().at(-1)?.url).toContain('action=support-access&support=true'));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Wie' }), 'Olga Eigenaar');
    await vi.waitFor(() => expect(logCalls().at(-1)?.url).toContain(`actor=${olga.userId}`));
    expect(within(screen.getByRole('combobox', { name: 'Wie' })).getByRole('option', { name: 'HOMi-support (tkt_00004711)' })).toBeInTheDocument();
  });

  it('tells staff the log is not for their role', async () => {
    renderInApp(<AuditLogPage />, { tenant: membership(full, 'staff') });
    expect(await screen.findByText('Dit mag alleen een eigenaar of beheerder')).toBeInTheDocument();
  });
});
