import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { workingHoursKeys } from '../../api/working-hours';
import { setLanguage } from '../../i18n/i18n';
import { fakeNetwork, jsonResponse, membership, problemResponse, problemType, renderInApp, TENANT_ID } from '../../test/render';
import { WorkingHoursSection } from './working-hours-editor';

const BO = 'usr_bo0000000001';
const known = (periods: { weekday: number; start: string; end: string }[]) => [[workingHoursKeys.of(TENANT_ID, BO), { periods }] as const];
const weekday = (name: string) => screen.getByRole('group', { name });

describe("a colleague's working hours", () => {
  it('shows a week with a day off per weekday without periods, and says when none are set', async () => {
    renderInApp(<WorkingHoursSection userId={BO} />, { tenant: membership({ agenda: 'view' }), data: known([]) });
    expect(await screen.findByText(/Nog geen werktijden ingesteld/)).toBeInTheDocument();
    expect(within(weekday('maandag')).getByText('Vrij')).toBeInTheDocument();
    expect(screen.getByText('Alleen wie instellingen mag bewerken, kan werktijden wijzigen.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Werktijden opslaan' })).not.toBeInTheDocument();
  });

  it('lets settings:edit add and remove periods per weekday and saves them as the API takes them', async () => {
    const net = fakeNetwork(jsonResponse(200, { periods: [{ weekday: 1, start: '09:00', end: '17:00' }, { weekday: 6, start: '10:00', end: '24:00' }] }));
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<WorkingHoursSection userId={BO} />, { tenant: membership({ agenda: 'view', settings: 'edit' }, 'admin'), data: known([{ weekday: 2, start: '09:00', end: '17:00' }]) });
    await user.click(await screen.findByRole('button', { name: 'Werktijd toevoegen op maandag' }));
    await user.click(screen.getByRole('button', { name: 'Werktijd toevoegen op zaterdag' }));
    const saturday = weekday('zaterdag');
    await user.clear(within(saturday).getByLabelText('Van'));
    await user.type(within(saturday).getByLabelText('Van'), '10:00');
    await user.clear(within(saturday).getByLabelText('Tot'));
    await user.type(within(saturday).getByLabelText('Tot'), '00:00');
    await user.click(within(weekday('dinsdag')).getByRole('button', { name: 'Werktijd 09:00–17:00 op dinsdag verwijderen' }));
    await user.click(screen.getByRole('button', { name: 'Werktijden opslaan' }));
    expect(await screen.findByText('Werktijden opgeslagen')).toBeInTheDocument();
    expect(net.requests[0]).toMatchObject({
      method: 'PUT', url: `/api/v1/tenants/${TENANT_ID}/members/${BO}/working-hours`,
      body: { periods: [{ weekday: 1, start: '09:00', end: '17:00' }, { weekday: 6, start: '10:00', end: '24:00' }] },
    });
  });

  it("puts the API's validation errors beside the times they concern, in Dutch and in English", async () => {
    const refusal = problemResponse(400, { type: problemType('validation-failed'), title: 'Bad Request', errors: [{ path: 'periods.1.end', message: 'must end after it starts' }] });
    vi.stubGlobal('fetch', fakeNetwork(refusal).fetch);
    const user = userEvent.setup();
    renderInApp(<WorkingHoursSection userId={BO} />, {
      tenant: membership({ agenda: 'view', settings: 'edit' }, 'owner'),
      data: known([{ weekday: 1, start: '09:00', end: '17:00' }, { weekday: 3, start: '14:00', end: '12:00' }]),
    });
    await user.click(await screen.findByRole('button', { name: 'Werktijden opslaan' }));
    expect(await screen.findByText('Controleer de gemarkeerde tijden.')).toBeInTheDocument();
    const until = within(weekday('woensdag')).getByLabelText('Tot');
    expect(until).toHaveAttribute('aria-invalid', 'true');
    expect(within(weekday('woensdag')).getByText('Moet later zijn dan de begintijd.')).toBeInTheDocument();
    expect(within(weekday('maandag')).getByLabelText('Tot')).not.toHaveAttribute('aria-invalid');
    await setLanguage('en');
    expect(await within(screen.getByRole('group', { name: 'Wednesday' })).findByText('Must be later than the start.')).toBeInTheDocument();
    await setLanguage('nl');
    // Corrected, the error goes.
    await user.clear(until);
    await user.type(until, '18:00');
    expect(until).not.toHaveAttribute('aria-invalid');
  });
});
