import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { instituteKeys, type InstituteProfile } from '../../api/institute';
import type { Treatment } from '../../api/treatments';
import { setLanguage } from '../../i18n/i18n';
import { fakeNetwork, jsonResponse, membership, renderInApp, TENANT_ID } from '../../test/render';
import { TreatmentsPage } from './treatments-page';

const pedicure: Treatment = {
  id: 'trt_pedicure0001', name: 'Pedicure', durationMinutes: 45, priceCents: 4500, taxRate: 21, active: true,
  createdAt: '2026-01-01T10:00:00.000Z', updatedAt: '2026-01-01T10:00:00.000Z',
};
const list = (...items: Treatment[]) => jsonResponse(200, { items });
// The page also shows the reminder lead time (ADR 53), from the institute profile, known here already.
const profile: InstituteProfile = {
  tenantId: TENANT_ID, name: 'Salon Test', kvkNumber: null, address: null, phone: null, email: null, reminderLeadHours: 24,
  createdAt: '2026-01-01T10:00:00.000Z', updatedAt: '2026-01-01T10:00:00.000Z',
};
const institute = [[instituteKeys.profile(TENANT_ID), profile] as const];

describe('the treatments page', () => {
  it('adds a treatment with its price in cents, and takes one out of the booking form', async () => {
    const added: Treatment = { ...pedicure, id: 'trt_manicure0001', name: 'Manicure', durationMinutes: 30, priceCents: 2750, taxRate: 9 };
    const net = fakeNetwork(list(pedicure), jsonResponse(201, added), list(added, pedicure), jsonResponse(200, { ...pedicure, active: false }), list(added, { ...pedicure, active: false }));
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<TreatmentsPage />, { tenant: membership({ agenda: 'view', settings: 'edit' }), data: institute });
    expect(await screen.findByText(/^45 minuten · €\s45,00 · 21% btw$/)).toBeInTheDocument();

    const form = screen.getByRole('form', { name: 'Nieuwe behandeling' });
    await user.type(within(form).getByLabelText(/^Naam/), 'Manicure');
    await user.clear(within(form).getByLabelText(/^Duur in minuten/));
    await user.type(within(form).getByLabelText(/^Duur in minuten/), '30');
    await user.type(within(form).getByLabelText(/^Prijs in euro/), '27,50');
    await user.selectOptions(within(form).getByLabelText('Btw'), '9');
    await user.click(within(form).getByRole('button', { name: 'Behandeling toevoegen' }));
    await vi.waitFor(() => expect(net.requests.find((r) => r.method === 'POST')?.body).toEqual({ name: 'Manicure', durationMinutes: 30, priceCents: 2750, taxRate: 9, active: true }));
    expect(await screen.findByText('Manicure')).toBeInTheDocument();

    const row = screen.getByText('Pedicure').closest('li') as HTMLElement;
    await user.click(within(row).getByRole('button', { name: 'Niet meer aanbieden' }));
    await vi.waitFor(() => expect(net.requests.find((r) => r.method === 'PATCH')).toMatchObject({ url: '/api/v1/tenants/ten_testinstitute01/treatments/trt_pedicure0001', body: { active: false } }));
    expect(await within(row).findByText('Niet meer te boeken')).toBeInTheDocument();
  });

  it('marks what is wrong and sends nothing', async () => {
    const net = fakeNetwork(list());
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<TreatmentsPage />, { tenant: membership({ agenda: 'view', settings: 'edit' }), data: institute });
    await screen.findByText('Nog geen behandelingen.');
    await user.click(screen.getByRole('button', { name: 'Behandeling toevoegen' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Controleer de gemarkeerde velden.');
    expect(screen.getByLabelText(/^Naam/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText(/^Prijs in euro/)).toHaveAttribute('aria-invalid', 'true');
    expect(net.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('only lists the treatments to a colleague without settings:edit, in English too', async () => {
    vi.stubGlobal('fetch', fakeNetwork(list(pedicure)).fetch);
    await setLanguage('en');
    renderInApp(<TreatmentsPage />, { tenant: membership({ agenda: 'view' }), data: institute });
    expect(await screen.findByText(/^45 minutes · €45\.00 · 21% VAT$/)).toBeInTheDocument();
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Stop offering' })).not.toBeInTheDocument();
    await setLanguage('nl');
  });
});
