import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Client } from '../../api/clients';
import { ApiProblem } from '../../api/problem';
import type { Treatment } from '../../api/treatments';
import { setLanguage } from '../../i18n/i18n';
import { fakeNetwork, jsonResponse, membership, problemType, renderInApp } from '../../test/render';
import { AppointmentForm, appointmentFormValues, createAppointmentSchema } from './appointment-form';

const anna: Client = { id: 'cli_anna00000001', name: 'Anna de Vries', email: null, phone: null, dateOfBirth: null, address: null, hasNotes: false, reminderConsent: null, masked: false, createdAt: '2026-01-01T10:00:00.000Z', updatedAt: '2026-01-01T10:00:00.000Z' };
const treatment = (id: string, name: string, durationMinutes: number, active = true): Treatment => ({
  id, name, durationMinutes, priceCents: 4500, taxRate: 21, active, createdAt: '2026-01-01T10:00:00.000Z', updatedAt: '2026-01-01T10:00:00.000Z',
});
const pedicure = treatment('trt_pedicure0001', 'Pedicure', 45);
const facial = treatment('trt_facial000001', 'Gezichtsbehandeling', 90);
const retired = treatment('trt_retired00001', 'Oude behandeling', 30, false);
// 4 May 2026, 10:00 and 11:00 in Amsterdam (summer time, UTC+2).
const START = '2026-05-04T08:00:00.000Z';
const END = '2026-05-04T09:00:00.000Z';

function renderForm(onSubmit: (body: unknown) => Promise<unknown>) {
  renderInApp(
    <AppointmentForm
      schema={createAppointmentSchema}
      defaultValues={appointmentFormValues(START, END, { clientId: anna.id })}
      client={{ mode: 'pick', canSearch: true, canAdd: false, initial: { id: anna.id, name: anna.name } }}
      treatments={[facial, pedicure, retired]}
      staff={[{ userId: 'usr_colleague0001', name: 'Sanne Jansen' }]}
      submitLabel="Afspraak maken"
      onSubmit={onSubmit}
      onCancel={() => undefined}
    />,
    { tenant: membership({ agenda: 'edit', clients: 'view' }) },
  );
}

describe('the treatment and colleague pickers in the booking form', () => {
  it('offers the active treatments, fills in name and duration, and books the colleague by the treatment id', async () => {
    vi.stubGlobal('fetch', fakeNetwork(jsonResponse(200, { items: [], nextCursor: null })).fetch);
    const user = userEvent.setup();
    const onSubmit = vi.fn(async () => undefined);
    renderForm(onSubmit);
    const picker = await screen.findByLabelText(/^Behandeling uit de lijst/);
    expect(within(picker).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Geen, zelf invullen', expect.stringMatching(/^Gezichtsbehandeling · 1 uur 30 minuten · €\s45,00$/), expect.stringMatching(/^Pedicure · 45 minuten · €\s45,00$/),
    ]);
    await user.selectOptions(picker, pedicure.id);
    expect(screen.getByLabelText(/^Behandeling$|^Behandeling\b(?! uit)/)).toHaveValue('Pedicure');
    expect(screen.getByLabelText(/^Eindigt/)).toHaveValue('2026-05-04T10:45');
    await user.selectOptions(screen.getByLabelText(/^Collega/), 'usr_colleague0001');
    await user.click(screen.getByRole('button', { name: 'Afspraak maken' }));
    await vi.waitFor(() => expect(onSubmit).toHaveBeenCalledWith({
      clientId: anna.id, startsAt: START, endsAt: '2026-05-04T08:45:00.000Z', treatment: 'Pedicure', treatmentId: pedicure.id, staffId: 'usr_colleague0001',
    }));
  });

  it('says which appointment the colleague already has then, in Dutch and in English', async () => {
    vi.stubGlobal('fetch', fakeNetwork(jsonResponse(200, { items: [], nextCursor: null })).fetch);
    const overlap = new ApiProblem(409, {
      type: problemType('appointment-overlap'), conflictStartsAt: '2026-05-04T08:30:00.000Z', conflictEndsAt: '2026-05-04T09:15:00.000Z',
    });
    const user = userEvent.setup();
    renderForm(() => Promise.reject(overlap));
    await user.selectOptions(await screen.findByLabelText(/^Behandeling uit de lijst/), pedicure.id);
    await user.click(screen.getByRole('button', { name: 'Afspraak maken' }));
    expect(await screen.findByText('Deze collega heeft dan al een afspraak')).toBeInTheDocument();
    expect(screen.getByText(/Die loopt van 10:30 tot 11:15\./)).toBeInTheDocument();
    await setLanguage('en');
    expect(await screen.findByText('This colleague already has an appointment then')).toBeInTheDocument();
    expect(screen.getByText(/It runs from 10:30 to 11:15\./)).toBeInTheDocument();
    await setLanguage('nl');
  });
});
