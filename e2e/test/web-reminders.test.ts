import { client } from './platform';
import { Visit } from './web/browser';
import { byRole, expectQuietConsole, heading, openArea, signedInJourney } from './web/journeys';
import { unique, webJourneys } from './web/suite';

// Appointment mails in a browser (issue 16 item 4, ADR 53): the owner sees a client's consent with
// its time on the card and the checkbox in the form, sets the reminder lead time beside the
// treatments; the client opens the unsubscribe link from the confirmation, sees whose link it is,
// confirms, and the card then shows the withdrawal.
const { journey } = webJourneys();

describe('appointment mails in a browser', () => {
  journey('shows the consent, sets the lead time, and lets the client unsubscribe through the mailed link', async ({ p, browser }) => {
    const institute = await p.signup('Salon Ochtendzon');
    const api = client(p.gateway, institute.ownerToken);
    const email = `anna-${unique()}@e2e.homi.test`;
    const anna = (await api.post(`/tenants/${institute.tenantId}/clients`, { name: 'Anna Herinnering', email, reminderConsent: true })).body;
    const startsAt = new Date(Date.now() + 30 * 3600_000).toISOString();
    await api.post(`/tenants/${institute.tenantId}/appointments`, {
      clientId: anna.id, startsAt, endsAt: new Date(Date.parse(startsAt) + 3600_000).toISOString(), treatment: 'Pedicure',
    });

    await signedInJourney(browser, 'reminders', p.web, institute.owner, async (visit, page) => {
      await openArea(page, 'Klanten');
      await page.getByRole('link', { name: 'Anna Herinnering', exact: true }).click();
      await heading(page, 'Anna Herinnering');
      await page.getByText(/Wil bevestigingen en herinneringen ontvangen \(ingestemd op/).waitFor();
      await visit.record('client-card-consent');
      await byRole(page, 'link', 'Bewerken').click();
      await page.getByRole('checkbox', { name: /afspraakbevestigingen en herinneringen/ }).waitFor();
      await visit.record('client-form-consent');

      await openArea(page, 'Behandelingen');
      const lead = page.getByLabel(/Herinnering versturen/);
      await lead.fill('48');
      await byRole(page, 'button', 'Opslaan').click();
      await page.getByText('Herinneringstijd opgeslagen', { exact: true }).first().waitFor();
      await visit.record('reminder-settings');
      expectQuietConsole(visit, [email]);
    });

    const confirmation = await p.mail.waitFor({ to: email, subject: /^Bevestiging/ });
    const link = /(http\S+\/afmelden#token=\S+)/.exec(confirmation.text)?.[1];
    expect(link).toBeDefined();
    const visit = await Visit.open(browser, 'reminders-unsubscribe');
    try {
      await visit.page.goto(link!);
      await heading(visit.page, 'Geen afspraakmails meer van Salon Ochtendzon?');
      await visit.record('unsubscribe-question');
      expect((await api.get(`/tenants/${institute.tenantId}/clients/${anna.id}`)).body.reminderConsent.given).toBe(true);
      await byRole(visit.page, 'button', 'Ja, afmelden').click();
      await visit.page.getByText('Je bent afgemeld').waitFor();
      await visit.record('unsubscribed');
      expectQuietConsole(visit, [email]);
    } finally {
      await visit.close();
    }
    expect((await api.get(`/tenants/${institute.tenantId}/clients/${anna.id}`)).body.reminderConsent.given).toBe(false);
  });
});
