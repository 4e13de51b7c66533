import { client } from './platform';
import { byRole, expectQuietConsole, heading, signedInJourney } from './web/journeys';
import { unique, webJourneys } from './web/suite';

// A client's health data in a browser (issue 16 item 5): the owner keeps a client's alerts and adds a
// treatment note on the card, and the booking dialog shows the chosen client's alerts.
const { journey } = webJourneys();

describe('alerts and treatment notes in a browser', () => {
  journey("shows a client's alerts on the card and when booking, and adds a note", async ({ p, browser }) => {
    const institute = await p.signup('Medisch Pedicure Zorg');
    const t = institute.tenantId;
    const api = client(p.gateway, institute.ownerToken);
    const name = `Gerda Smit ${unique()}`;
    const clientId = (await api.post(`/tenants/${t}/clients`, { name, email: `gerda-${unique()}@example.nl`, notes: 'Komt graag op maandagochtend' })).body.id as string;
    expect((await api.put(`/tenants/${t}/clients/${clientId}/alerts`, { items: [{ kind: 'allergy', text: 'Nikkelallergie' }] })).status).toBe(200);

    await signedInJourney(browser, 'health-owner', p.web, institute.owner, async (visit, page) => {
      await page.goto(`${p.web}/t/${t}/clients/${clientId}`);
      await heading(page, name);
      const alerts = page.getByRole('region', { name: 'Waarschuwingen' });
      await alerts.getByText('Nikkelallergie').waitFor();

      // The owner adds a contra-indication beside the allergy.
      await alerts.getByRole('button', { name: 'Waarschuwingen bewerken' }).click();
      await alerts.getByRole('button', { name: 'Waarschuwing toevoegen' }).click();
      const second = alerts.getByRole('group', { name: 'Waarschuwing 2' });
      await second.getByLabel('Soort').selectOption({ label: 'Contra-indicatie' });
      await second.getByLabel(/^Omschrijving/).fill('Bloedverdunners: voorzichtig met snijden');
      await visit.record('card-alerts-editing');
      await alerts.getByRole('button', { name: 'Waarschuwingen opslaan' }).click();
      await alerts.getByText('Bloedverdunners: voorzichtig met snijden').waitFor();

      const notes = page.getByRole('region', { name: 'Behandelnotities' });
      await notes.getByText('Nog geen behandelnotities.').waitFor();
      await notes.getByLabel(/^Nieuwe behandelnotitie/).fill('Kloven in hiel rechts, vaseline geadviseerd');
      await notes.getByRole('button', { name: 'Notitie toevoegen' }).click();
      await notes.getByText('Kloven in hiel rechts, vaseline geadviseerd').waitFor();
      // The client form's notes, read in the same recorded call as the treatment notes (ADR 64).
      await page.getByRole('region', { name: 'Notities', exact: true }).getByText('Komt graag op maandagochtend').waitFor();
      await visit.record('card-alerts-and-notes');
      // The form shows them to change (read before it opens, again a recorded call).
      await byRole(page, 'link', 'Bewerken').click();
      await heading(page, `${name} bewerken`);
      // The form opens only once the notes are read: its field then holds them.
      const field = page.getByLabel(/^Notities/);
      await field.waitFor();
      expect(await field.inputValue()).toBe('Komt graag op maandagochtend');
      await visit.record('client-form-notes');

      // Booking for the client: the dialog shows the chosen client's alerts before anything is saved.
      await page.goto(`${p.web}/t/${t}/agenda`);
      await heading(page, 'Agenda');
      await byRole(page, 'button', 'Nieuwe afspraak').click();
      const dialog = page.getByRole('dialog', { name: 'Nieuwe afspraak' });
      const picker = dialog.getByRole('combobox', { name: 'Klant' });
      await picker.fill(name.split(' ').pop()!);
      await dialog.getByRole('option', { name: new RegExp(name) }).click();
      const warning = dialog.getByRole('alert').filter({ hasText: 'Let op: 2 waarschuwingen voor deze klant' });
      await warning.getByText('Nikkelallergie').waitFor();
      await warning.getByText('Bloedverdunners: voorzichtig met snijden').waitFor();
      // axe, then the dialog at 390 px and at desktop width.
      await visit.record('booking-shows-alerts');
      expectQuietConsole(visit, [institute.owner.email, 'Nikkelallergie', 'Bloedverdunners', 'Kloven', 'maandagochtend']);
    });

    // Each read of the card and the dialog is in the institute's audit log.
    const log = (await api.get(`/tenants/${t}/audit-log?limit=100&actor=${institute.owner.id}`)).body.items as { details: { method?: string; route?: string } }[];
    expect(log.filter((e) => e.details.method === 'GET' && e.details.route === '/tenants/:tenantId/clients/:clientId/alerts').length).toBeGreaterThanOrEqual(2);
    expect(log.some((e) => e.details.method === 'GET' && e.details.route === '/tenants/:tenantId/clients/:clientId/notes')).toBe(true);
  });
});
