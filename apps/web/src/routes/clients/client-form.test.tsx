import { tenantDataApi } from '@homi/contracts';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiProblem } from '../../api/problem';
import { problemType, renderInApp } from '../../test/render';
import { ClientForm, clientFormValues } from './client-form';

/** The client's notes, as read with the treatment notes (ADR 64). */
const NOTES = 'Allergisch voor noten';
const client = {
  id: 'cli_abcdefgh1234', name: 'Anna de Vries', email: 'anna@example.nl', phone: '0612345678', dateOfBirth: '1990-04-02',
  address: { street: 'Kerkstraat', houseNumber: '1', postcode: '1234 AB', city: 'Utrecht', country: 'NL' }, hasNotes: true,
  reminderConsent: null, masked: false, createdAt: '2026-01-01T10:00:00.000Z', updatedAt: '2026-01-02T10:00:00.000Z',
};

describe('the client form', () => {
  it('creates with what was filled in, normalised by the contracts schema', async () => {
    const onSubmit = vi.fn(async () => undefined);
    const user = userEvent.setup();
    renderInApp(
      <ClientForm schema={tenantDataApi.CreateClient} emptyAs="undefined" defaultValues={clientFormValues()} submitLabel="Opslaan" onSubmit={onSubmit} cancel={null} />,
    );
    await user.type(await screen.findByLabelText(/^Naam/), 'Bea Bakker');
    await user.type(screen.getByLabelText(/^E-mailadres/), 'BEA@Example.NL');
    await user.type(screen.getByLabelText(/^Straat/), 'Dorpsweg');
    await user.type(screen.getByLabelText(/^Huisnummer/), '12a');
    await user.type(screen.getByLabelText(/^Postcode/), '1234ab');
    await user.type(screen.getByLabelText(/^Plaats/), 'Zeist');
    await user.click(screen.getByRole('button', { name: 'Opslaan' }));

    await vi.waitFor(() => expect(onSubmit).toHaveBeenCalledOnce());
    expect(onSubmit).toHaveBeenCalledWith({
      name: 'Bea Bakker', email: 'bea@example.nl',
      address: { street: 'Dorpsweg', houseNumber: '12a', postcode: '1234 AB', city: 'Zeist', country: 'NL' },
    });
  });

  it('refuses a malformed e-mail address and phone number beside their fields', async () => {
    const onSubmit = vi.fn(async () => undefined);
    const user = userEvent.setup();
    renderInApp(
      <ClientForm schema={tenantDataApi.CreateClient} emptyAs="undefined" defaultValues={clientFormValues()} submitLabel="Opslaan" onSubmit={onSubmit} cancel={null} />,
    );
    await user.type(await screen.findByLabelText(/^Naam/), 'Bea');
    await user.type(screen.getByLabelText(/^E-mailadres/), 'not-an-address');
    await user.type(screen.getByLabelText(/^Telefoonnummer/), 'call me');
    await user.click(screen.getByRole('button', { name: 'Opslaan' }));

    expect(await screen.findByText('Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Telefoonnummer/)).toHaveAttribute('aria-invalid', 'true');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends cleared fields as null when changing a client', async () => {
    const onSubmit = vi.fn(async () => undefined);
    const user = userEvent.setup();
    renderInApp(
      <ClientForm schema={tenantDataApi.UpdateClient} emptyAs="null" defaultValues={clientFormValues(client, NOTES)} submitLabel="Opslaan" onSubmit={onSubmit} cancel={null} />,
    );
    await user.clear(await screen.findByLabelText(/^E-mailadres/));
    expect(screen.getByLabelText(/^Notities/)).toHaveValue(NOTES);
    for (const label of [/^Straat/, /^Huisnummer/, /^Postcode/, /^Plaats/]) await user.clear(screen.getByLabelText(label));
    await user.click(screen.getByRole('button', { name: 'Opslaan' }));

    await vi.waitFor(() => expect(onSubmit).toHaveBeenCalledOnce());
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ name: 'Anna de Vries', email: null, address: null, phone: '0612345678' }));
  });

  it.each([
    { path: 'address.postcode', message: 'must be a Dutch postcode', label: /^Postcode/ },
    { path: 'phone', message: 'must be a phone number', label: /^Telefoonnummer/ },
  ])('shows the API\'s refusal of $path beside that field, in Dutch', async ({ path, message, label }) => {
    const refusal = new ApiProblem(400, { type: problemType('invalid'), errors: [{ path, message }] });
    const user = userEvent.setup();
    renderInApp(
      <ClientForm schema={tenantDataApi.UpdateClient} emptyAs="null" defaultValues={clientFormValues(client, NOTES)} submitLabel="Opslaan" onSubmit={() => Promise.reject(refusal)} cancel={null} />,
    );
    await user.click(await screen.findByRole('button', { name: 'Opslaan' }));
    await vi.waitFor(() => expect(screen.getByLabelText(label)).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByLabelText(/^E-mailadres/)).not.toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Dit werd niet geaccepteerd; controleer het veld.')).toBeInTheDocument();
  });

  it('sends the consent to appointment mails only when it was ticked or changed', async () => {
    const onCreate = vi.fn(async () => undefined);
    const user = userEvent.setup();
    const { unmount } = renderInApp(
      <ClientForm schema={tenantDataApi.CreateClient} emptyAs="undefined" defaultValues={clientFormValues()} submitLabel="Opslaan" onSubmit={onCreate} cancel={null} />,
    );
    await user.type(await screen.findByLabelText(/^Naam/), 'Bea');
    await user.click(screen.getByRole('button', { name: 'Opslaan' }));
    await vi.waitFor(() => expect(onCreate).toHaveBeenCalledWith({ name: 'Bea' }));
    await user.click(screen.getByRole('checkbox', { name: /afspraakbevestigingen en herinneringen/ }));
    await user.click(screen.getByRole('button', { name: 'Opslaan' }));
    await vi.waitFor(() => expect(onCreate).toHaveBeenLastCalledWith({ name: 'Bea', reminderConsent: true }));
    unmount();

    const onChange = vi.fn(async () => undefined);
    const consenting = { ...client, reminderConsent: { given: true, at: '2026-01-02T10:00:00.000Z' } };
    renderInApp(
      <ClientForm schema={tenantDataApi.UpdateClient} emptyAs="null" defaultValues={clientFormValues(consenting, NOTES)} submitLabel="Opslaan" onSubmit={onChange} cancel={null} />,
    );
    const box = await screen.findByRole('checkbox', { name: /afspraakbevestigingen en herinneringen/ });
    expect(box).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Opslaan' }));
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledOnce());
    expect(onChange.mock.calls[0]).not.toHaveProperty('0.reminderConsent');
    await user.click(box);
    await user.click(screen.getByRole('button', { name: 'Opslaan' }));
    await vi.waitFor(() => expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ reminderConsent: false })));
  });
});
