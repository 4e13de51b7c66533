import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiProblem } from '../../api/problem';
import { fakeNetwork, jsonResponse, membership, problemType, renderInApp } from '../../test/render';
import { AppointmentForm, appointmentFormValues, createAppointmentSchema, updateAppointmentSchema } from './appointment-form';

// Booking outside a colleague's working hours, and a clash with another of their appointments, as
// the booking form shows the API's refusals (ADR 46: 422 outside-working-hours, 409 appointment-overlap).

const CLIENT = { id: 'cli_anna00000001', name: 'Anna de Vries' };
const SANNE = { userId: 'usr_sanne0000001', name: 'Sanne Jansen' };
// 4 May 2026, 19:00–20:00 in Amsterdam.
const START = '2026-05-04T17:00:00.000Z';
const END = '2026-05-04T18:00:00.000Z';
const outside = () => new ApiProblem(422, { type: problemType('outside-working-hours'), status: 422 });

function renderBooking(role: 'owner' | 'admin' | 'staff', onSubmit: (body: unknown) => Promise<unknown>) {
  vi.stubGlobal('fetch', fakeNetwork(jsonResponse(200, { items: [] })).fetch);
  renderInApp(
    <AppointmentForm
      schema={createAppointmentSchema}
      defaultValues={appointmentFormValues(START, END, { clientId: CLIENT.id, treatment: 'Pedicure' })}
      client={{ mode: 'pick', canSearch: true, canAdd: false, initial: CLIENT }}
      staff={[SANNE]}
      defaultStaffId={SANNE.userId}
      submitLabel="Afspraak maken"
      onSubmit={onSubmit}
      onCancel={() => undefined}
    />,
    { tenant: membership({ agenda: 'edit', clients: 'view' }, role) },
  );
}

describe('booking outside working hours', () => {
  it('starts with the colleague whose column was clicked', async () => {
    const onSubmit = vi.fn(async (_body: unknown) => undefined);
    renderBooking('staff', onSubmit);
    expect(await screen.findByLabelText(/^Collega/)).toHaveValue(SANNE.userId);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Afspraak maken' }));
    await vi.waitFor(() => expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ staffId: SANNE.userId })));
    expect(onSubmit.mock.calls[0]![0]).not.toHaveProperty('overrideWorkingHours');
  });

  it('offers an owner, after the refusal, an explicit override that is sent with the next try', async () => {
    const onSubmit = vi.fn<(body: unknown) => Promise<unknown>>().mockRejectedValueOnce(outside()).mockResolvedValueOnce(undefined);
    const user = userEvent.setup();
    renderBooking('owner', onSubmit);
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Afspraak maken' }));
    expect(await screen.findByText('Dit valt buiten de werktijden van deze collega')).toBeInTheDocument();
    const override = screen.getByRole('checkbox', { name: 'Toch inplannen buiten de werktijden van deze collega' });
    expect(override).not.toBeChecked();
    // Not ticked: sent again without it.
    onSubmit.mockRejectedValueOnce(outside());
    await user.click(screen.getByRole('button', { name: 'Afspraak maken' }));
    await vi.waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(2));
    expect(onSubmit.mock.calls[1]![0]).not.toHaveProperty('overrideWorkingHours');
    await user.click(screen.getByRole('checkbox', { name: /^Toch inplannen/ }));
    await user.click(screen.getByRole('button', { name: 'Afspraak maken' }));
    await vi.waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(3));
    expect(onSubmit.mock.calls[2]![0]).toMatchObject({ staffId: SANNE.userId, overrideWorkingHours: true });
  });

  it('explains the refusal to staff and offers them no override', async () => {
    const user = userEvent.setup();
    renderBooking('staff', () => Promise.reject(outside()));
    await user.click(await screen.findByRole('button', { name: 'Afspraak maken' }));
    expect(await screen.findByText('Dit valt buiten de werktijden van deze collega')).toBeInTheDocument();
    expect(screen.getByText(/Een eigenaar of beheerder kan de afspraak toch inplannen\./)).toBeInTheDocument();
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
  });

  it('puts the overlap beside the submit button, naming the other appointment, and scrolls it into view', async () => {
    const scrolled = vi.fn();
    Element.prototype.scrollIntoView = scrolled;
    const overlap = new ApiProblem(409, { type: problemType('appointment-overlap'), conflictStartsAt: '2026-05-04T16:30:00.000Z', conflictEndsAt: '2026-05-04T17:30:00.000Z' });
    const user = userEvent.setup();
    renderBooking('owner', () => Promise.reject(overlap));
    const submit = await screen.findByRole('button', { name: 'Afspraak maken' });
    await user.click(submit);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Deze collega heeft dan al een afspraak');
    expect(alert).toHaveTextContent('Die loopt van 18:30 tot 19:30.');
    // After the form's fields, right before its buttons.
    expect(alert.compareDocumentPosition(screen.getByLabelText(/^Notities/)) & Node.DOCUMENT_POSITION_PRECEDING).toBeTruthy();
    expect(alert.compareDocumentPosition(submit) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(scrolled).toHaveBeenCalled();
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
  });

  it('sends "no colleague" as null when changing an appointment that had one', async () => {
    vi.stubGlobal('fetch', fakeNetwork().fetch);
    const onSubmit = vi.fn(async () => undefined);
    const user = userEvent.setup();
    renderInApp(
      <AppointmentForm
        schema={updateAppointmentSchema}
        defaultValues={appointmentFormValues(START, END, { treatment: 'Pedicure' })}
        client={{ mode: 'fixed', name: CLIENT.name }}
        staff={[SANNE]}
        defaultStaffId={SANNE.userId}
        submitLabel="Wijzigingen opslaan"
        onSubmit={onSubmit}
        onCancel={() => undefined}
      />,
      { tenant: membership({ agenda: 'edit' }) },
    );
    await user.selectOptions(await screen.findByLabelText(/^Collega/), '');
    await user.click(screen.getByRole('button', { name: 'Wijzigingen opslaan' }));
    await vi.waitFor(() => expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ staffId: null })));
  });
});
