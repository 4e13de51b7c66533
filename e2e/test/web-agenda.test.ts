import type { Page } from 'playwright-core';
import { client, type Institute } from './platform';
import { PHONE } from './web/browser';
import { byRole, expectQuietConsole, heading, signedInJourney } from './web/journeys';
import { unique, webJourneys } from './web/suite';

// The agenda in a browser (issue 14): an owner books an appointment for a client found by search in
// the week view, moves it, finds it on the client's card, opens it and cancels it; a colleague with
// agenda:view sees the agenda without edit controls and masked contacts; on a phone the day is a list.
const { journey, world } = webJourneys();

/** Today in Amsterdam, `YYYY-MM-DD`, and a wall-clock time on it as the instant the API takes. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
function amsterdam(date: string, time: string): string {
  const offset = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Amsterdam', timeZoneName: 'longOffset' })
    .formatToParts(new Date(`${date}T12:00:00Z`)).find((part) => part.type === 'timeZoneName')!.value.replace('GMT', '');
  return `${date}T${time}:00${offset}`;
}

async function bookViaApi(institute: Institute, client_: { name: string; email: string; phone: string }, treatment: string) {
  const api = client(world.p.gateway, institute.ownerToken);
  const created = await api.post(`/tenants/${institute.tenantId}/clients`, client_);
  expect(created.status).toBe(201);
  const booked = await api.post(`/tenants/${institute.tenantId}/appointments`, {
    clientId: created.body.id, startsAt: amsterdam(today(), '10:00'), endsAt: amsterdam(today(), '11:00'), treatment, notes: 'Gevoelige huid',
  });
  expect(booked.status).toBe(201);
  return booked.body.id as string;
}

const toast = (page: Page, text: string) => page.getByText(text, { exact: true }).first().waitFor();

describe('the agenda in a browser', () => {
  journey('lets an owner book for a client found by search in the week view, move it, open it from the card and cancel it', async ({ p, browser }) => {
    const institute = await p.signup('Salon Agenda');
    const api = client(p.gateway, institute.ownerToken);
    const anna = { name: `Anna de Vries ${unique()}`, email: `anna-${unique()}@example.nl`, phone: '0612345678' };
    for (const body of [anna, { name: 'Bram Bakker' }]) expect((await api.post(`/tenants/${institute.tenantId}/clients`, body)).status).toBe(201);
    // A week ahead, so that it is still to come whatever the time of day the journey runs.
    const day = addDays(today(), 7);
    await signedInJourney(browser, 'agenda-owner', p.web, institute.owner, async (visit, page) => {
      await byRole(page, 'link', 'Agenda').click();
      await heading(page, 'Agenda');
      await page.getByText('Geen afspraken in deze week').waitFor();
      await page.getByRole('link', { name: /\(vandaag\)$/ }).waitFor();
      await visit.record('week-empty');
      await byRole(page, 'button', 'Volgende week').click();
      await page.waitForURL(new RegExp(`date=${day}`));

      await byRole(page, 'button', 'Nieuwe afspraak').click();
      const dialog = page.getByRole('dialog', { name: 'Nieuwe afspraak' });
      // The client by search, with the keyboard.
      const picker = dialog.getByRole('combobox', { name: 'Klant' });
      await picker.fill(anna.name.split(' ').pop()!);
      await dialog.getByRole('option', { name: new RegExp(anna.name) }).waitFor();
      await dialog.getByRole('option', { name: 'Bram Bakker' }).waitFor({ state: 'detached' });
      await visit.record('new-appointment-search');
      await picker.press('ArrowDown');
      await picker.press('Enter');
      expect(await picker.inputValue()).toBe(anna.name);
      await dialog.getByLabel(/^Begint/).fill(`${day}T10:00`);
      expect(await dialog.getByLabel(/^Eindigt/).inputValue()).toBe(`${day}T11:00`);
      // Sent without a treatment: the error stands beside its field.
      await dialog.getByRole('button', { name: 'Afspraak maken', exact: true }).click();
      await dialog.getByLabel(/^Behandeling/).and(page.locator('[aria-invalid="true"]')).waitFor();
      await visit.record('new-appointment-errors');
      await dialog.getByLabel(/^Behandeling/).fill('Pedicure');
      await dialog.getByLabel(/^Notities/).fill('Diabetische voet: extra voorzichtig');
      await dialog.getByRole('button', { name: 'Afspraak maken', exact: true }).click();
      await toast(page, 'Afspraak gemaakt');
      const booked = page.getByRole('link', { name: new RegExp(`10:00–11:00, ${anna.name}, Pedicure`) });
      await booked.waitFor();
      await visit.record('week-booked');

      // Open it and move it to the afternoon: the end moves along.
      await booked.click();
      await heading(page, `Pedicure – ${anna.name}`);
      await page.getByText('Diabetische voet: extra voorzichtig').waitFor();
      await visit.record('appointment');
      await byRole(page, 'button', 'Wijzigen').click();
      const change = page.getByRole('dialog', { name: 'Afspraak wijzigen' });
      await change.getByLabel(/^Begint/).fill(`${day}T14:30`);
      expect(await change.getByLabel(/^Eindigt/).inputValue()).toBe(`${day}T15:30`);
      await visit.record('appointment-change');
      await change.getByRole('button', { name: 'Wijzigingen opslaan', exact: true }).click();
      await toast(page, 'Afspraak gewijzigd');
      await page.getByText(/14:30–15:30/).first().waitFor();

      // The client's card lists it, says that it has notes (their text is on the appointment, where
      // reading it is recorded: ADR 64), and links to it.
      await byRole(page, 'link', anna.name).click();
      await heading(page, anna.name);
      await heading(page, 'Afspraken');
      const onCard = page.getByRole('link', { name: new RegExp(`^Pedicure · .*14:30–15:30$`) });
      await onCard.waitFor();
      await page.getByText('Met notities').first().waitFor();
      expect(await page.getByText('Diabetische voet: extra voorzichtig').count()).toBe(0);
      await page.getByText('Nog geen eerdere afspraken.').waitFor();
      await visit.record('client-card-appointments');
      await onCard.click();
      await heading(page, `Pedicure – ${anna.name}`);

      // Cancel it, after confirming.
      await byRole(page, 'button', 'Afspraak annuleren').click();
      const confirm = page.getByRole('alertdialog', { name: 'Afspraak annuleren?' });
      await confirm.waitFor();
      await visit.record('cancel-confirmation');
      await confirm.getByRole('button', { name: 'Ja, annuleren', exact: true }).click();
      await toast(page, 'Afspraak geannuleerd');
      // Cancelled is a status (ADR 46): the appointment stays, settled, its time free; struck through in the agenda.
      await page.getByRole('region', { name: /^Status/ }).getByText('Geannuleerd', { exact: true }).waitFor();
      expect(await byRole(page, 'button', 'Afspraak annuleren').count()).toBe(0);
      expect((await api.get(`/tenants/${institute.tenantId}/appointments`)).body.items.map((a: { status: string }) => a.status)).toEqual(['cancelled']);
      await page.getByRole('link', { name: /Terug naar de agenda/ }).click();
      await heading(page, 'Agenda');
      await page.getByRole('link', { name: new RegExp(`14:30–15:30, ${anna.name}, Pedicure, Geannuleerd$`) }).waitFor();
      expect(page.url()).not.toContain(encodeURIComponent(anna.name.split(' ')[0]!));
      expectQuietConsole(visit, [institute.owner.email, anna.name, anna.email]);
    });
  });

  journey('shows a colleague with agenda:view the agenda without edit controls, and masked contacts as hidden', async ({ p, browser }) => {
    const institute = await p.signup('Salon Kijk');
    const carla = { name: 'Carla Claes', email: 'carla@example.nl', phone: '0611122233' };
    const appointmentId = await bookViaApi(institute, carla, 'Manicure');
    const colleague = await p.addMember(institute, 'staff', { agenda: 'view' });
    await signedInJourney(browser, 'agenda-view-only', p.web, colleague, async (visit, page) => {
      // The agenda is the first area this colleague may see.
      await heading(page, 'Agenda');
      const block = page.getByRole('link', { name: /10:00–11:00, Carla Claes, Manicure/ });
      await block.waitFor();
      expect(await byRole(page, 'button', 'Nieuwe afspraak').count()).toBe(0);
      expect(await byRole(page, 'link', 'Klanten').count()).toBe(0);
      await visit.record('week-view-only');

      await block.click();
      await heading(page, 'Manicure – Carla Claes');
      expect(page.url()).toContain(`/agenda/${appointmentId}`);
      expect(await page.getByText('Afgeschermd').count()).toBe(2);
      expect(await page.getByText(carla.phone).count()).toBe(0);
      expect(await byRole(page, 'button', 'Wijzigen').count()).toBe(0);
      expect(await byRole(page, 'button', 'Afspraak annuleren').count()).toBe(0);
      await visit.record('appointment-view-only');

      // Asking for the booking dialog by its address does not give one either.
      await page.goto(`${p.web}/t/${institute.tenantId}/agenda?bookFor=cli_abcdefgh1234`);
      await heading(page, 'Agenda');
      await block.waitFor();
      expect(await page.getByRole('dialog').count()).toBe(0);
      expectQuietConsole(visit, [colleague.email, carla.email, carla.phone]);
    });
  });

  journey('shows the day as a list on a phone, and the week as a list per day', async ({ p, browser }) => {
    const institute = await p.signup('Salon Mobiel');
    await bookViaApi(institute, { name: 'Dirk Dekker', email: 'dirk@example.nl', phone: '0633344455' }, 'Gezichtsbehandeling');
    await signedInJourney(browser, 'agenda-phone', p.web, institute.owner, async (visit, page) => {
      // Recording a page (the issuer's too) leaves it at desktop width: back to the phone after each.
      await page.setViewportSize(PHONE);
      await page.goto(`${p.web}/t/${institute.tenantId}/agenda`);
      await heading(page, 'Agenda');
      const row = page.getByRole('link', { name: /^10:00 tot 11:00 Dirk Dekker Gezichtsbehandeling/ });
      await row.waitFor();
      expect(await byRole(page, 'button', 'Dag').getAttribute('aria-pressed')).toBe('true');
      await visit.record('day-list');

      await page.setViewportSize(PHONE);
      await byRole(page, 'button', 'Volgende dag').click();
      await page.getByText('Geen afspraken op deze dag').waitFor();
      await byRole(page, 'button', 'Vandaag').click();
      await row.waitFor();
      await byRole(page, 'button', 'Week').click();
      await page.getByRole('heading', { level: 3 }).nth(6).waitFor();
      expect(await page.getByText('Geen afspraken', { exact: true }).count()).toBe(6);
      await visit.record('week-list');

      await page.setViewportSize(PHONE);
      await row.click();
      await heading(page, 'Gezichtsbehandeling – Dirk Dekker');
      await visit.record('appointment-phone');
      expectQuietConsole(visit, [institute.owner.email, 'dirk@example.nl']);
    });
  });
});
