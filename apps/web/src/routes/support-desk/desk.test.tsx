import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { SupportTicket, SupportTicketSummary } from '../../api/tickets';
import { fakeAuth, jsonResponse, problemResponse, problemType, renderInApp } from '../../test/render';
import { routedNetwork } from '../../test/routed-network';
import { DeskPage } from './desk-page';
import { DeskTicketView } from './desk-ticket-page';

const SUPPORT_ID = 'usr_support00000001';
const base64url = (value: unknown) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
/** A signed-in support user: the token's subject is their id (the desk takes tickets in it). */
const supportAuth = () =>
  fakeAuth({ status: 'signed-in', accessToken: `${base64url({ alg: 'none' })}.${base64url({ sub: SUPPORT_ID, realm_access: { roles: ['support'] } })}.x`, roles: ['support'] }).auth;

const summary = (overrides: Partial<SupportTicketSummary> = {}): SupportTicketSummary => ({
  id: 'tkt_000000000000000001', subject: 'De agenda laadt niet', category: 'problem', status: 'open', createdAt: '2026-01-06T09:00:00.000Z',
  updatedAt: '2026-01-06T10:00:00.000Z', closedAt: null, assigneeId: null, institute: { tenantId: 'ten_testinstitute01', name: 'Salon Zon' }, ...overrides,
});
const ticket = (overrides: Partial<SupportTicket> = {}): SupportTicket => ({
  ...summary(),
  messages: [{ id: 'msg_1', from: 'institute', authorId: null, body: 'Sinds vanochtend blijft de agenda leeg.', createdAt: '2026-01-06T09:00:00.000Z' }],
  ...overrides,
});
const page = (items: SupportTicketSummary[]) => () => jsonResponse(200, { items, nextCursor: null });

describe('support\'s desk', () => {
  it('lists institutes\' tickets by name and filters on assignee and institute', async () => {
    const net = routedNetwork({ 'GET /support/tickets': [page([summary(), summary({ id: 'tkt_000000000000000002', subject: 'Factuur', assigneeId: SUPPORT_ID, institute: { tenantId: 'ten_other0000000001', name: null } })])] });
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<DeskPage />, { auth: supportAuth() });
    const table = await screen.findByRole('table', { name: 'Tickets van instituten, pagina 1' });
    expect(within(table).getAllByText('Salon Zon').length).toBeGreaterThan(0);
    expect(within(table).getAllByText('Onbekend instituut').length).toBeGreaterThan(0);
    expect(within(table).getByText('Jij')).toBeInTheDocument();
    expect(within(table).getByText('Niemand')).toBeInTheDocument();

    await user.click(within(screen.getByRole('group', { name: 'Behandelaar' })).getByRole('button', { name: 'Ik' }));
    await vi.waitFor(() => expect(net.requests.at(-1)!.url).toContain('assignee=me'));
    const institute = screen.getByLabelText(/^Instituut-id/);
    await user.type(institute, 'not-an-id');
    expect(screen.getByRole('button', { name: 'Filteren' })).toBeDisabled();
    await user.clear(institute);
    await user.type(institute, 'ten_other0000000001');
    await user.click(screen.getByRole('button', { name: 'Filteren' }));
    await vi.waitFor(() => expect(net.requests.at(-1)!.url).toContain('institute=ten_other0000000001'));
    expect(net.requests.at(-1)!.url).toContain('assignee=me');
  });

  it('shows the empty state when nothing matches', async () => {
    vi.stubGlobal('fetch', routedNetwork({ 'GET /support/tickets': page([]) }).fetch);
    renderInApp(<DeskPage />, { auth: supportAuth() });
    expect(await screen.findByText('Er zijn geen tickets die bij deze filters passen.')).toBeInTheDocument();
  });

  it('takes a ticket in the support user\'s own name, answers it and sets its status', async () => {
    const path = '/support/tickets/tkt_000000000000000001';
    const net = routedNetwork({
      [`GET ${path}`]: [() => jsonResponse(200, ticket()), () => jsonResponse(200, ticket({ assigneeId: SUPPORT_ID }))],
      [`PATCH ${path}`]: () => jsonResponse(200, summary({ assigneeId: SUPPORT_ID })),
      [`POST ${path}/messages`]: () => jsonResponse(201, { id: 'msg_2', from: 'support', authorId: SUPPORT_ID, body: 'We kijken ernaar.', createdAt: new Date().toISOString() }),
    });
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<DeskTicketView ticketId="tkt_000000000000000001" />, { auth: supportAuth() });
    const conversation = await screen.findByRole('region', { name: 'Gesprek' });
    expect(within(conversation).getByText('Salon Zon')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Oppakken' }));
    await vi.waitFor(() => expect(net.requests.find((r) => r.method === 'PATCH')).toMatchObject({ url: `/api/v1${path}`, body: { assigneeId: SUPPORT_ID } }));
    expect(await screen.findByRole('button', { name: 'Loslaten' })).toBeInTheDocument();

    await user.type(screen.getByLabelText(/^Antwoord aan het instituut/), 'We kijken ernaar.');
    await user.click(screen.getByRole('button', { name: 'Versturen' }));
    await vi.waitFor(() => expect(net.requests.find((r) => r.method === 'POST')).toMatchObject({ body: { message: 'We kijken ernaar.' } }));
    await user.selectOptions(screen.getByLabelText(/^Status zetten/), 'solved');
    await vi.waitFor(() => expect(net.requests.filter((r) => r.method === 'PATCH').at(-1)).toMatchObject({ body: { status: 'solved' } }));
  });

  it('asks access citing an open ticket, with the institute and the ticket filled in, and not for a closed one', async () => {
    const path = '/support/tickets/tkt_000000000000000001';
    vi.stubGlobal('fetch', routedNetwork({ [`GET ${path}`]: [() => jsonResponse(200, ticket()), () => jsonResponse(200, ticket({ status: 'closed' }))] }).fetch);
    const open = renderInApp(<DeskTicketView ticketId="tkt_000000000000000001" />, { auth: supportAuth() });
    expect(await screen.findByRole('link', { name: 'Toegang vragen' }))
      .toHaveAttribute('href', '/support/new?tenantId=ten_testinstitute01&ticketId=tkt_000000000000000001');
    open.unmount();
    renderInApp(<DeskTicketView ticketId="tkt_000000000000000001" />, { auth: supportAuth() });
    await screen.findByRole('region', { name: 'Gesprek' });
    expect(screen.queryByRole('link', { name: 'Toegang vragen' })).not.toBeInTheDocument();
  });

  it('shows support\'s refusal in words', async () => {
    vi.stubGlobal('fetch', routedNetwork({
      'GET /support/tickets/tkt_000000000000000001': () => problemResponse(401, { type: problemType('step-up-required'), title: 'Unauthorized' }),
    }).fetch);
    renderInApp(<DeskTicketView ticketId="tkt_000000000000000001" />, { auth: supportAuth() });
    expect(await screen.findByText('Bevestig je inlog met je tweede factor')).toBeInTheDocument();
  });
});
