import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { instituteKeys, type InstituteProfile } from '../../api/institute';
import { meKeys, type Me } from '../../api/me';
import { i18n } from '../../i18n/i18n';
import { fakeNetwork, jsonResponse, me, membership, problemResponse, problemType, renderInApp, TENANT_ID } from '../../test/render';
import { InstitutePage } from './institute-page';

const profile: InstituteProfile = {
  tenantId: TENANT_ID, name: 'Salon Test', kvkNumber: '12345678', phone: '0301234567', email: null, reminderLeadHours: 24,
  address: { street: 'Oudegracht', houseNumber: '12a', postcode: '3511 AB', city: 'Utrecht', country: 'NL' },
  createdAt: '2026-01-01T10:00:00.000Z', updatedAt: '2026-01-01T10:00:00.000Z',
};
const editor = membership({ settings: 'edit' }, 'owner');
const data = (m = editor) => [[instituteKeys.profile(TENANT_ID), profile] as const, [meKeys.all, me([m])] as const];

afterEach(() => vi.unstubAllGlobals());

describe('the institute page', () => {
  it('changes the details with settings:edit: an emptied field is cleared, the new name shows in /me at once', async () => {
    const saved = { ...profile, name: 'Salon Test & Co', phone: null, email: 'info@salontest.nl', address: null };
    const net = fakeNetwork(jsonResponse(200, saved));
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    const { queryClient } = renderInApp(<InstitutePage />, { tenant: editor, data: data() });
    const name = await screen.findByLabelText(/^Naam van je instituut/);
    expect(name).toHaveValue('Salon Test');
    expect(screen.getByLabelText(/^KvK-nummer/)).toHaveValue('12345678');
    await user.clear(name);
    await user.type(name, 'Salon Test & Co');
    await user.clear(screen.getByLabelText(/^Telefoonnummer van het instituut/));
    await user.type(screen.getByLabelText(/^E-mailadres van het instituut/), 'Info@SalonTest.nl');
    for (const field of [/^Straat/, /^Huisnummer/, /^Postcode/, /^Plaats/]) await user.clear(screen.getByLabelText(field));
    await user.click(screen.getByRole('button', { name: 'Gegevens opslaan' }));
    expect(await screen.findByText('De gegevens van het instituut zijn opgeslagen')).toBeInTheDocument();
    expect(net.requests).toHaveLength(1);
    expect(net.requests[0]).toMatchObject({ method: 'PATCH', url: `/api/v1/tenants/${TENANT_ID}` });
    expect(net.requests[0]?.body).toEqual({ name: 'Salon Test & Co', kvkNumber: '12345678', phone: null, email: 'info@salontest.nl', address: null });
    expect(queryClient.getQueryData<Me>(meKeys.all)?.memberships[0]?.instituteName).toBe('Salon Test & Co');
    expect(screen.getByLabelText(/^Telefoonnummer van het instituut/)).toHaveValue('');
  });

  it('checks the details with the contract before anything is sent', async () => {
    const net = fakeNetwork();
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<InstitutePage />, { tenant: editor, data: data() });
    await user.clear(await screen.findByLabelText(/^Naam van je instituut/));
    await user.clear(screen.getByLabelText(/^KvK-nummer/));
    await user.type(screen.getByLabelText(/^KvK-nummer/), '1234');
    await user.clear(screen.getByLabelText(/^Plaats/));
    await user.click(screen.getByRole('button', { name: 'Gegevens opslaan' }));
    expect(await screen.findByLabelText(/^Naam van je instituut/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText(/^KvK-nummer/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText(/^Plaats/)).toHaveAttribute('aria-invalid', 'true');
    expect(net.requests).toEqual([]);
  });

  it('says a refusal in Dutch, with what to do', async () => {
    vi.stubGlobal('fetch', fakeNetwork(problemResponse(403, { type: problemType('module-permission-required'), title: 'Forbidden' })).fetch);
    const user = userEvent.setup();
    renderInApp(<InstitutePage />, { tenant: editor, data: data() });
    await user.click(await screen.findByRole('button', { name: 'Gegevens opslaan' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Je hebt hier geen rechten voor');
    expect(alert).not.toHaveTextContent('Forbidden');
  });

  it('shows the details read-only to a colleague who may only view the settings', async () => {
    const viewer = membership({ settings: 'view' });
    renderInApp(<InstitutePage />, { tenant: viewer, data: data(viewer) });
    expect(await screen.findByText('Oudegracht 12a, 3511 AB Utrecht')).toBeInTheDocument();
    expect(screen.getByText('12345678')).toBeInTheDocument();
    expect(screen.getByText('Niet ingevuld')).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Gegevens opslaan' })).not.toBeInTheDocument();
  });

  it('speaks English to an English reader', async () => {
    await i18n.changeLanguage('en');
    renderInApp(<InstitutePage />, { tenant: editor, data: data() });
    expect(await screen.findByRole('heading', { level: 1, name: 'Institute' })).toBeInTheDocument();
    const form = screen.getByRole('button', { name: 'Save details' }).closest('form')!;
    expect(within(form).getByLabelText(/^E-mail address of the institute/)).toHaveValue('');
  });
});
