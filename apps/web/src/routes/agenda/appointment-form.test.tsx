import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Client } from '../../api/clients';
import { ApiProblem } from '../../api/problem';
import { fakeNetwork, jsonResponse, membership, problemType, renderInApp } from '../../test/render';
import { listOf, routedNetwork } from '../../test/routed-network';
import { AppointmentForm, appointmentFormValues, createAppointmentSchema, updateAppointmentSchema } from './appointment-form';

const anna: Client = { id: 'cli_anna00000001', name: 'Anna de Vries', email: 'anna@example.nl', phone: '0612345678', dateOfBirth: null, address: null, hasNotes: false, reminderConsent: null, masked: false, createdAt: '2026-01-01T10:00:00.000Z', updatedAt: '2026-01-01T10:00:00.000Z' };
const bram: Client = { ...anna, id: 'cli_bram00000001', name: 'Bram Bakker', email: null, phone: null };
const page = (...items: Client[]) => jsonResponse(200, { items, nextCursor: null });
// 4 May 2026, 10:00 and 11:00 in Amsterdam (summer time, UTC+2).
const START = '2026-05-04T08:00:00.000Z';
const END = '2026-05-04T09:00:00.000Z';

function renderCreate(onSubmit = vi.fn(async () => undefined), permissions = { agenda: 'edit', clients: 'edit' } as const) {
  renderInApp(
    <AppointmentForm
      schema={createAppointmentSchema}
      defaultValues={appointmentFormValues(START, END)}
      client={{ mode: 'pick', canSearch: true, canAdd: permissions.clients === 'edit' }}
      submitLabel="Afspraak maken"
      onSubmit={onSubmit}
      onCancel={() => undefined}
    />,
    { tenant: membership(permissions) },
  );
  return onSubmit;
}

function renderChange(onSubmit: (body: unknown) => Promise<unknown>) {
  renderInApp(
    <AppointmentForm
      schema={updateAppointmentSchema}
      defaultValues={appointmentFormValues(START, END, { treatment: 'Pedicure', notes: 'Eelt' })}
      client={{ mode: 'fixed', name: 'Anna de Vries' }}
      submitLabel="Wijzigingen opslaan"
      onSubmit={onSubmit}
      onCancel={() => undefined}
    />,
    { tenant: membership({ agenda: 'edit' }) },
  );
}

describe('the appointment form', () => {
  it("shows the chosen client's alerts before anything is booked", async () => {
    const net = routedNetwork({
      [`GET /tenants/ten_testinstitute01/clients/${anna.id}/alerts`]: listOf([{ kind: 'allergy', text: 'Nikkelallergie' }, { kind: 'contra-indication', text: 'Bloedverdunners' }]),
      'GET /tenants/ten_testinstitute01/clients': listOf([anna]),
    });
    vi.stubGlobal('fetch', net.fetch);
    renderInApp(
      <AppointmentForm
        schema={createAppointmentSchema}
        defaultValues={appointmentFormValues(START, END)}
        client={{ mode: 'pick', canSearch: true, canAdd: false, initial: { id: anna.id, name: anna.name } }}
        submitLabel="Afspraak maken"
        onSubmit={vi.fn()}
        onCancel={() => undefined}
      />,
      { tenant: membership({ agenda: 'edit', clients: 'view' }) },
    );
    const warning = await screen.findByRole('alert');
    expect(warning).toHaveTextContent('Let op: 2 waarschuwingen voor deze klant');
    expect(warning).toHaveTextContent('Allergie: Nikkelallergie');
    expect(warning).toHaveTextContent('Contra-indicatie: Bloedverdunners');
    expect(net.requests.filter((r) => r.url.endsWith('/alerts'))).toHaveLength(1);
  });

  it('finds a client by typing, picks one with the keyboard, and sends the times as instants', async () => {
    const net = fakeNetwork(page(anna, bram), page(bram));
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    const onSubmit = renderCreate();

    const picker = await screen.findByRole('combobox', { name: /^Klant/ });
    await user.type(picker, 'bak');
    await screen.findByText('1 klant gevonden; kies met de pijltjestoetsen en Enter.');
    expect(net.requests.at(-1)?.url).toBe('/api/v1/tenants/ten_testinstitute01/clients?q=bak&limit=8');
    expect(within(screen.getByRole('listbox')).getAllByRole('option').map((o) => o.textContent)).toEqual(['Bram Bakker', '+ Nieuwe klant “bak” toevoegen']);
    await user.keyboard('{Enter}');
    expect(picker).toHaveValue('Bram Bakker');
    expect(picker).toHaveAttribute('aria-expanded', 'false');

    // A new start keeps the length; a duration sets the end.
    fireEvent.change(screen.getByLabelText(/^Begint/), { target: { value: '2026-05-05T14:30' } });
    expect(screen.getByLabelText(/^Eindigt/)).toHaveValue('2026-05-05T15:30');
    await user.selectOptions(screen.getByLabelText('Duur'), '45');
    expect(screen.getByLabelText(/^Eindigt/)).toHaveValue('2026-05-05T15:15');
    await user.type(screen.getByLabelText(/^Behandeling/), 'Pedicure');
    await user.click(screen.getByRole('button', { name: 'Afspraak maken' }));

    await vi.waitFor(() => expect(onSubmit).toHaveBeenCalledOnce());
    expect(onSubmit).toHaveBeenCalledWith({
      clientId: bram.id, startsAt: '2026-05-05T12:30:00.000Z', endsAt: '2026-05-05T13:15:00.000Z', treatment: 'Pedicure',
    });
  });

  it('says beside each field what is missing, and sends nothing', async () => {
    vi.stubGlobal('fetch', fakeNetwork(page(anna)).fetch);
    const user = userEvent.setup();
    const onSubmit = renderCreate();
    await user.clear(await screen.findByLabelText(/^Eindigt/));
    await user.click(screen.getByRole('button', { name: 'Afspraak maken' }));
    for (const label of [/^Klant/, /^Eindigt/, /^Behandeling/]) {
      await vi.waitFor(() => expect(screen.getByLabelText(label)).toHaveAttribute('aria-invalid', 'true'));
    }
    expect(screen.getAllByText('Vul dit in.')).toHaveLength(3);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("shows the API's refusal of the end beside it", async () => {
    vi.stubGlobal('fetch', fakeNetwork(page(anna)).fetch);
    const refusal = new ApiProblem(400, { type: problemType('validation-failed'), errors: [{ path: 'endsAt', message: 'must be after startsAt' }] });
    const user = userEvent.setup();
    renderChange(() => Promise.reject(refusal));
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Wijzigingen opslaan' }));
    await vi.waitFor(() => expect(screen.getByLabelText(/^Eindigt/)).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByText('Dit werd niet geaccepteerd; controleer het veld.')).toBeInTheDocument();
  });

  it('sends a change without the client, and cleared notes as null', async () => {
    const onSubmit = vi.fn(async () => undefined);
    const user = userEvent.setup();
    renderChange(onSubmit);
    await user.clear(await screen.findByLabelText(/^Notities/));
    await user.click(screen.getByRole('button', { name: 'Wijzigingen opslaan' }));
    await vi.waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ startsAt: START, endsAt: END, treatment: 'Pedicure', notes: null }));
  });

  it('adds a client while booking when the person may, and picks them', async () => {
    const created: Client = { ...anna, id: 'cli_carla0000001', name: 'Carla Claes', email: null };
    const net = fakeNetwork(page(), page(), jsonResponse(201, created), page(created));
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderCreate();
    await user.type(await screen.findByRole('combobox', { name: /^Klant/ }), 'Carla Claes');
    await user.click(await screen.findByRole('option', { name: '+ Nieuwe klant “Carla Claes” toevoegen' }));
    const group = screen.getByRole('group', { name: 'Nieuwe klant' });
    expect(screen.getByLabelText(/^Naam/)).toHaveValue('Carla Claes');
    await user.type(screen.getByLabelText(/^Telefoonnummer/), '0612345678{Enter}');
    await vi.waitFor(() => expect(group).not.toBeInTheDocument());
    expect(net.requests.find((r) => r.method === 'POST')?.body).toEqual({ name: 'Carla Claes', phone: '0612345678' });
    expect(screen.getByRole('combobox', { name: /^Klant/ })).toHaveValue('Carla Claes');
    // Leaving the picker to add the client did not count as leaving it empty.
    expect(screen.getByRole('combobox', { name: /^Klant/ })).not.toHaveAttribute('aria-invalid');
  });

  it('offers no new client to someone without clients:edit', async () => {
    vi.stubGlobal('fetch', fakeNetwork(page(), page()).fetch);
    const user = userEvent.setup();
    renderCreate(vi.fn(), { agenda: 'edit', clients: 'view' } as never);
    await user.type(await screen.findByRole('combobox', { name: /^Klant/ }), 'Nobody');
    await screen.findByText('Geen klanten gevonden.');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
  });
});
