import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CLOSED_STATUSES, OPEN_STATUSES, supportAccessKeys, type SupportAccessRequest } from '../../api/support-access';
import { fakeNetwork, jsonResponse, membership, problemResponse, problemType, renderInApp, TENANT_ID } from '../../test/render';
import { Countdown, formatTimeLeft } from '../../ui';
import { SupportAccessPage } from './support-access-page';

const asked = (overrides: Partial<SupportAccessRequest> = {}): SupportAccessRequest => ({
  id: 'sar_0000000000000001', tenantId: TENANT_ID, supportUserId: 'usr_support0000001', reason: 'customer_initiated', ticketId: 'tkt_00004711', ticketSubject: 'Agenda toont de verkeerde week',
  modules: ['clients', 'agenda'], mode: 'read', durationMinutes: 120, status: 'pending', createdAt: '2026-01-06T09:00:00.000Z',
  answerBy: '2026-01-06T21:00:00.000Z', coApprovedBy: null, coApprovedAt: null, decidedBy: null, decidedAt: null, grant: null, endedAt: null, ...overrides,
});
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();
const active = () => asked({
  id: 'sar_0000000000000002', ticketId: 'tkt_00004712', status: 'active', decidedBy: 'usr_olgaowner00001', decidedAt: new Date().toISOString(),
  grant: { modules: ['clients'], mode: 'read', durationMinutes: 60, startsAt: new Date().toISOString(), expiresAt: inAnHour() },
});
const lists = (open: SupportAccessRequest[], closed: SupportAccessRequest[] = []) => [
  [supportAccessKeys.list(TENANT_ID, { status: OPEN_STATUSES, limit: 100 }), { items: open, nextCursor: null }],
  [supportAccessKeys.list(TENANT_ID, { status: CLOSED_STATUSES, cursor: undefined, limit: 20 }), { items: closed, nextCursor: null }],
] as const;
const owner = membership({}, 'owner');

afterEach(() => vi.useRealTimers());

describe('the support access page', () => {
  it('shows an owner the request with its reason, ticket and its subject, modules, mode and duration, and the decisions', async () => {
    renderInApp(<SupportAccessPage />, { tenant: owner, data: [...lists([asked()])] });
    const card = (await screen.findByRole('heading', { name: 'Verzoek tkt_00004711' })).closest('li')!;
    for (const text of ['Je vroeg zelf om hulp', 'tkt_00004711', 'Agenda toont de verkeerde week', 'Klanten, Agenda', 'Alleen bekijken', '2 uur']) expect(card).toHaveTextContent(text);
    expect(within(card).getByRole('button', { name: 'Goedkeuren… tkt_00004711' })).toBeInTheDocument();
    expect(within(card).getByRole('button', { name: 'Weigeren tkt_00004711' })).toBeInTheDocument();
    expect(screen.getByText('Niemand van HOMi heeft nu toegang.')).toBeInTheDocument();
  });

  it('lets an admin see requests and grants but decide nothing', async () => {
    renderInApp(<SupportAccessPage />, { tenant: membership({}, 'admin'), data: [...lists([asked(), active()])] });
    expect(await screen.findByText('Je ziet de verzoeken als beheerder; alleen een eigenaar beslist erover.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Goedkeuren|Weigeren|Nu beëindigen/ })).not.toBeInTheDocument();
    expect(screen.getByRole('timer')).toBeInTheDocument();
  });

  it('tells staff the page is not for their role, and asks the API nothing', async () => {
    const net = fakeNetwork();
    vi.stubGlobal('fetch', net.fetch);
    renderInApp(<SupportAccessPage />, { tenant: membership({ users: 'edit' }, 'staff') });
    expect(await screen.findByText('Dit mag alleen een eigenaar of beheerder')).toBeInTheDocument();
    expect(net.requests).toEqual([]);
  });

  it('approves narrower: fewer modules, a shorter time, read instead of write', async () => {
    const write = asked({ mode: 'write', status: 'pending', coApprovedBy: 'usr_support0000002', coApprovedAt: '2026-01-06T09:05:00.000Z' });
    const net = fakeNetwork(jsonResponse(200, active()), jsonResponse(200, { items: [], nextCursor: null }));
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<SupportAccessPage />, { tenant: owner, data: [...lists([write])] });
    await user.click(await screen.findByRole('button', { name: 'Goedkeuren… tkt_00004711' }));
    const dialog = screen.getByRole('dialog', { name: 'Toegang geven voor tkt_00004711' });
    await user.click(within(dialog).getByRole('checkbox', { name: 'Agenda' }));
    await user.selectOptions(within(dialog).getByLabelText('Hoe lang'), '30');
    await user.click(within(dialog).getByRole('radio', { name: 'Alleen bekijken' }));
    await user.click(within(dialog).getByRole('button', { name: 'Toegang geven' }));
    await vi.waitFor(() => expect(net.requests[0]).toMatchObject({
      method: 'POST', url: `/api/v1/tenants/${TENANT_ID}/support-access/${write.id}/approve`,
      body: { modules: ['clients'], durationMinutes: 30, mode: 'read' },
    }));
    expect(within(dialog).queryByRole('heading')).not.toBeInTheDocument();
  });

  it('offers write only once support co-approved it, and shows the API\'s refusal in words', async () => {
    const net = fakeNetwork(problemResponse(409, { type: problemType('support-request-expired'), title: 'Conflict' }));
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<SupportAccessPage />, { tenant: owner, data: [...lists([asked({ mode: 'write', status: 'awaiting_co_approval' })])] });
    expect(await screen.findByText(/Je kunt het nu alleen goedkeuren als ‘alleen bekijken’/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Goedkeuren… tkt_00004711' }));
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByRole('radio', { name: /Bekijken en wijzigen/ })).toBeDisabled();
    expect(within(dialog).getByRole('radio', { name: 'Alleen bekijken' })).toBeChecked();
    await user.click(within(dialog).getByRole('checkbox', { name: 'Klanten' }));
    await user.click(within(dialog).getByRole('checkbox', { name: 'Agenda' }));
    await user.click(within(dialog).getByRole('button', { name: 'Toegang geven' }));
    expect(await within(dialog).findByText('Kies er minstens 1.')).toBeInTheDocument();
    expect(net.requests).toEqual([]);
    await user.click(within(dialog).getByRole('checkbox', { name: 'Agenda' }));
    await user.click(within(dialog).getByRole('button', { name: 'Toegang geven' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Dit verzoek is verlopen');
    expect(net.requests[0]?.body).toEqual({ modules: ['agenda'], durationMinutes: 120, mode: 'read' });
  });

  it('tells a grant that ran out from one its ticket\'s closing ended early', async () => {
    const lapsed = { ...active(), id: 'sar_0000000000000003', ticketId: 'tkt_00004713', status: 'ended' as const };
    const early = { ...active(), id: 'sar_0000000000000004', ticketId: 'tkt_00004714', status: 'ended' as const, endedAt: new Date().toISOString() };
    renderInApp(<SupportAccessPage />, { tenant: owner, data: [...lists([], [{ ...lapsed, endedAt: lapsed.grant!.expiresAt }, early])] });
    const history = await screen.findByRole('table', { name: /Eerdere verzoeken/ });
    expect(within(within(history).getByText('tkt_00004713').closest('tr')!).getByText('Afgelopen')).toBeInTheDocument();
    expect(within(within(history).getByText('tkt_00004714').closest('tr')!).getByText('Ticket gesloten')).toBeInTheDocument();
  });

  it('revokes active access after confirming', async () => {
    const grant = active();
    const net = fakeNetwork(jsonResponse(200, { ...grant, status: 'revoked' }), jsonResponse(200, { items: [], nextCursor: null }));
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<SupportAccessPage />, { tenant: owner, data: [...lists([grant])] });
    await user.click(await screen.findByRole('button', { name: 'Nu beëindigen tkt_00004712' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Ja, beëindigen' }));
    await vi.waitFor(() => expect(net.requests[0]).toMatchObject({ method: 'POST', url: expect.stringMatching(/\/sar_0000000000000002\/revoke$/) }));
  });
});

describe('the countdown', () => {
  it('says the time left as h:mm:ss or mm:ss', () => {
    expect(formatTimeLeft(3_725_000)).toBe('1:02:05');
    expect(formatTimeLeft(59_001)).toBe('01:00');
    expect(formatTimeLeft(-5)).toBe('00:00');
  });

  it('ticks every second as a timer that is not announced, and says when it has run out', async () => {
    vi.useFakeTimers();
    const onElapsed = vi.fn();
    renderInApp(<Countdown until={new Date(Date.now() + 3_000).toISOString()} onElapsed={onElapsed} />);
    const timer = await vi.waitFor(() => screen.getByRole('timer'));
    expect(timer).toHaveAttribute('aria-live', 'off');
    expect(timer).toHaveTextContent('00:03');
    await act(() => vi.advanceTimersByTimeAsync(1_000));
    expect(timer).toHaveTextContent('00:02');
    await act(() => vi.advanceTimersByTimeAsync(1_000));
    expect(timer).toHaveTextContent('00:01');
    expect(onElapsed).not.toHaveBeenCalled();
    await act(() => vi.advanceTimersByTimeAsync(1_000));
    expect(timer).toHaveTextContent('00:00');
    expect(onElapsed).toHaveBeenCalledOnce();
  });
});
