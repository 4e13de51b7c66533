import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Ticket, TicketSummary } from '../../api/tickets';
import { jsonResponse, me, membership, problemResponse, problemType, renderInApp, TENANT_ID } from '../../test/render';
import { routedNetwork } from '../../test/routed-network';
import { privacyRequest } from '../privacy-requests/fixtures';
import { HelpPage } from './help-page';
import { NewTicketPage } from './new-ticket-page';
import { TicketView } from './ticket-page';

const ME = me([membership({}, 'staff')]);
const TICKETS = `/tenants/${TENANT_ID}/tickets`;

const summary = (overrides: Partial<TicketSummary> = {}): TicketSummary => ({
  id: 'tkt_000000000000000001', subject: 'De agenda laadt niet', category: 'problem', status: 'open', createdAt: '2026-01-06T09:00:00.000Z',
  updatedAt: '2026-01-06T10:00:00.000Z', closedAt: null, openedBy: ME.id, privacyRequestId: null, ...overrides,
});
const ticket = (overrides: Partial<Ticket> = {}): Ticket => ({
  ...summary(),
  messages: [
    { id: 'msg_1', from: 'institute', authorId: ME.id, body: 'Sinds vanochtend blijft de agenda leeg.', createdAt: '2026-01-06T09:00:00.000Z' },
    { id: 'msg_2', from: 'support', authorId: null, body: 'We kijken ernaar.', createdAt: '2026-01-06T09:30:00.000Z' },
    { id: 'msg_3', from: 'institute', authorId: null, body: null, createdAt: '2026-01-06T09:40:00.000Z' },
  ],
  ...overrides,
});
const page = (items: TicketSummary[]) => () => jsonResponse(200, { items, nextCursor: null });

describe('Hulp: the institute\'s tickets', () => {
  it('lists the ongoing tickets with their status, and asks for the closed ones when the filter says so', async () => {
    const net = routedNetwork({ [`GET ${TICKETS}`]: [page([summary(), summary({ id: 'tkt_000000000000000002', subject: 'Factuur klopt niet', category: 'invoicing', status: 'waiting-for-customer' })]), page([])] });
    vi.stubGlobal('fetch', net.fetch);
    renderInApp(<HelpPage />, { tenant: membership(), me: ME });
    const table = await screen.findByRole('table', { name: 'Tickets, pagina 1' });
    expect(within(table).getByRole('link', { name: 'De agenda laadt niet' })).toBeInTheDocument();
    expect(within(table).getByText('Wacht op jou')).toBeInTheDocument();
    expect(net.requests[0]!.url).toContain('status=open%2Cwaiting-for-customer%2Csolved');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Gesloten' }));
    expect(await screen.findByText('Geen tickets')).toBeInTheDocument();
    expect(net.requests.at(-1)!.url).toContain('status=closed');
  });

  it('says what went wrong when the list cannot be loaded', async () => {
    vi.stubGlobal('fetch', routedNetwork({ [`GET ${TICKETS}`]: () => problemResponse(503, { type: problemType('upstream-unavailable'), title: 'Service unavailable' }) }).fetch);
    renderInApp(<HelpPage />, { tenant: membership(), me: ME });
    expect(await screen.findByText('HOMi is even niet bereikbaar')).toBeInTheDocument();
  });

  it('checks a new question against the contract before sending it, then sends subject, category and message', async () => {
    const net = routedNetwork({ [`POST ${TICKETS}`]: () => jsonResponse(201, ticket()) });
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<NewTicketPage />, { tenant: membership(), me: ME });
    await user.click(await screen.findByRole('button', { name: 'Versturen' }));
    expect(await screen.findAllByText('Vul dit in.')).toHaveLength(2);
    expect(net.requests).toEqual([]);
    await user.type(screen.getByLabelText(/^Onderwerp/), 'Mijn gegevens inzien');
    await user.selectOptions(screen.getByLabelText(/^Waar gaat het over/), 'my-data');
    await user.type(screen.getByLabelText(/^Bericht/), 'Welke gegevens hebben jullie?');
    await user.click(screen.getByRole('button', { name: 'Versturen' }));
    await vi.waitFor(() => expect(net.requests[0]).toMatchObject({
      method: 'POST', url: `/api/v1${TICKETS}`, body: { subject: 'Mijn gegevens inzien', category: 'my-data', message: 'Welke gegevens hebben jullie?' },
    }));
  });
});

describe('a ticket\'s page', () => {
  const path = `${TICKETS}/tkt_000000000000000001`;

  it('shows the conversation by side, sends a reply and closes the ticket after asking', async () => {
    const net = routedNetwork({
      [`GET ${path}`]: () => jsonResponse(200, ticket()),
      [`POST ${path}/messages`]: () => jsonResponse(201, { id: 'msg_4', from: 'institute', authorId: ME.id, body: 'Dank je', createdAt: new Date().toISOString() }),
      [`POST ${path}/close`]: () => jsonResponse(200, summary({ status: 'closed', closedAt: new Date().toISOString() })),
    });
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<TicketView tenantId={TENANT_ID} ticketId="tkt_000000000000000001" />, { tenant: membership(), me: ME });
    const conversation = await screen.findByRole('region', { name: 'Gesprek' });
    expect(within(conversation).getAllByText('Jouw instituut')).toHaveLength(2);
    expect(within(conversation).getByText('HOMi-support')).toBeInTheDocument();
    expect(within(conversation).getByText('We kijken ernaar.')).toBeInTheDocument();
    expect(within(conversation).getByText('Dit bericht is gewist.')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Verzoek over je gegevens' })).not.toBeInTheDocument();

    await user.type(screen.getByLabelText(/^Antwoord/), 'Dank je');
    await user.click(screen.getByRole('button', { name: 'Versturen' }));
    await vi.waitFor(() => expect(net.requests.find((r) => r.method === 'POST')).toMatchObject({ url: `/api/v1${path}/messages`, body: { message: 'Dank je' } }));
    expect(await screen.findByText('Je antwoord is verstuurd.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Ticket sluiten' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Dit ticket sluiten?' });
    await user.click(within(dialog).getByRole('button', { name: 'Ticket sluiten' }));
    await vi.waitFor(() => expect(net.requests.some((r) => r.method === 'POST' && r.url === `/api/v1${path}/close`)).toBe(true));
  });

  it('lets the member who opened a my-data ticket turn it into a privacy request in one step', async () => {
    const mine = ticket({ category: 'my-data', subject: 'Mijn gegevens' });
    const linked = { ...mine, privacyRequestId: 'dsr_testrequest0001' };
    const net = routedNetwork({
      [`GET ${path}`]: [() => jsonResponse(200, mine), () => jsonResponse(200, linked)],
      [`POST ${path}/privacy-request`]: () => jsonResponse(201, { ticketId: mine.id, privacyRequest: { id: 'dsr_testrequest0001', status: 'received', dueAt: new Date().toISOString() } }),
      'GET /privacy/requests/dsr_testrequest0001': () => jsonResponse(200, privacyRequest({ status: 'received', ticketId: mine.id, subject: { kind: 'user', userId: ME.id } }, 27)),
    });
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<TicketView tenantId={TENANT_ID} ticketId="tkt_000000000000000001" />, { tenant: membership(), me: ME });
    const panel = await screen.findByRole('region', { name: 'Verzoek over je gegevens' });
    await user.click(within(panel).getByRole('radio', { name: /^Verwijdering/ }));
    await user.click(within(panel).getByRole('button', { name: 'Privacyverzoek indienen' }));
    await vi.waitFor(() => expect(net.requests.find((r) => r.method === 'POST')).toMatchObject({ url: `/api/v1${path}/privacy-request`, body: { type: 'erasure' } }));
    const request = await screen.findByRole('region', { name: 'Privacyverzoek' });
    expect(await within(request).findByText('Ontvangen')).toBeInTheDocument();
    expect(within(request).getByText('Uiterlijk beantwoord op')).toBeInTheDocument();
    expect(within(request).getByText('nog 27 dagen')).toBeInTheDocument();
    expect(within(request).getByRole('link', { name: 'Verzoek bekijken' })).toBeInTheDocument();
  });

  it('asks a rectification for the detail to correct and its new value', async () => {
    const net = routedNetwork({
      [`GET ${path}`]: () => jsonResponse(200, ticket({ category: 'my-data' })),
      [`POST ${path}/privacy-request`]: () => problemResponse(409, { type: problemType('ticket-closed'), title: 'Conflict' }),
    });
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<TicketView tenantId={TENANT_ID} ticketId="tkt_000000000000000001" />, { tenant: membership(), me: ME });
    const panel = await screen.findByRole('region', { name: 'Verzoek over je gegevens' });
    await user.click(within(panel).getByRole('radio', { name: /^Correctie/ }));
    await user.click(within(panel).getByRole('button', { name: 'Privacyverzoek indienen' }));
    expect(await within(panel).findByText('Dit heeft niet de verwachte vorm; zie het voorbeeld bij het veld.')).toBeInTheDocument();
    expect(net.requests.filter((r) => r.method === 'POST')).toEqual([]);
    await user.type(within(panel).getByLabelText(/^Welk gegeven/), 'phone');
    await user.type(within(panel).getByLabelText(/^Nieuwe waarde/), '0611111111');
    await user.click(within(panel).getByRole('button', { name: 'Privacyverzoek indienen' }));
    await vi.waitFor(() => expect(net.requests.find((r) => r.method === 'POST')).toMatchObject({ body: { type: 'rectification', corrections: { phone: '0611111111' } } }));
    expect(await within(panel).findByText('Dit ticket is gesloten')).toBeInTheDocument();
  });

  it('tells a colleague\'s my-data ticket apart: no request to make from it, and no view of the one made', async () => {
    const colleagues = ticket({ category: 'my-data', openedBy: 'usr_colleague00001' });
    const net = routedNetwork({ [`GET ${path}`]: [() => jsonResponse(200, colleagues), () => jsonResponse(200, { ...colleagues, privacyRequestId: 'dsr_testrequest0001' })] });
    vi.stubGlobal('fetch', net.fetch);
    const view = renderInApp(<TicketView tenantId={TENANT_ID} ticketId="tkt_000000000000000001" />, { tenant: membership({}, 'owner'), me: ME });
    expect(await screen.findByText('Alleen wie deze vraag stelde, kan er een privacyverzoek van maken.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Privacyverzoek indienen' })).not.toBeInTheDocument();
    await view.queryClient.invalidateQueries();
    expect(await screen.findByText('Van deze vraag is een privacyverzoek gemaakt. Alleen wie het indiende, kan het volgen.')).toBeInTheDocument();
    expect(net.requests.some((r) => r.url.includes('/privacy/requests'))).toBe(false);
  });

  it('shows a ticket it cannot find as not available, with the reason', async () => {
    vi.stubGlobal('fetch', routedNetwork({ [`GET ${path}`]: () => problemResponse(404, { type: problemType('not-found'), title: 'Not found' }) }).fetch);
    renderInApp(<TicketView tenantId={TENANT_ID} ticketId="tkt_000000000000000001" />, { tenant: membership(), me: ME });
    expect(await screen.findByRole('heading', { name: 'Ticket niet beschikbaar' })).toBeInTheDocument();
    expect(screen.getByText('Niet gevonden')).toBeInTheDocument();
  });
});

