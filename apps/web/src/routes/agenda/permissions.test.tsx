import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { appointmentKeys, type Appointment } from '../../api/appointments';
import { clientKeys, type Client } from '../../api/clients';
import { clientHealthKeys } from '../../api/client-health';
import { fakeNetwork, jsonResponse, membership, problemResponse, problemType, renderInApp, TENANT_ID } from '../../test/render';
import { ClientCard } from '../clients/client-card-page';
import { Agenda } from './agenda-page';
import { AppointmentDetails } from './appointment-page';
import { instantOf } from './zoned-time';

const DAY = '2026-05-05';
const anna: Appointment = {
  id: 'apt_anna00000001', client: { id: 'cli_anna00000001', name: 'Anna de Vries', email: 'anna@example.nl', phone: '0612345678', masked: false },
  startsAt: '2026-05-05T08:00:00.000Z', endsAt: '2026-05-05T09:00:00.000Z', treatment: 'Pedicure', treatmentId: null, staffId: null, status: 'booked', hasNotes: true, notes: 'Eelt op de hiel',
  createdAt: '2026-05-01T10:00:00.000Z', updatedAt: '2026-05-01T10:00:00.000Z',
};
const masked: Appointment = { ...anna, client: { ...anna.client, email: 'a***@e***.nl', phone: '06******78', masked: true } };
const dayOf = (items: Appointment[]) =>
  [appointmentKeys.period(TENANT_ID, instantOf(DAY, 0).toISOString(), instantOf('2026-05-06', 0).toISOString()), { items, complete: true }] as const;
const detail = (a: Appointment) => [appointmentKeys.detail(TENANT_ID, a.id), a] as const;

const clientOf = (a: Appointment): Client => ({
  id: a.client.id, name: a.client.name, email: a.client.email, phone: a.client.phone, dateOfBirth: null, address: null, hasNotes: false,
  reminderConsent: null, masked: a.client.masked, createdAt: a.createdAt, updatedAt: a.updatedAt,
});

/** A wide screen, where the agenda is a time grid. */
const wideScreen = () => vi.stubGlobal('matchMedia', (query: string) => ({ matches: true, media: query, addEventListener() {}, removeEventListener() {} }));

describe('what the agenda shows follows the module permission', () => {
  it('gives a colleague with agenda:view the day without any control to book', async () => {
    renderInApp(<Agenda search={{ view: 'day', date: DAY }} onSearch={vi.fn()} />, { tenant: membership({ agenda: 'view' }), data: [dayOf([anna])] });
    expect(await screen.findByRole('heading', { level: 1, name: 'Agenda' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Anna de Vries/ })).toHaveAttribute('href', `/t/${TENANT_ID}/agenda/${anna.id}`);
    expect(screen.getByRole('heading', { level: 2, name: 'dinsdag 5 mei 2026' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Nieuwe afspraak' })).not.toBeInTheDocument();
  });

  it('gives agenda:edit the control to book, also on the time grid', async () => {
    wideScreen();
    renderInApp(<Agenda search={{ view: 'day', date: DAY }} onSearch={vi.fn()} />, { tenant: membership({ agenda: 'edit', clients: 'view' }), data: [dayOf([anna])] });
    expect(await screen.findByRole('button', { name: 'Nieuwe afspraak' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'dinsdag 5 mei, 10:00–11:00, Anna de Vries, Pedicure' })).toBeInTheDocument();
  });

  it("opens the booking with the client chosen on their card", async () => {
    const client: Client = { ...clientOf(anna), masked: false };
    renderInApp(<Agenda search={{ view: 'day', date: DAY, bookFor: client.id }} onSearch={vi.fn()} />, {
      tenant: membership({ agenda: 'edit', clients: 'view' }), data: [dayOf([]), [clientKeys.detail(TENANT_ID, client.id), client]],
    });
    const dialog = await screen.findByRole('dialog', { name: 'Nieuwe afspraak' });
    expect(within(dialog).getByRole('combobox', { name: /^Klant/ })).toHaveValue('Anna de Vries');
    expect(within(dialog).getByLabelText(/^Begint/)).toHaveValue(`${DAY}T09:00`);
  });

  it('moves through the days with the buttons and the keyboard', async () => {
    const onSearch = vi.fn();
    const user = userEvent.setup();
    renderInApp(<Agenda search={{ view: 'day', date: DAY }} onSearch={onSearch} />, { tenant: membership({ agenda: 'view' }), data: [dayOf([])] });
    expect(await screen.findByText('Geen afspraken op deze dag')).toBeInTheDocument();
    expect(screen.getByText('Zodra een collega afspraken maakt, zie je ze hier.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Volgende dag' }));
    expect(onSearch).toHaveBeenLastCalledWith({ date: '2026-05-06' });
    await user.keyboard('p');
    expect(onSearch).toHaveBeenLastCalledWith({ date: '2026-05-04' });
    await user.keyboard('w');
    expect(onSearch).toHaveBeenLastCalledWith({ view: 'week' });
  });

  it('says why the agenda could not be loaded', async () => {
    vi.stubGlobal('fetch', fakeNetwork(problemResponse(403, { type: problemType('module-permission-required') })).fetch);
    renderInApp(<Agenda search={{ view: 'day', date: DAY }} onSearch={vi.fn()} />, { tenant: membership({ agenda: 'view' }) });
    expect(await screen.findByRole('alert')).toHaveTextContent('Je hebt hier geen rechten voor');
  });
});

describe('an appointment', () => {
  it('shows a view-only colleague no change or cancel, and masked contacts as hidden', async () => {
    renderInApp(<AppointmentDetails appointmentId={anna.id} />, { tenant: membership({ agenda: 'view' }), data: [detail(masked)] });
    expect(await screen.findByRole('heading', { level: 1, name: 'Pedicure – Anna de Vries' })).toBeInTheDocument();
    expect(screen.getByText('Eelt op de hiel')).toBeInTheDocument();
    expect(screen.getAllByText('Afgeschermd')).toHaveLength(2);
    expect(screen.queryByText('06******78')).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Anna de Vries' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Wijzigen' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Afspraak annuleren' })).not.toBeInTheDocument();
  });

  it('lets agenda:edit cancel it after confirming (a status, the appointment stays), and says when that fails', async () => {
    const cancelled = { ...anna, status: 'cancelled' as const };
    const net = fakeNetwork(problemResponse(503, { type: problemType('upstream-unavailable') }), jsonResponse(200, cancelled), jsonResponse(200, { items: [], nextCursor: null }));
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<AppointmentDetails appointmentId={anna.id} />, { tenant: membership({ agenda: 'edit', clients: 'view' }), data: [detail(anna)] });
    expect(await screen.findByRole('link', { name: 'Anna de Vries' })).toHaveAttribute('href', `/t/${TENANT_ID}/clients/${anna.client.id}`);
    expect(screen.getByRole('link', { name: '0612345678' })).toHaveAttribute('href', 'tel:0612345678');
    await user.click(screen.getByRole('button', { name: 'Afspraak annuleren' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Afspraak annuleren?' });
    expect(within(confirm).getByRole('button', { name: 'Nee, behouden' })).toBeInTheDocument();
    await user.click(within(confirm).getByRole('button', { name: 'Ja, annuleren' }));
    expect(await within(confirm).findByText('HOMi is even niet bereikbaar')).toBeInTheDocument();
    await user.click(within(confirm).getByRole('button', { name: 'Ja, annuleren' }));
    await vi.waitFor(() => expect(net.requests.filter((r) => r.method === 'PATCH')).toHaveLength(2));
    expect(net.requests[1]).toMatchObject({ method: 'PATCH', url: `/api/v1/tenants/${TENANT_ID}/appointments/${anna.id}`, body: { status: 'cancelled' } });
    // Settled: the status says so, and nothing offers to change it any more.
    const status = await screen.findByRole('region', { name: /^Status/ });
    expect(await within(status).findByText('Geannuleerd')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Afspraak annuleren' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Markeer als voltooid' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Wijzigen' })).not.toBeInTheDocument();
    expect(net.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
  });

  it('marks a booked appointment completed or no-show at once, and shows the refusal of a settled one', async () => {
    const net = fakeNetwork(problemResponse(409, { type: problemType('invalid-status-transition'), currentStatus: 'completed' }));
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<AppointmentDetails appointmentId={anna.id} />, { tenant: membership({ agenda: 'edit' }), data: [detail(anna)] });
    await user.click(await screen.findByRole('button', { name: 'Niet verschenen' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Deze afspraak is al afgerond');
    expect(net.requests[0]).toMatchObject({ method: 'PATCH', body: { status: 'no-show' } });
  });

  it('deletes an appointment only after its own confirmation, for a mistake', async () => {
    const net = fakeNetwork(new Response(null, { status: 204 }), jsonResponse(200, { items: [], nextCursor: null }));
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<AppointmentDetails appointmentId={anna.id} />, { tenant: membership({ agenda: 'edit' }), data: [detail(anna)] });
    await user.click(await screen.findByRole('button', { name: 'Verwijderen' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Afspraak verwijderen?' });
    await user.click(within(confirm).getByRole('button', { name: 'Ja, verwijderen' }));
    await vi.waitFor(() => expect(net.requests[0]).toMatchObject({ method: 'DELETE', url: `/api/v1/tenants/${TENANT_ID}/appointments/${anna.id}` }));
  });

  it('shows a view-only colleague the status but no status actions', async () => {
    renderInApp(<AppointmentDetails appointmentId={anna.id} />, { tenant: membership({ agenda: 'view' }), data: [detail({ ...anna, status: 'no-show' })] });
    const status = await screen.findByRole('region', { name: /^Status/ });
    expect(within(status).getByText('Niet verschenen')).toBeInTheDocument();
    expect(within(status).queryByRole('button')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Verwijderen' })).not.toBeInTheDocument();
  });
});

describe("a client's card", () => {
  const client = clientOf(anna);
  const card = [clientKeys.detail(TENANT_ID, client.id), client] as const;
  // The card's alerts and notes panels ask for their own data; known already here, so the network below answers only the agenda.
  const health = [[clientHealthKeys.alerts(TENANT_ID, client.id), []], [clientHealthKeys.notes(TENANT_ID, client.id), { general: null, items: [] }]] as const;

  it("lists the client's upcoming and past appointments, saying which have notes, for agenda:view", async () => {
    const { notes: _text, ...listed } = anna;
    const past = { ...listed, id: 'apt_past00000001', treatment: 'Manicure', hasNotes: true, startsAt: '2026-01-10T09:00:00.000Z', endsAt: '2026-01-10T10:00:00.000Z' };
    const net = fakeNetwork(jsonResponse(200, { items: [], nextCursor: null }), jsonResponse(200, { items: [past], nextCursor: 'more' }));
    vi.stubGlobal('fetch', net.fetch);
    renderInApp(<ClientCard clientId={client.id} />, { tenant: membership({ clients: 'view', agenda: 'view' }), data: [card, ...health] });
    expect(await screen.findByRole('heading', { name: 'Afspraken' })).toBeInTheDocument();
    expect(await screen.findByText('Geen komende afspraken.')).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Manicure · zaterdag 10 januari 2026, 10:00–11:00' })).toHaveAttribute('href', `/t/${TENANT_ID}/agenda/${past.id}`);
    // Their text is on the appointment's page, where reading it is recorded (ADR 64).
    expect(screen.getByText('Met notities')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Meer tonen' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Afspraak maken' })).not.toBeInTheDocument();
    const urls = net.requests.map((r) => new URL(r.url, 'http://x'));
    expect(urls.map((u) => [u.searchParams.get('clientId'), u.searchParams.get('order')])).toEqual([[client.id, 'asc'], [client.id, 'desc']]);
  });

  it('offers agenda:edit to book for the client from the card', async () => {
    vi.stubGlobal('fetch', fakeNetwork(jsonResponse(200, { items: [], nextCursor: null }), jsonResponse(200, { items: [], nextCursor: null })).fetch);
    renderInApp(<ClientCard clientId={client.id} />, { tenant: membership({ clients: 'view', agenda: 'edit' }), data: [card, ...health] });
    expect(await screen.findByRole('link', { name: 'Afspraak maken' })).toHaveAttribute('href', `/t/${TENANT_ID}/agenda?bookFor=${client.id}`);
    expect(await screen.findByText('Nog geen eerdere afspraken.')).toBeInTheDocument();
  });

  it('shows the visits and the no-shows the API counted', async () => {
    renderInApp(<ClientCard clientId={client.id} />, { tenant: membership({ clients: 'view' }), data: [[card[0], { ...client, visitCount: 7, noShowCount: 2 }]] });
    const history = await screen.findByRole('region', { name: 'Geschiedenis' });
    expect(within(history).getByText('Bezoeken').nextElementSibling).toHaveTextContent('7');
    expect(within(history).getByText('Niet verschenen').nextElementSibling).toHaveTextContent('2');
  });

  it('leaves the appointments out for a colleague without the agenda', async () => {
    renderInApp(<ClientCard clientId={client.id} />, { tenant: membership({ clients: 'view' }), data: [card] });
    expect(await screen.findByRole('heading', { level: 1, name: 'Anna de Vries' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Afspraken' })).not.toBeInTheDocument();
  });
});
