import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { appointmentKeys, type Appointment } from '../../api/appointments';
import { clientKeys, type Client } from '../../api/clients';
import { invoiceKeys, type FactuurSturenConnection, type Invoice } from '../../api/invoices';
import { jsonResponse, me, membership, problemResponse, problemType, renderInApp, TENANT_ID } from '../../test/render';
import { routedNetwork } from '../../test/routed-network';
import { AppointmentDetails } from '../agenda/appointment-page';
import { ClientCard } from '../clients/client-card-page';
import { MainNav } from '../shell/main-nav';
import { FactuurSturenPage } from './factuursturen-page';
import { InvoiceDetails } from './invoice-page';
import { InvoicesPage } from './invoices-page';

const anna: Client = {
  id: 'cli_anna00000001', name: 'Anna de Vries', email: 'anna@example.nl', phone: '0612345678', dateOfBirth: null, address: null, hasNotes: false,
  reminderConsent: null, masked: false, createdAt: '2026-05-01T10:00:00.000Z', updatedAt: '2026-05-01T10:00:00.000Z',
};
const created: Invoice = {
  id: 'inv_created000001', clientId: anna.id, appointmentId: null, status: 'created', providerInvoiceNumber: 'F2026-0001', invoiceDate: '2026-05-05',
  lines: [{ description: 'Pedicure', quantity: 1, unitPriceCents: 4500, taxRate: 21 }], sendByEmail: false,
  totals: { exclTaxCents: 4500, taxCents: 945, inclTaxCents: 5445 }, paid: false, paidDate: null, lastError: null, restricted: false,
  createdAt: '2026-05-05T09:00:00.000Z', updatedAt: '2026-05-05T09:00:02.000Z',
};
const pending: Invoice = { ...created, id: 'inv_pending000001', status: 'pending', providerInvoiceNumber: null, invoiceDate: null };
const failed: Invoice = { ...pending, id: 'inv_failed0000001', status: 'failed', lastError: 'invoicing-refused' };
const paid: Invoice = { ...created, id: 'inv_paid000000001', providerInvoiceNumber: 'F2026-0002', paid: true, paidDate: '2026-05-20' };
const connection: FactuurSturenConnection = {
  provider: 'factuursturen', username: 'salon-anna', shareClientData: true, status: 'connected', connectedAt: '2026-05-01T08:00:00.000Z',
  consent: { givenBy: 'usr_owner0000001', givenAt: '2026-05-01T08:00:00.000Z', scope: ['name', 'email', 'phone', 'address'] },
};
const page = (items: Invoice[]) => ({ items, nextCursor: null });
const listKey = invoiceKeys.list(TENANT_ID, { status: undefined, cursor: undefined, limit: 20 });

describe('invoicing follows the module permission', () => {
  it('is in the navigation with invoicing:view, and absent at none', async () => {
    const viewer = membership({ invoicing: 'view' });
    const first = renderInApp(<MainNav memberships={[viewer]} tenantId={TENANT_ID} />, { me: me([viewer]) });
    expect(await screen.findByRole('link', { name: 'Facturatie' })).toHaveAttribute('href', `/t/${TENANT_ID}/invoicing`);

    first.unmount();
    const none = membership({ clients: 'view' });
    renderInApp(<MainNav memberships={[none]} tenantId={TENANT_ID} />, { me: me([none]) });
    await screen.findByRole('link', { name: 'Klanten' });
    expect(screen.queryByRole('link', { name: 'Facturatie' })).not.toBeInTheDocument();
  });

  it('lists the invoices with amount, client, date and status (a failure with its reason) for a viewer, without the control to invoice', async () => {
    renderInApp(<InvoicesPage />, {
      tenant: membership({ invoicing: 'view', clients: 'view' }),
      data: [[listKey, page([pending, failed, created, paid])], [clientKeys.detail(TENANT_ID, anna.id), anna], [invoiceKeys.connection(TENANT_ID), connection]],
    });
    const table = await screen.findByRole('table', { name: 'Facturen, pagina 1' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[4]!.textContent)).toEqual([
      'In behandeling',
      'MisluktFactuurSturen weigerde de factuur. Kijk de regels en de gegevens van de klant na, bijvoorbeeld het e-mailadres als de factuur per e-mail gaat.',
      'Gemaakt',
      'BetaaldBetaald op 20 mei 2026',
    ]);
    expect(within(rows[2]!).getByRole('link', { name: 'Anna de Vries' })).toHaveAttribute('href', `/t/${TENANT_ID}/clients/${anna.id}`);
    expect(within(rows[2]!).getByRole('link', { name: '5 mei 2026' })).toHaveAttribute('href', `/t/${TENANT_ID}/invoicing/${created.id}`);
    expect(rows[2]).toHaveTextContent('€ 54,45');
    expect(screen.queryByRole('link', { name: 'Nieuwe factuur' })).not.toBeInTheDocument();
  });

  it('hides client names without clients:view, and offers a new invoice with invoicing:edit and clients:view', async () => {
    const net = routedNetwork({});
    vi.stubGlobal('fetch', net.fetch);
    const first = renderInApp(<InvoicesPage />, { tenant: membership({ invoicing: 'edit' }), data: [[listKey, page([created])], [invoiceKeys.connection(TENANT_ID), connection]] });
    expect(await screen.findByText('Afgeschermd')).toBeInTheDocument();
    expect(screen.getByText('Namen van klanten zie je alleen met toegang tot klanten.')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Nieuwe factuur' })).not.toBeInTheDocument();
    expect(net.requests.filter((r) => r.url.includes('/clients/'))).toEqual([]);
    first.unmount();

    renderInApp(<InvoicesPage />, { tenant: membership({ invoicing: 'edit', clients: 'view' }), data: [[listKey, page([])], [invoiceKeys.connection(TENANT_ID), null]] });
    expect(await screen.findByRole('link', { name: 'Nieuwe factuur' })).toHaveAttribute('href', `/t/${TENANT_ID}/invoicing/new`);
    expect(screen.getByRole('alert')).toHaveTextContent('Een eigenaar van je instituut moet eerst het FactuurSturen-account koppelen.');
  });

  it("puts invoicing on a client's card and an appointment's page only with the rights to invoice", async () => {
    const appointment: Appointment = {
      id: 'apt_anna00000001', client: { id: anna.id, name: anna.name, email: anna.email, phone: anna.phone, masked: false },
      startsAt: '2026-05-05T08:00:00.000Z', endsAt: '2026-05-05T09:00:00.000Z', treatment: 'Pedicure', treatmentId: 'trt_pedicure0001', staffId: null, status: 'booked', hasNotes: false, notes: null,
      createdAt: anna.createdAt, updatedAt: anna.updatedAt,
    };
    vi.stubGlobal('fetch', routedNetwork({ [`GET /tenants/${TENANT_ID}/invoices`]: jsonResponse(200, page([created])) }).fetch);
    let view = renderInApp(<ClientCard clientId={anna.id} />, { tenant: membership({ clients: 'view', invoicing: 'edit' }), data: [[clientKeys.detail(TENANT_ID, anna.id), anna]] });
    const section = await screen.findByRole('region', { name: 'Facturen' });
    expect(await within(section).findByRole('link', { name: /^5 mei 2026 · €\s54,45$/ })).toBeInTheDocument();
    expect(within(section).getByRole('link', { name: 'Factureren' })).toHaveAttribute('href', `/t/${TENANT_ID}/invoicing/new?clientId=${anna.id}`);
    view.unmount();

    view = renderInApp(<ClientCard clientId={anna.id} />, { tenant: membership({ clients: 'edit' }), data: [[clientKeys.detail(TENANT_ID, anna.id), anna]] });
    await screen.findByRole('heading', { level: 1, name: 'Anna de Vries' });
    expect(screen.queryByRole('region', { name: 'Facturen' })).not.toBeInTheDocument();
    view.unmount();

    vi.stubGlobal('fetch', routedNetwork({ [`GET /tenants/${TENANT_ID}/invoices`]: jsonResponse(200, page([])) }).fetch);
    view = renderInApp(<AppointmentDetails appointmentId={appointment.id} />, {
      tenant: membership({ agenda: 'view', clients: 'view', invoicing: 'edit' }), data: [[appointmentKeys.detail(TENANT_ID, appointment.id), appointment]],
    });
    const invoiceSection = await screen.findByRole('region', { name: 'Factuur' });
    expect(await within(invoiceSection).findByRole('button', { name: 'Factuur maken' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Wijzigen' })).not.toBeInTheDocument();
    view.unmount();

    view = renderInApp(<AppointmentDetails appointmentId={appointment.id} />, {
      tenant: membership({ agenda: 'edit', invoicing: 'view' }), data: [[appointmentKeys.detail(TENANT_ID, appointment.id), appointment]],
    });
    expect(await screen.findByRole('button', { name: 'Wijzigen' })).toBeInTheDocument();
    expect(await screen.findByText('Nog geen factuur voor deze afspraak.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Factuur maken' })).not.toBeInTheDocument();
    view.unmount();

    renderInApp(<AppointmentDetails appointmentId={appointment.id} />, {
      tenant: membership({ agenda: 'edit' }), data: [[appointmentKeys.detail(TENANT_ID, appointment.id), appointment]],
    });
    expect(await screen.findByRole('button', { name: 'Wijzigen' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Factuur' })).not.toBeInTheDocument();
  });
});

describe('an invoice', () => {
  it('follows a pending invoice until FactuurSturen made it', async () => {
    vi.stubGlobal('fetch', routedNetwork({ [`GET /tenants/${TENANT_ID}/invoices/${pending.id}`]: [jsonResponse(200, pending), jsonResponse(200, { ...pending, status: 'created', providerInvoiceNumber: 'F2026-0003', invoiceDate: '2026-05-05' })] }).fetch);
    renderInApp(<InvoiceDetails invoiceId={pending.id} />, { tenant: membership({ invoicing: 'view' }) });
    expect(await screen.findByRole('heading', { level: 1, name: 'Factuur (nog zonder nummer)' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('FactuurSturen maakt de factuur');
    expect(await screen.findByRole('heading', { level: 1, name: 'Factuur F2026-0003' }, { timeout: 4000 })).toBeInTheDocument();
    expect(screen.getByText('Gemaakt')).toBeInTheDocument();
    expect(screen.getByText('Betalingen leg je vast in FactuurSturen; HOMi neemt ze daar vanzelf van over.')).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Regels van de factuur' })).toHaveTextContent('Pedicure');
  });

  it('says why it failed, and offers to invoice again only with the rights', async () => {
    const first = renderInApp(<InvoiceDetails invoiceId={failed.id} />, { tenant: membership({ invoicing: 'edit', clients: 'view' }), data: [[invoiceKeys.detail(TENANT_ID, failed.id), failed], [clientKeys.detail(TENANT_ID, anna.id), anna]] });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('De factuur is niet gemaakt');
    expect(alert).toHaveTextContent('FactuurSturen weigerde de factuur.');
    expect(within(alert).getByRole('link', { name: 'Opnieuw factureren' })).toHaveAttribute('href', `/t/${TENANT_ID}/invoicing/new?from=${failed.id}`);

    first.unmount();
    renderInApp(<InvoiceDetails invoiceId={failed.id} />, { tenant: membership({ invoicing: 'view' }), data: [[invoiceKeys.detail(TENANT_ID, failed.id), failed]] });
    expect(await screen.findByText('De factuur is niet gemaakt')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Opnieuw factureren' })).not.toBeInTheDocument();
  });

  it('says why it cannot be shown', async () => {
    vi.stubGlobal('fetch', routedNetwork({ [`GET /tenants/${TENANT_ID}/invoices/${created.id}`]: problemResponse(404, { type: problemType('not-found') }) }).fetch);
    renderInApp(<InvoiceDetails invoiceId={created.id} />, { tenant: membership({ invoicing: 'view' }) });
    expect(await screen.findByRole('alert')).toHaveTextContent('Niet gevonden');
  });
});

describe('the FactuurSturen connection', () => {
  it('lets an owner connect with consent, and puts a refused key beside its field', async () => {
    const net = routedNetwork({
      [`GET /tenants/${TENANT_ID}/integrations/factuursturen`]: problemResponse(404, { type: problemType('invoicing-not-connected') }),
      [`PUT /tenants/${TENANT_ID}/integrations/factuursturen`]: [
        problemResponse(400, { type: problemType('invoicing-credentials-rejected'), errors: [{ path: 'apiKey', message: 'FactuurSturen did not accept this username and API key' }] }),
        jsonResponse(200, connection),
      ],
    });
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<FactuurSturenPage />, { tenant: membership({}, 'owner') });
    expect(await screen.findByText('Niet gekoppeld')).toBeInTheDocument();
    expect(screen.getByText(/stuurt HOMi bij elke factuur de naam, het e-mailadres, het telefoonnummer en het adres van de klant naar FactuurSturen/)).toBeInTheDocument();
    await user.type(screen.getByLabelText(/^Gebruikersnaam/), 'salon-anna');
    await user.type(screen.getByLabelText(/^API-sleutel/), 'wrong-key-123');
    await user.click(screen.getByRole('checkbox', { name: 'Ik geef toestemming om klantgegevens met FactuurSturen te delen' }));
    await user.click(screen.getByRole('button', { name: 'Koppelen' }));
    expect(await screen.findByText('FactuurSturen accepteert deze gebruikersnaam en API-sleutel niet. Controleer ze in FactuurSturen.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^API-sleutel/)).toHaveAttribute('aria-invalid', 'true');

    await user.clear(screen.getByLabelText(/^API-sleutel/));
    await user.type(screen.getByLabelText(/^API-sleutel/), 'right-key-123');
    await user.click(screen.getByRole('button', { name: 'Koppelen' }));
    expect(await screen.findByText('Gekoppeld')).toBeInTheDocument();
    expect(screen.getByText('Aan, sinds 1 mei 2026')).toBeInTheDocument();
    expect(net.requests.filter((r) => r.method === 'PUT').map((r) => r.body)).toEqual([
      { username: 'salon-anna', apiKey: 'wrong-key-123', shareClientData: true },
      { username: 'salon-anna', apiKey: 'right-key-123', shareClientData: true },
    ]);
    expect(screen.getByRole('button', { name: 'Ontkoppelen' })).toBeInTheDocument();
  });

  it('lets an owner disconnect after confirming', async () => {
    const net = routedNetwork({ [`DELETE /tenants/${TENANT_ID}/integrations/factuursturen`]: () => new Response(null, { status: 204 }) });
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<FactuurSturenPage />, { tenant: membership({}, 'owner'), data: [[invoiceKeys.connection(TENANT_ID), connection]] });
    await user.click(await screen.findByRole('button', { name: 'Ontkoppelen' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'FactuurSturen ontkoppelen?' });
    await user.click(within(confirm).getByRole('button', { name: 'Ja, ontkoppelen' }));
    expect(await screen.findByText('Niet gekoppeld')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Koppelen' })).toBeInTheDocument();
    expect(net.requests.map((r) => r.method)).toEqual(['DELETE']);
  });

  it('shows an admin the status but no form and no disconnect: only an owner decides', async () => {
    renderInApp(<FactuurSturenPage />, { tenant: membership({ invoicing: 'edit', clients: 'edit' }, 'admin'), data: [[invoiceKeys.connection(TENANT_ID), connection]] });
    expect(await screen.findByText('Gekoppeld')).toBeInTheDocument();
    expect(screen.getByText('salon-anna')).toBeInTheDocument();
    expect(screen.getByText('Alleen een eigenaar kan koppelen of ontkoppelen')).toBeInTheDocument();
    expect(screen.queryByLabelText(/^API-sleutel/)).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Ontkoppelen' })).not.toBeInTheDocument();
  });

  it("says the API's refusal by role as the owner's decision", async () => {
    vi.stubGlobal('fetch', routedNetwork({ [`PUT /tenants/${TENANT_ID}/integrations/factuursturen`]: problemResponse(403, { type: problemType('role-required') }) }).fetch);
    const user = userEvent.setup();
    renderInApp(<FactuurSturenPage />, { tenant: membership({}, 'owner'), data: [[invoiceKeys.connection(TENANT_ID), null]] });
    await user.type(await screen.findByLabelText(/^Gebruikersnaam/), 'salon-anna');
    await user.type(screen.getByLabelText(/^API-sleutel/), 'right-key-123');
    await user.click(screen.getByRole('button', { name: 'Koppelen' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Alleen een eigenaar kan koppelen of ontkoppelen');
  });
});
