import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SupportAccessRequest } from '../../api/support-access';
import { grantMembership, supportRequestKeys } from '../../api/support-requests';
import { ApiProblem } from '../../api/problem';
import { i18n } from '../../i18n/i18n';
import { fakeAuth, fakeNetwork, jsonResponse, problemResponse, problemType, renderInApp, TENANT_ID } from '../../test/render';
import { ProblemMessage } from '../../ui';
import { AskAccessPage } from './ask-access-page';
import { SupportConsolePage } from './support-console-page';
import { SupportTenant } from './support-tenant';

const request = (overrides: Partial<SupportAccessRequest> = {}): SupportAccessRequest => ({
  id: 'sar_0000000000000001', tenantId: TENANT_ID, supportUserId: 'usr_support0000001', reason: 'customer_initiated', ticketId: 'tkt_00004711', ticketSubject: 'Agenda toont de verkeerde week',
  modules: ['clients', 'agenda'], mode: 'read', durationMinutes: 120, status: 'pending', createdAt: '2026-01-06T09:00:00.000Z',
  answerBy: '2026-01-06T21:00:00.000Z', coApprovedBy: null, coApprovedAt: null, decidedBy: null, decidedAt: null, grant: null, endedAt: null, ...overrides,
});
const granted = (overrides: Partial<SupportAccessRequest> = {}) => request({
  id: 'sar_0000000000000002', ticketId: 'tkt_00004712', status: 'active', decidedBy: 'usr_olgaowner00001', decidedAt: new Date().toISOString(),
  grant: { modules: ['clients'], mode: 'read', durationMinutes: 30, startsAt: new Date().toISOString(), expiresAt: new Date(Date.now() + 1_800_000).toISOString() },
  ...overrides,
});
/** A grant that ended at its own expiry: one grant's time, read once (two reads a millisecond apart make it "ended early"). */
const lapsedAtItsTime = (): SupportAccessRequest => {
  const active = granted();
  return { ...active, status: 'ended', endedAt: active.grant!.expiresAt };
};
const mine = (...items: SupportAccessRequest[]) => [[supportRequestKeys.mine, { items, nextCursor: null }]] as const;
const awaiting = (...items: SupportAccessRequest[]) => [[supportRequestKeys.awaitingCoApproval, { items, nextCursor: null }]] as const;
const OWN_ID = 'usr_support0000001';
/** A Keycloak-shaped access token (unsigned: the page only reads its subject and roles). */
const token = (claims: Record<string, unknown>) => `e30.${btoa(JSON.stringify(claims)).replace(/=+$/, '')}.c2ln`;
const support = () => fakeAuth({ status: 'signed-in', accessToken: token({ sub: OWN_ID, realm_access: { roles: ['support'] } }), roles: ['support'] });
/** A colleague's write request, waiting for a second support user. */
const colleagues = (overrides: Partial<SupportAccessRequest> = {}) => request({
  id: 'sar_0000000000000009', supportUserId: 'usr_colleague00001', ticketId: 'tkt_00004720', ticketSubject: 'Afspraken van vorige week verdwenen',
  mode: 'write', status: 'awaiting_co_approval', createdAt: new Date(Date.now() - 600_000).toISOString(), answerBy: new Date(Date.now() + 3_600_000).toISOString(), ...overrides,
});

afterEach(() => vi.unstubAllGlobals());

describe('the support console', () => {
  it('lists support\'s own requests as active (time left, the way in), waiting and over', async () => {
    const over = granted({ id: 'sar_0000000000000003', ticketId: 'tkt_00004700', status: 'revoked', endedAt: '2026-01-05T10:00:00.000Z' });
    renderInApp(<SupportConsolePage />, { auth: support().auth, data: [...mine(granted(), request(), over), ...awaiting()] });
    const active = await screen.findByRole('region', { name: 'Actieve toegang' });
    const card = within(active).getByRole('listitem', { name: 'Verzoek tkt_00004712' });
    expect(card).toHaveTextContent('Toegang tot: Klanten · Alleen bekijken');
    expect(card).toHaveTextContent('Goedgekeurd met minder dan je vroeg.');
    expect(within(card).getByRole('timer')).toHaveTextContent(/^(30:00|29:[0-5]\d)$/);
    expect(within(card).getByRole('link', { name: 'Naar het instituut van tkt_00004712' })).toHaveAttribute('href', `/t/${TENANT_ID}`);
    const waiting = within(screen.getByRole('region', { name: 'Wacht op antwoord' })).getByRole('listitem', { name: 'Verzoek tkt_00004711' });
    expect(waiting).toHaveTextContent('Wacht op eigenaar');
    expect(waiting).toHaveTextContent('Een eigenaar van het instituut beslist erover.');
    const ended = within(screen.getByRole('region', { name: 'Afgelopen verzoeken' })).getByRole('listitem', { name: 'Verzoek tkt_00004700' });
    expect(ended).toHaveTextContent('Beëindigd door het instituut');
    expect(ended).toHaveTextContent('Toegang tot: Klanten · Alleen bekijken · 30 minuten');
    expect(within(ended).queryByRole('timer')).not.toBeInTheDocument();
  });

  it('explains a step-up refusal and signs in afresh (password and code), back to the console', async () => {
    const net = fakeNetwork(problemResponse(401, { type: problemType('step-up-required') }));
    vi.stubGlobal('fetch', net.fetch);
    const { auth, calls } = support();
    renderInApp(<SupportConsolePage />, { auth });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Bevestig je inlog met je tweede factor');
    expect(alert).toHaveTextContent('de code uit je authenticator-app');
    await userEvent.setup().click(within(alert).getByRole('button', { name: 'Opnieuw inloggen' }));
    expect(calls).toEqual(['reauthenticate /']);
  });

  it('offers to add a security key: a fresh sign-in that asks the issuer for it, back to the console', async () => {
    const { auth, calls } = support();
    renderInApp(<SupportConsolePage />, { auth, data: [...mine(), ...awaiting()] });
    const section = await screen.findByRole('region', { name: 'Beveiligingssleutel' });
    expect(section).toHaveTextContent('in plaats van de code uit je app');
    await userEvent.setup().click(within(section).getByRole('button', { name: 'Beveiligingssleutel toevoegen' }));
    expect(calls).toEqual(['addSecurityKey /support']);
  });

  it('offers colleagues\' write requests to confirm, never one\'s own nor one past its time to answer', async () => {
    const own = colleagues({ id: 'sar_0000000000000010', supportUserId: OWN_ID, ticketId: 'tkt_00004721' });
    const lapsed = colleagues({ id: 'sar_0000000000000011', ticketId: 'tkt_00004722', answerBy: new Date(Date.now() - 1000).toISOString() });
    renderInApp(<SupportConsolePage />, { auth: support().auth, data: [...mine(own), ...awaiting(colleagues(), own, lapsed)] });
    const section = await screen.findByRole('region', { name: 'Schrijfverzoeken van collega’s' });
    const cards = within(section).getAllByRole('listitem');
    expect(cards).toHaveLength(1);
    const card = within(section).getByRole('listitem', { name: 'Schrijfverzoek tkt_00004720' });
    expect(card).toHaveTextContent('Afspraken van vorige week verdwenen');
    expect(card).toHaveTextContent('usr_colleague00001');
    expect(card).toHaveTextContent('Klanten, Agenda');
    expect(within(card).getByRole('button', { name: 'Bevestigen… tkt_00004720' })).toBeEnabled();
    // The caller's own write request waits among their own, for someone else to confirm.
    const waiting = within(screen.getByRole('region', { name: 'Wacht op antwoord' })).getByRole('listitem', { name: 'Verzoek tkt_00004721' });
    expect(waiting).toHaveTextContent('Een tweede HOMi-medewerker bevestigt dit schrijfverzoek eerst');
  });

  it('says when no colleague\'s request waits', async () => {
    renderInApp(<SupportConsolePage />, { auth: support().auth, data: [...mine(), ...awaiting()] });
    const section = await screen.findByRole('region', { name: 'Schrijfverzoeken van collega’s' });
    expect(section).toHaveTextContent('Er wachten geen schrijfverzoeken van collega’s op bevestiging.');
  });

  it('confirms a colleague\'s request after asking, says so, and reads both lists again', async () => {
    const confirmed = colleagues({ status: 'pending', coApprovedBy: OWN_ID, coApprovedAt: new Date().toISOString() });
    const net = fakeNetwork(jsonResponse(200, confirmed), jsonResponse(200, { items: [], nextCursor: null }), jsonResponse(200, { items: [], nextCursor: null }));
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<SupportConsolePage />, { auth: support().auth, data: [...mine(), ...awaiting(colleagues())] });
    await user.click(await screen.findByRole('button', { name: 'Bevestigen… tkt_00004720' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Schrijfverzoek tkt_00004720 bevestigen?' });
    expect(dialog).toHaveTextContent('Een eigenaar van het instituut beslist daarna');
    expect(net.requests).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Ja, bevestigen' }));
    expect(await screen.findByText('Verzoek tkt_00004720 bevestigd; nu beslist een eigenaar')).toBeInTheDocument();
    expect(net.requests[0]).toMatchObject({ method: 'POST', url: '/api/v1/support/access-requests/sar_0000000000000009/co-approve' });
    await vi.waitFor(() => expect(net.requests.map((r) => r.url).slice(1).sort()).toEqual([
      '/api/v1/support/access-requests?scope=awaiting_co_approval&limit=100',
      '/api/v1/support/access-requests?scope=mine&limit=100',
    ]));
    await vi.waitFor(() => expect(screen.queryByRole('listitem', { name: 'Schrijfverzoek tkt_00004720' })).not.toBeInTheDocument());
  });

  it('says in Dutch, in the dialog, that a colleague confirmed it first', async () => {
    const net = fakeNetwork(problemResponse(409, { type: problemType('support-access-invalid-transition'), title: 'Conflict' }), jsonResponse(200, { items: [], nextCursor: null }), jsonResponse(200, { items: [], nextCursor: null }));
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<SupportConsolePage />, { auth: support().auth, data: [...mine(), ...awaiting(colleagues())] });
    await user.click(await screen.findByRole('button', { name: 'Bevestigen… tkt_00004720' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Schrijfverzoek tkt_00004720 bevestigen?' });
    await user.click(within(dialog).getByRole('button', { name: 'Ja, bevestigen' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Dit verzoek is al afgehandeld');
    expect(alert).toHaveTextContent('Vernieuw de pagina om de laatste stand te zien.');
    expect(alert).not.toHaveTextContent('Conflict');
  });

  it('speaks English to an English reader, a refusal of one\'s own request included', async () => {
    await i18n.changeLanguage('en');
    const net = fakeNetwork(problemResponse(403, { type: problemType('support-co-approval-by-requester'), title: 'Forbidden' }), jsonResponse(200, { items: [], nextCursor: null }), jsonResponse(200, { items: [], nextCursor: null }));
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<SupportConsolePage />, { auth: support().auth, data: [...mine(), ...awaiting(colleagues())] });
    const section = await screen.findByRole('region', { name: 'Colleagues’ write requests' });
    expect(within(section).getByRole('listitem', { name: 'Write request tkt_00004720' })).toHaveTextContent('Ticket subject');
    await user.click(within(section).getByRole('button', { name: 'Confirm… tkt_00004720' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Confirm write request tkt_00004720?' });
    await user.click(within(dialog).getByRole('button', { name: 'Yes, confirm' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('You cannot confirm your own request');
  });

  it('a plain 401 still signs in the usual way', async () => {
    const { auth, calls } = support();
    renderInApp(<ProblemMessage problem={new ApiProblem(401, { status: 401, type: problemType('invalid-token') })} />, { auth });
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Opnieuw inloggen' }));
    expect(calls).toEqual(['signIn /']);
  });
});

describe('asking for access', () => {
  it('checks the form with the contract before anything is sent', async () => {
    const net = fakeNetwork();
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<AskAccessPage />, { auth: support().auth });
    await user.type(await screen.findByLabelText(/^Ticket/), 'Anna de Vries belde');
    await user.click(screen.getByRole('button', { name: 'Verzoek versturen' }));
    expect(await screen.findByLabelText(/^Instituut-id/)).toHaveAccessibleDescription(/Vul dit in/);
    expect(screen.getByLabelText(/^Ticket/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText(/Kies er minstens 1/)).toBeInTheDocument();
    expect(net.requests).toEqual([]);
  });

  it('sends reason, ticket, modules, mode and duration; an unknown institute is said beside its field', async () => {
    const net = fakeNetwork(problemResponse(404, { type: problemType('tenant-not-found') }), jsonResponse(201, request()), jsonResponse(200, { items: [], nextCursor: null }));
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<AskAccessPage />, { auth: support().auth });
    await user.type(await screen.findByLabelText(/^Instituut-id/), 'ten_unknown0000001');
    await user.type(screen.getByLabelText(/^Ticket/), 'tkt_00004711');
    await user.selectOptions(screen.getByLabelText(/^Reden/), 'incident');
    await user.click(screen.getByRole('checkbox', { name: 'Agenda' }));
    await user.click(screen.getByRole('checkbox', { name: 'Klanten' }));
    await user.selectOptions(screen.getByLabelText(/^Hoe lang/), '120');
    await user.click(screen.getByRole('button', { name: 'Verzoek versturen' }));
    expect(await screen.findByLabelText(/^Instituut-id/)).toHaveAttribute('aria-invalid', 'true');
    expect(net.requests[0]).toMatchObject({
      method: 'POST', url: '/api/v1/support/access-requests',
      body: { tenantId: 'ten_unknown0000001', reason: 'incident', ticketId: 'tkt_00004711', modules: ['agenda', 'clients'], mode: 'read', durationMinutes: 120 },
    });
    await user.clear(screen.getByLabelText(/^Instituut-id/));
    await user.type(screen.getByLabelText(/^Instituut-id/), TENANT_ID);
    await user.click(screen.getByRole('button', { name: 'Verzoek versturen' }));
    expect(await screen.findByText('Verzoek tkt_00004711 verstuurd')).toBeInTheDocument();
    expect(net.requests[1]?.body).toMatchObject({ tenantId: TENANT_ID });
  });
  it('says beside the ticket field when the ticket is not an open one of that institute (422 ticket-required), and takes one from the link', async () => {
    const net = fakeNetwork(problemResponse(422, { type: problemType('ticket-required') }));
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<AskAccessPage />, { auth: support().auth, path: `/support/new?tenantId=${TENANT_ID}&ticketId=tkt_00004799` });
    expect(await screen.findByLabelText(/^Ticket/)).toHaveValue('tkt_00004799');
    await user.click(screen.getByRole('checkbox', { name: 'Agenda' }));
    await user.click(screen.getByRole('button', { name: 'Verzoek versturen' }));
    expect(await screen.findByLabelText(/^Ticket/)).toHaveAttribute('aria-invalid', 'true');
    expect(net.requests[0]?.body).toMatchObject({ tenantId: TENANT_ID, ticketId: 'tkt_00004799' });
  });
});

describe('working inside an institute', () => {
  it('gives the pages only what the grant covers: its modules at view (read) or edit (write)', () => {
    expect(grantMembership(granted()).permissions).toEqual({ agenda: 'none', clients: 'view', invoicing: 'none', reports: 'none', settings: 'none', users: 'none' });
    const write = granted({ mode: 'write', grant: { ...granted().grant!, modules: ['agenda', 'clients'], mode: 'write' } });
    expect(grantMembership(write)).toMatchObject({ role: 'staff', permissions: { agenda: 'edit', clients: 'edit', users: 'none' } });
  });

  it('shows the banner with the institute, the scope, the ticket and the time left', async () => {
    renderInApp(<SupportTenant tenantId={TENANT_ID} />, { auth: support().auth, data: [...mine(granted())] });
    const banner = await screen.findByRole('region', { name: 'Supporttoegang' });
    expect(banner).toHaveTextContent(`Je werkt als HOMi-support in instituut ${TENANT_ID}`);
    expect(banner).toHaveTextContent('Toegang tot Klanten · Alleen bekijken');
    expect(banner).toHaveTextContent('Ticket tkt_00004712');
    expect(within(banner).getByRole('timer')).toHaveTextContent(/^(30:00|29:[0-5]\d)$/);
    expect(banner).toHaveTextContent(/stopt om \d{2}:\d{2}/);
  });

  it.each([
    ['no request', [], 'Je hebt geen toegang tot dit instituut', 'Toegang vragen'],
    ['a waiting request', [request()], 'Je verzoek wacht nog op antwoord', undefined],
    ['a denied request', [request({ status: 'denied' })], 'Je verzoek is geweigerd', 'Opnieuw toegang vragen'],
    ['a revoked grant', [granted({ status: 'revoked', endedAt: new Date().toISOString() })], 'Het instituut heeft je toegang beëindigd', 'Opnieuw toegang vragen'],
    ['a grant past its time', [granted({ grant: { ...granted().grant!, expiresAt: new Date(Date.now() - 1000).toISOString() } })], 'Je toegang is verlopen', 'Opnieuw toegang vragen'],
    ['a grant that lapsed at its time', [lapsedAtItsTime()], 'Je toegang is verlopen', 'Opnieuw toegang vragen'],
    ['a grant ended early by its ticket closing', [granted({ status: 'ended', endedAt: new Date().toISOString() })], 'Je toegang is afgelopen', 'Opnieuw toegang vragen'],
  ])('explains %s and what to do', async (_, items, title, action) => {
    renderInApp(<SupportTenant tenantId={TENANT_ID} />, { auth: support().auth, data: [...mine(...items)] });
    expect(await screen.findByRole('heading', { level: 1, name: title })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Supporttoegang' })).not.toBeInTheDocument();
    if (action) expect(screen.getByRole('link', { name: action })).toHaveAttribute('href', `/support/new?tenantId=${TENANT_ID}`);
    else expect(screen.queryByRole('link', { name: /toegang vragen/i })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Naar de supportconsole' })).toHaveAttribute('href', '/support');
  });
});
