import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { appointmentKeys, type AppointmentListItem as Appointment } from '../../api/appointments';
import { memberKeys, type StaffMember } from '../../api/members';
import { workingHoursKeys } from '../../api/working-hours';
import { membership, renderInApp, TENANT_ID } from '../../test/render';
import { listOf, routedNetwork } from '../../test/routed-network';
import { Agenda } from './agenda-page';
import { instantOf } from './zoned-time';

// The agenda's day with a column per colleague (issue 16 item 10).

const DAY = '2026-05-04'; // a Monday
const all = { agenda: 'edit', clients: 'edit', invoicing: 'edit', reports: 'edit', settings: 'edit', users: 'edit' } as const;
const member = (userId: string, name: string): StaffMember => ({ userId, name });
const anke = member('usr_anke00000001', 'Anke Smit');
const bo = member('usr_bo0000000001', 'Bo de Wit');
const cas = member('usr_cas000000001', 'Cas Visser');
const booking = (id: string, staffId: string | null, name: string, status: Appointment['status'] = 'booked'): Appointment => ({
  id, client: { id: 'cli_anna00000001', name, email: null, phone: null, masked: false }, startsAt: '2026-05-04T08:00:00.000Z', endsAt: '2026-05-04T09:00:00.000Z',
  treatment: 'Pedicure', treatmentId: null, staffId, status, hasNotes: false, createdAt: '2026-05-01T10:00:00.000Z', updatedAt: '2026-05-01T10:00:00.000Z',
});
const day = (items: Appointment[], date = DAY, days = 1) =>
  [appointmentKeys.period(TENANT_ID, instantOf(date, 0).toISOString(), instantOf(addDay(date, days), 0).toISOString()), { items, complete: true }] as const;
const addDay = (date: string, n: number) => new Date(Date.parse(`${date}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const hours = (userId: string, periods: { weekday: number; start: string; end: string }[]) => [workingHoursKeys.of(TENANT_ID, userId), { periods }] as const;
const screenWide = (wide: boolean) => vi.stubGlobal('matchMedia', (query: string) => ({ matches: wide, media: query, addEventListener() {}, removeEventListener() {} }));
const data = (items: Appointment[]) => [
  day(items), [memberKeys.staff(TENANT_ID), [cas, anke, bo]] as const,
  hours(anke.userId, [{ weekday: 1, start: '09:00', end: '17:00' }]), hours(bo.userId, [{ weekday: 2, start: '09:00', end: '17:00' }]), hours(cas.userId, []),
];

describe("the agenda's day per colleague", () => {
  it("shows a column per colleague with their day's hours, each appointment in its colleague's column, and one for those without", async () => {
    screenWide(true);
    const items = [booking('apt_1', anke.userId, 'Anna de Vries'), booking('apt_2', null, 'Bram Bakker', 'cancelled'), booking('apt_3', cas.userId, 'Carla Claes', 'no-show')];
    renderInApp(<Agenda search={{ view: 'day', date: DAY }} onSearch={vi.fn()} />, { tenant: membership(all, 'owner'), data: data(items) });
    const anna = await screen.findByRole('link', { name: 'maandag 4 mei, Anke Smit, 10:00–11:00, Anna de Vries, Pedicure' });
    expect(anna).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'maandag 4 mei, Zonder collega, 10:00–11:00, Bram Bakker, Pedicure, Geannuleerd' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'maandag 4 mei, Cas Visser, 10:00–11:00, Carla Claes, Pedicure, Niet verschenen' })).toBeInTheDocument();
    expect(screen.getByText('Werkt 09:00–17:00')).toBeInTheDocument();
    expect(screen.getByText('Vrij')).toBeInTheDocument();
    const names = ['Anke Smit', 'Bo de Wit', 'Cas Visser', 'Zonder collega'];
    const headers = names.map((name) => screen.getByText(name, { selector: 'span' }));
    // In this order, left to right.
    headers.reduce((previous, next) => (expect(previous.compareDocumentPosition(next) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy(), next));
    // Anke works 09–17 of the 08–20 shown: 08–09 and 17–20 shaded; Bo is off all day; Cas has no hours set.
    expect(document.querySelectorAll('[data-outside-hours]')).toHaveLength(3);
    // Cancelled appointments are struck through.
    expect(screen.getByRole('link', { name: /Bram Bakker/ }).querySelector('.line-through')).toHaveTextContent('Bram Bakker');
    expect(anna.querySelector('.line-through')).toBeNull();
  });

  it("books with the colleague whose column's empty slot was clicked", async () => {
    screenWide(true);
    // The staff list is asked again whenever it is shown (colleagues join elsewhere).
    vi.stubGlobal('fetch', routedNetwork({ [`GET /tenants/${TENANT_ID}/staff`]: listOf([cas, anke, bo]), [`GET /tenants/${TENANT_ID}/treatments`]: listOf([]) }).fetch);
    const user = userEvent.setup();
    renderInApp(<Agenda search={{ view: 'day', date: DAY }} onSearch={vi.fn()} />, { tenant: membership(all, 'owner'), data: data([]) });
    await screen.findByText('Werkt 09:00–17:00');
    // The grid's columns: Anke, Bo, Cas. The 14:00 half hour (row 13 from 08:00) of Bo's column.
    const columns = document.querySelectorAll('[data-outside-hours]')[2]!.parentElement!.parentElement!.children;
    const bosSlots = columns[1]!.querySelectorAll('.cursor-pointer');
    await user.click(bosSlots[12]!);
    const dialog = await screen.findByRole('dialog', { name: 'Nieuwe afspraak' });
    expect(within(dialog).getByLabelText(/^Collega/)).toHaveValue(bo.userId);
    expect(within(dialog).getByLabelText(/^Begint/)).toHaveValue(`${DAY}T14:00`);
  });

  it('shows one colleague at a time on a phone, switched with the staff picker', async () => {
    screenWide(false);
    const onSearch = vi.fn();
    const user = userEvent.setup();
    const items = [booking('apt_1', anke.userId, 'Anna de Vries'), booking('apt_3', cas.userId, 'Carla Claes')];
    const { unmount } = renderInApp(<Agenda search={{ view: 'day', date: DAY }} onSearch={onSearch} />, { tenant: membership(all, 'owner'), data: data(items) });
    const switcher = await screen.findByRole('combobox', { name: 'Collega' });
    expect(within(switcher).getAllByRole('option').map((o) => o.textContent)).toEqual(['Anke Smit (1 afspraak)', 'Bo de Wit (0 afspraken)', 'Cas Visser (1 afspraak)']);
    expect(screen.getByRole('link', { name: /Anna de Vries/ })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Carla Claes/ })).not.toBeInTheDocument();
    await user.selectOptions(switcher, cas.userId);
    expect(onSearch).toHaveBeenLastCalledWith({ staff: cas.userId });
    unmount();
    renderInApp(<Agenda search={{ view: 'day', date: DAY, staff: cas.userId }} onSearch={onSearch} />, { tenant: membership(all, 'owner'), data: data(items) });
    expect(await screen.findByRole('link', { name: /Carla Claes/ })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Anna de Vries/ })).not.toBeInTheDocument();
  });

  it("filters the week to one colleague's appointments, without asking for working hours it does not draw", async () => {
    screenWide(true);
    const net = routedNetwork({ [`GET /tenants/${TENANT_ID}/staff`]: listOf([cas, anke, bo]) });
    vi.stubGlobal('fetch', net.fetch);
    const items = [booking('apt_1', anke.userId, 'Anna de Vries'), booking('apt_3', cas.userId, 'Carla Claes')];
    renderInApp(<Agenda search={{ view: 'week', date: DAY, staff: cas.userId }} onSearch={vi.fn()} />, {
      tenant: membership(all, 'owner'), data: [day(items, DAY, 7), [memberKeys.staff(TENANT_ID), [cas, anke, bo]]],
    });
    expect(await screen.findByRole('combobox', { name: 'Toon afspraken van' })).toHaveValue(cas.userId);
    expect(screen.getByRole('link', { name: /Carla Claes/ })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Anna de Vries/ })).not.toBeInTheDocument();
    await vi.waitFor(() => expect(net.requests.map((r) => r.url)).toContain(`/api/v1/tenants/${TENANT_ID}/staff`));
    expect(net.requests.filter((r) => r.url.includes('working-hours'))).toEqual([]);
  });

  it('shows the columns to a receptionist with agenda:edit and no users:view, from the staff list', async () => {
    screenWide(true);
    const net = routedNetwork({ [`GET /tenants/${TENANT_ID}/staff`]: listOf([cas, anke, bo]) });
    vi.stubGlobal('fetch', net.fetch);
    renderInApp(<Agenda search={{ view: 'day', date: DAY }} onSearch={vi.fn()} />, {
      tenant: membership({ agenda: 'edit' }), data: data([booking('apt_1', anke.userId, 'Anna de Vries')]),
    });
    expect(await screen.findByRole('link', { name: 'maandag 4 mei, Anke Smit, 10:00–11:00, Anna de Vries, Pedicure' })).toBeInTheDocument();
    expect(screen.getByText('Bo de Wit', { selector: 'span' })).toBeInTheDocument();
    await vi.waitFor(() => expect(net.requests.map((r) => r.url)).toContain(`/api/v1/tenants/${TENANT_ID}/staff`));
    // Never the member list, which a receptionist may not read.
    expect(net.requests.filter((r) => r.url.endsWith('/members'))).toEqual([]);
  });

  it('keeps the plain day for a salon of one', async () => {
    screenWide(true);
    renderInApp(<Agenda search={{ view: 'day', date: DAY }} onSearch={vi.fn()} />, {
      tenant: membership({ agenda: 'edit' }), data: [day([booking('apt_1', anke.userId, 'Anna de Vries')]), [memberKeys.staff(TENANT_ID), [anke]]],
    });
    expect(await screen.findByRole('link', { name: 'maandag 4 mei, 10:00–11:00, Anna de Vries, Pedicure' })).toBeInTheDocument();
    expect(screen.queryByText('Anke Smit', { selector: 'span' })).not.toBeInTheDocument();
  });
});
