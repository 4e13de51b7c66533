import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Appointment } from '../../api/appointments';
import type { Invoice } from '../../api/invoices';
import { i18n } from '../../i18n/i18n';
import { jsonResponse, membership, problemResponse, problemType, renderInApp, TENANT_ID } from '../../test/render';
import { routedNetwork } from '../../test/routed-network';
import { AppointmentInvoice } from './appointment-invoice';

const appointment: Appointment = {
  id: 'apt_anna00000001', client: { id: 'cli_anna00000001', name: 'Anna de Vries', email: 'anna@example.nl', phone: null, masked: false },
  startsAt: '2026-12-12T09:30:00.000Z', endsAt: '2026-12-12T10:15:00.000Z', treatment: 'Pedicure', treatmentId: 'trt_pedicure0001', staffId: null,
  status: 'completed', hasNotes: false, notes: null, createdAt: '2026-12-01T10:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z',
};
const pending: Invoice = {
  id: 'inv_appt00000001', clientId: appointment.client.id, appointmentId: appointment.id, status: 'pending', providerInvoiceNumber: null, invoiceDate: null,
  lines: [{ description: 'Pedicure, 12-12-2026', quantity: 1, unitPriceCents: 3719, taxRate: 21 }], sendByEmail: false,
  totals: { exclTaxCents: 3719, taxCents: 781, inclTaxCents: 4500 }, paid: false, paidDate: null, lastError: null, restricted: false,
  createdAt: '2026-12-12T11:00:00.000Z', updatedAt: '2026-12-12T11:00:00.000Z',
};
const made: Invoice = { ...pending, status: 'created', providerInvoiceNumber: 'F2026-0042', invoiceDate: '2026-12-12' };
const LIST = `GET /tenants/${TENANT_ID}/invoices`;
const CREATE = `POST /tenants/${TENANT_ID}/invoices`;
const page = (items: Invoice[]) => jsonResponse(200, { items, nextCursor: null });
const invoicer = membership({ agenda: 'view', clients: 'view', invoicing: 'edit' });

afterEach(() => void i18n.changeLanguage('nl'));

describe("an appointment's invoice", () => {
  it('makes it with the appointment alone (the API takes the price) and links to it, followed until FactuurSturen made it', async () => {
    const net = routedNetwork({ [LIST]: [page([]), page([pending]), page([made])], [CREATE]: jsonResponse(202, pending) });
    vi.stubGlobal('fetch', net.fetch);
    renderInApp(<AppointmentInvoice appointment={appointment} />, { tenant: invoicer });
    const section = await screen.findByRole('region', { name: 'Factuur' });
    expect(await within(section).findByText(/^Nog geen factuur voor deze afspraak\. De factuur krijgt de prijs en het btw-tarief van de behandeling/)).toBeInTheDocument();
    await userEvent.click(within(section).getByRole('button', { name: 'Factuur maken' }));
    expect(net.requests.filter((r) => r.method === 'POST')).toEqual([
      expect.objectContaining({ url: `/api/v1/tenants/${TENANT_ID}/invoices`, body: { appointmentId: appointment.id, sendByEmail: false } }),
    ]);
    expect(await screen.findByText('Factuur aangevraagd')).toBeInTheDocument();
    expect(await within(section).findByRole('link', { name: /^Factuur \(nog zonder nummer\) · €\s45,00$/ })).toHaveAttribute('href', `/t/${TENANT_ID}/invoicing/${pending.id}`);
    expect(within(section).queryByRole('button', { name: 'Factuur maken' })).not.toBeInTheDocument();
    expect(await within(section).findByRole('link', { name: /^Factuur F2026-0042 · €\s45,00$/ }, { timeout: 4000 })).toBeInTheDocument();
    expect(within(section).getByText('Gemaakt')).toBeInTheDocument();
    expect(net.requests.filter((r) => r.method === 'GET').every((r) => r.url.includes(`appointmentId=${appointment.id}`))).toBe(true);
  });

  it('says why a free-text, cancelled or no-show appointment is not invoiced, without the button', async () => {
    vi.stubGlobal('fetch', routedNetwork({ [LIST]: page([]) }).fetch);
    const cases = [
      [{ treatmentId: null }, 'Deze afspraak is geboekt zonder behandeling uit de lijst en heeft dus geen prijs. Factureer de klant vanaf de klantkaart.'],
      [{ status: 'cancelled' }, 'Een geannuleerde afspraak wordt niet gefactureerd.'],
      [{ status: 'no-show' }, 'De klant is niet verschenen; deze afspraak wordt niet gefactureerd.'],
    ] as const;
    for (const [change, text] of cases) {
      const view = renderInApp(<AppointmentInvoice appointment={{ ...appointment, ...change }} />, { tenant: invoicer });
      expect(await screen.findByText(text)).toBeInTheDocument();
      expect(screen.queryByRole('button', { name: 'Factuur maken' })).not.toBeInTheDocument();
      view.unmount();
    }
  });

  it('explains a refusal in the reader\'s language and shows the invoice that exists (409 after another tab made it)', async () => {
    await i18n.changeLanguage('en');
    const net = routedNetwork({
      [LIST]: [page([]), page([made])],
      [CREATE]: problemResponse(409, { type: problemType('appointment-already-invoiced'), title: 'Conflict', invoiceId: made.id }),
    });
    vi.stubGlobal('fetch', net.fetch);
    renderInApp(<AppointmentInvoice appointment={appointment} />, { tenant: invoicer });
    const section = await screen.findByRole('region', { name: 'Invoice' });
    await userEvent.click(await within(section).findByRole('button', { name: 'Make invoice' }));
    expect(await within(section).findByText('This appointment has an invoice already')).toBeInTheDocument();
    expect(await within(section).findByRole('link', { name: /^Invoice F2026-0042 · €\s?45\.00$/ })).toBeInTheDocument();
  });

  it('offers to invoice again after a failed invoice, and nothing to a colleague with invoicing:view', async () => {
    const failed: Invoice = { ...pending, status: 'failed', lastError: 'invoicing-refused' };
    vi.stubGlobal('fetch', routedNetwork({ [LIST]: page([failed]) }).fetch);
    const first = renderInApp(<AppointmentInvoice appointment={appointment} />, { tenant: invoicer });
    expect(await screen.findByText(/^De vorige factuur is niet gemaakt\./)).toBeInTheDocument();
    expect(screen.getByText('Mislukt')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Factuur maken' })).toBeInTheDocument();
    first.unmount();

    renderInApp(<AppointmentInvoice appointment={appointment} />, { tenant: membership({ agenda: 'view', invoicing: 'view' }) });
    expect(await screen.findByText('Mislukt')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Factuur maken' })).not.toBeInTheDocument();
  });
});
