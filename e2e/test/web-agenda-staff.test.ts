import type { Locator, Page } from 'playwright-core';
import { client, type Institute, type Person } from './platform';
import { PHONE, type Visit } from './web/browser';
import { byRole, expectQuietConsole, heading, signedInJourney } from './web/journeys';
import { JOURNEY_TIMEOUT_MS, webJourneys } from './web/suite';

// The salon's day per colleague in a browser (issue 16 items 2, 3, 5 and 10): the day with a column
// per colleague and their working hours shaded, booking from a colleague's column, the owner's explicit
// override outside working hours and staff's explained refusal, the overlap named beside the submit
// button, the appointment's status actions, the client card's counts, and the working-hours editor.
const { journey, world } = webJourneys();

const DAY_MS = 86_400_000;
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
/** A Monday at least two days ahead: still to come whatever the time the journey runs. */
function nextMonday(): string {
  let day = addDays(today(), 2);
  while (new Date(`${day}T12:00:00Z`).getUTCDay() !== 1) day = addDays(day, 1);
  return day;
}
function amsterdam(date: string, time: string): string {
  const offset = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Amsterdam', timeZoneName: 'longOffset' })
    .formatToParts(new Date(`${date}T12:00:00Z`)).find((part) => part.type === 'timeZoneName')!.value.replace('GMT', '');
  return `${date}T${time}:00${offset}`;
}
const weekdays = (from: number, to: number, start: string, end: string) => Array.from({ length: to - from + 1 }, (_, i) => ({ weekday: from + i, start, end }));
/** A dialog's state recorded with what matters in view: on a phone the dialog scrolls within itself. */
async function recordInView(visit: Visit, what: Locator, name: string) {
  await visit.page.setViewportSize(PHONE);
  await what.scrollIntoViewIfNeeded();
  await visit.record(name);
}
const toast = (page: Page, text: string) => page.getByText(text, { exact: true }).first().waitFor();

interface Salon {
  institute: Institute;
  anke: Person;
  bo: Person;
  clients: Record<'anna' | 'bram' | 'carla' | 'dirk' | 'eva', string>;
  carlaAppointment: string;
  pedicureId: string;
}

/** Three colleagues with their hours, five clients, and a Monday with appointments of every kind. */
async function salon(day: string): Promise<Salon> {
  const institute = await world.p.signup('Salon De Drie');
  const owner = client(world.p.gateway, institute.ownerToken);
  expect((await owner.patch('/me', { name: 'Olga Eigenaar' })).status).toBe(200);
  // Receptionists' rights: the agenda and the clients, not the member list (users:view); the columns come from the staff list.
  const rights = { agenda: 'edit', clients: 'view' } as const;
  const anke = await world.p.addMember(institute, 'staff', rights, { name: 'Anke Smit' });
  const bo = await world.p.addMember(institute, 'staff', rights, { name: 'Bo de Wit' });
  const hours = async (userId: string, periods: { weekday: number; start: string; end: string }[]) =>
    expect((await owner.put(`/tenants/${institute.tenantId}/members/${userId}/working-hours`, { periods })).status).toBe(200);
  await hours(institute.owner.id, weekdays(1, 5, '09:00', '17:00'));
  await hours(anke.id, [{ weekday: 1, start: '12:00', end: '20:00' }, ...weekdays(2, 5, '09:00', '17:00')]);
  // Bo is off on Mondays.
  await hours(bo.id, weekdays(2, 6, '09:00', '17:00'));
  const clients = {} as Salon['clients'];
  for (const [key, name] of [['anna', 'Anna de Vries'], ['bram', 'Bram Bakker'], ['carla', 'Carla Claes'], ['dirk', 'Dirk Dekker'], ['eva', 'Eva Jansen']] as const) {
    const created = await owner.post(`/tenants/${institute.tenantId}/clients`, { name });
    expect(created.status).toBe(201);
    clients[key] = created.body.id;
  }
  const pedicure = await owner.post(`/tenants/${institute.tenantId}/treatments`, { name: 'Pedicure', durationMinutes: 45, priceCents: 4500, taxRate: 21 });
  expect(pedicure.status).toBe(201);
  const book = async (clientId: string, staffId: string | undefined, from: string, to: string, treatment: string) => {
    const res = await owner.post(`/tenants/${institute.tenantId}/appointments`, {
      clientId, startsAt: amsterdam(day, from), endsAt: amsterdam(day, to), treatment, ...(staffId ? { staffId } : {}),
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  await book(clients.anna, institute.owner.id, '10:00', '11:00', 'Pedicure');
  const eva = await book(clients.eva, institute.owner.id, '14:00', '15:00', 'Manicure');
  expect((await owner.patch(`/tenants/${institute.tenantId}/appointments/${eva}`, { status: 'no-show' })).status).toBe(200);
  const carlaAppointment = await book(clients.carla, anke.id, '13:00', '14:00', 'Manicure');
  const dirk = await book(clients.dirk, anke.id, '15:00', '16:00', 'Gezichtsbehandeling');
  expect((await owner.patch(`/tenants/${institute.tenantId}/appointments/${dirk}`, { status: 'cancelled' })).status).toBe(200);
  await book(clients.bram, undefined, '16:00', '17:00', 'Voetmassage');
  return { institute, anke, bo, clients, carlaAppointment, pedicureId: pedicure.body.id };
}

/** The booking dialog's client, chosen by search with the keyboard. */
async function pickClient(page: Page, name: string) {
  const dialog = page.getByRole('dialog', { name: 'Nieuwe afspraak' });
  const picker = dialog.getByRole('combobox', { name: 'Klant' });
  await picker.fill(name.split(' ')[0]!);
  await dialog.getByRole('option', { name: new RegExp(name) }).waitFor();
  await picker.press('ArrowDown');
  await picker.press('Enter');
  return dialog;
}

describe("the salon's day per colleague in a browser", () => {
  journey('shows a column per colleague, books from a column with an explicit override, names the overlap, settles an appointment and edits working hours', async ({ p, browser }) => {
    const day = nextMonday();
    const s = await salon(day);
    const { tenantId } = s.institute;
    await signedInJourney(browser, 'agenda-staff-owner', p.web, s.institute.owner, async (visit, page) => {
      await page.goto(`${p.web}/t/${tenantId}/agenda?view=day&date=${day}`);
      await heading(page, 'Agenda');
      await page.getByRole('link', { name: /, Anke Smit, 13:00–14:00, Carla Claes, Manicure$/ }).waitFor();
      await page.getByRole('link', { name: /, Zonder collega, 16:00–17:00, Bram Bakker, Voetmassage$/ }).waitFor();
      await page.getByRole('link', { name: /, Anke Smit, 15:00–16:00, Dirk Dekker, Gezichtsbehandeling, Geannuleerd$/ }).waitFor();
      await page.getByRole('link', { name: /, Olga Eigenaar, 14:00–15:00, Eva Jansen, Manicure, Niet verschenen$/ }).waitFor();
      await page.getByText('Werkt 12:00–20:00').waitFor();
      await page.getByText('Vrij', { exact: true }).waitFor();
      // Olga before 09:00 and after 17:00, Anke before 12:00, Bo all day; the column without a colleague is not limited.
      expect(await page.locator('[data-outside-hours]').count()).toBe(4);
      await visit.record('staff-day');

      // On a phone: one colleague at a time, picked with the switcher.
      await page.setViewportSize(PHONE);
      const switcher = page.getByRole('combobox', { name: 'Collega' });
      await switcher.selectOption({ label: 'Anke Smit (2 afspraken)' });
      await page.waitForURL(new RegExp(`staff=${s.anke.id}`));
      await page.getByRole('link', { name: /Carla Claes/ }).waitFor();
      expect(await page.getByRole('link', { name: /Anna de Vries/ }).count()).toBe(0);
      await visit.record('staff-day-phone-one-colleague');

      // A slot in Bo's column, on Bo's day off: Bo is chosen; the API refuses; the owner overrides explicitly.
      await page.goto(`${p.web}/t/${tenantId}/agenda?view=day&date=${day}`);
      await page.getByText('Werkt 12:00–20:00').waitFor();
      await page.locator(`[data-column="${s.bo.id}"] > .cursor-pointer`).nth(4).click();
      const dialog = await pickClient(page, 'Anna de Vries');
      expect(await dialog.getByLabel(/^Collega/).inputValue()).toBe(s.bo.id);
      expect(await dialog.getByLabel(/^Begint/).inputValue()).toBe(`${day}T10:00`);
      await dialog.getByLabel(/^Behandeling uit de lijst/).selectOption(s.pedicureId);
      await dialog.getByRole('button', { name: 'Afspraak maken', exact: true }).click();
      await dialog.getByText('Dit valt buiten de werktijden van deze collega').waitFor();
      const override = dialog.getByRole('checkbox', { name: 'Toch inplannen buiten de werktijden van deze collega' });
      await override.waitFor();
      await recordInView(visit, override, 'outside-hours-override');
      await override.check();
      await dialog.getByRole('button', { name: 'Afspraak maken', exact: true }).click();
      await toast(page, 'Afspraak gemaakt');
      await page.getByRole('link', { name: /, Bo de Wit, 10:00–10:45, Anna de Vries, Pedicure$/ }).waitFor();

      // Anke already has Carla at 13:00: the overlap is named beside the submit button.
      await byRole(page, 'button', 'Nieuwe afspraak').click();
      const second = await pickClient(page, 'Bram Bakker');
      await second.getByLabel(/^Collega/).selectOption(s.anke.id);
      await second.getByLabel(/^Begint/).fill(`${day}T13:30`);
      await second.getByLabel(/^Behandeling(?! uit)/).fill('Manicure');
      await second.getByRole('button', { name: 'Afspraak maken', exact: true }).click();
      await second.getByText('Deze collega heeft dan al een afspraak').waitFor();
      await second.getByText(/Die loopt van 13:00 tot 14:00\./).waitFor();
      await recordInView(visit, second.getByRole('button', { name: 'Afspraak maken', exact: true }), 'overlap-error');
      await second.getByRole('button', { name: 'Annuleren', exact: true }).click();

      // Carla's appointment: marked completed; the card counts the visit.
      await page.getByRole('link', { name: /Carla Claes, Manicure$/ }).click();
      await heading(page, 'Manicure – Carla Claes');
      const status = page.getByRole('region', { name: /^Status/ });
      await status.getByText('Gepland').waitFor();
      await visit.record('appointment-status-actions');
      await byRole(page, 'button', 'Markeer als voltooid').click();
      await toast(page, 'Gemarkeerd als voltooid');
      await status.getByText('Voltooid', { exact: true }).waitFor();
      expect(await byRole(page, 'button', 'Afspraak annuleren').count()).toBe(0);
      await visit.record('appointment-completed');
      const api = client(p.gateway, s.institute.ownerToken);
      expect((await api.get(`/tenants/${tenantId}/appointments/${s.carlaAppointment}`)).body.status).toBe('completed');
      await byRole(page, 'link', 'Carla Claes').click();
      await heading(page, 'Carla Claes');
      const history = page.getByRole('region', { name: 'Geschiedenis' });
      await history.getByText('Bezoeken').waitFor();
      expect(await history.locator('dd').allTextContents()).toEqual(['1', '0']);
      await visit.record('client-card-counts');

      // Bo's working hours: an end before the start is refused by the API and shown beside it.
      await page.goto(`${p.web}/t/${tenantId}/colleagues/${s.bo.id}`);
      await heading(page, 'Bo de Wit');
      const monday = page.getByRole('group', { name: 'maandag' });
      await monday.getByText('Vrij').waitFor();
      await byRole(page, 'button', 'Werktijd toevoegen op maandag').click();
      await monday.getByLabel('Van').fill('17:00');
      await monday.getByLabel('Tot').fill('09:00');
      await byRole(page, 'button', 'Werktijden opslaan').click();
      await page.getByText('Controleer de gemarkeerde tijden.').waitFor();
      await monday.getByText('Moet later zijn dan de begintijd.').waitFor();
      // A full-page picture of a scrolled page would show the sticky header half-way down.
      // (Scrolled through the protocol: the page's CSP refuses eval, which waitForFunction with a string needs.)
      type Scrolled = { scrollTo(x: number, y: number): void; scrollY: number };
      await page.evaluate(() => (globalThis as unknown as Scrolled).scrollTo(0, 0));
      expect(await page.evaluate(() => (globalThis as unknown as Scrolled).scrollY)).toBe(0);
      await visit.record('working-hours-error');
      await monday.getByLabel('Tot').fill('21:00');
      await byRole(page, 'button', 'Werktijden opslaan').click();
      await toast(page, 'Werktijden opgeslagen');
      const saved = await api.get(`/tenants/${tenantId}/members/${s.bo.id}/working-hours`);
      expect(saved.body.periods[0]).toEqual({ weekday: 1, start: '17:00', end: '21:00' });
      expectQuietConsole(visit, [s.institute.owner.email, s.anke.email, s.bo.email]);
    });
  }, JOURNEY_TIMEOUT_MS * 2);

  journey("explains to staff why a booking outside a colleague's hours is refused, without an override", async ({ p, browser }) => {
    const day = nextMonday();
    const s = await salon(day);
    const { tenantId } = s.institute;
    await signedInJourney(browser, 'agenda-staff-colleague', p.web, s.anke, async (visit, page) => {
      await page.goto(`${p.web}/t/${tenantId}/agenda?view=day&date=${day}`);
      await page.getByText('Werkt 12:00–20:00').waitFor();
      await page.locator(`[data-column="${s.bo.id}"] > .cursor-pointer`).nth(6).click();
      const dialog = await pickClient(page, 'Eva Jansen');
      await dialog.getByLabel(/^Behandeling(?! uit)/).fill('Manicure');
      await dialog.getByRole('button', { name: 'Afspraak maken', exact: true }).click();
      await dialog.getByText('Dit valt buiten de werktijden van deze collega').waitFor();
      await dialog.getByText(/Een eigenaar of beheerder kan de afspraak toch inplannen\./).waitFor();
      expect(await dialog.getByRole('checkbox').count()).toBe(0);
      await recordInView(visit, dialog.getByRole('button', { name: 'Afspraak maken', exact: true }), 'outside-hours-staff');
      expectQuietConsole(visit, [s.anke.email]);
    });
  });
});
