import { client } from './platform';
import { Visit } from './web/browser';
import { byRole, expectQuietConsole, heading, signedInJourney, signInAtIssuer, signOut } from './web/journeys';
import { unique, webJourneys } from './web/suite';

// Issue 14's browser journeys against the platform as `npm start` runs it (the gateway serves the
// built web app at its own origin): a person signs up, signs in at the issuer, adds a client, finds
// it and opens its card; a colleague with clients:view sees no edit controls.
const { journey } = webJourneys();

describe('the web application in a browser', () => {
  journey('signs up a new institute, signs in at the issuer, adds a client, finds it by search and opens its card', async ({ p, browser }) => {
    const visit = await Visit.open(browser, 'sign-up-to-client-card');
    const { page } = visit;
    const person = { name: 'Olga Eigenaar', email: `olga-${unique()}@e2e.homi.test`, password: `wachtwoord-${unique()}-lang` };
    const anna = { name: `Anna de Vries ${unique()}`, email: `anna-${unique()}@example.nl`, phone: '06 12345678' };
    try {
      await page.goto(p.web);
      await heading(page, /De administratie van je salon/);
      await visit.record('start-page');

      await byRole(page, 'link', 'Maak een account aan').click();
      await heading(page, 'Account aanmaken');
      await page.getByText(/^Versie .+, gepubliceerd op /).first().waitFor();
      await visit.record('sign-up');
      // Sending it empty puts each error beside its field.
      await byRole(page, 'button', 'Account aanmaken').click();
      await page.getByLabel(/^Je naam/).and(page.locator('[aria-invalid="true"]')).waitFor();
      await page.getByText('Vul dit in.').first().waitFor();
      await visit.record('sign-up-errors');

      await page.getByLabel(/^Je naam/).fill(person.name);
      await page.getByLabel(/^E-mailadres/).fill(person.email);
      await page.getByLabel(/^Wachtwoord/).fill(person.password);
      await page.getByLabel(/^Naam van je instituut/).fill('Salon Lente');
      await page.getByRole('checkbox', { name: /privacyverklaring \(versie/ }).check();
      await byRole(page, 'button', 'Account aanmaken').click();
      await heading(page, 'Je account is aangemaakt');
      await visit.record('signed-up');

      await byRole(page, 'button', 'Inloggen').last().click();
      await signInAtIssuer(visit, person.email, person.password);
      await heading(page, 'Klanten');
      await page.getByText('Nog geen klanten').waitFor();
      await visit.record('clients-empty');

      await byRole(page, 'link', 'Nieuwe klant').first().click();
      await heading(page, 'Nieuwe klant');
      await visit.record('new-client');
      await page.getByLabel(/^Naam/).fill(anna.name);
      await page.getByLabel(/^E-mailadres/).fill(anna.email);
      await page.getByLabel(/^Telefoonnummer/).fill(anna.phone);
      await byRole(page, 'button', 'Klant toevoegen').click();
      await heading(page, anna.name);
      await visit.record('client-card');
      expect(page.url()).toMatch(/\/t\/ten_[0-9A-Za-z]+\/clients\/cli_[0-9A-Za-z]+$/);

      // Another client, so the search has something to leave out.
      const api = client(p.gateway, await p.login({ ...person, id: '' }));
      const tenantId = /\/t\/(ten_[0-9A-Za-z]+)\//.exec(page.url())![1]!;
      expect((await api.post(`/tenants/${tenantId}/clients`, { name: 'Bram Bakker' })).status).toBe(201);

      await byRole(page, 'link', /Terug naar klanten/).click();
      await heading(page, 'Klanten');
      await byRole(page, 'link', 'Bram Bakker').waitFor();
      await page.getByLabel('Zoeken op naam').fill(anna.name.split(' ').pop()!);
      await byRole(page, 'link', 'Bram Bakker').waitFor({ state: 'detached' });
      await visit.record('clients-search');
      await byRole(page, 'link', anna.name).click();
      await heading(page, anna.name);
      await page.getByRole('link', { name: anna.email }).waitFor();
      expect(page.url()).not.toContain(encodeURIComponent(anna.name.split(' ')[0]!));

      // Change her phone number, then delete the other client after confirming.
      await byRole(page, 'link', 'Bewerken').click();
      await heading(page, `${anna.name} bewerken`);
      await page.getByLabel(/^Telefoonnummer/).fill('+31 6 87654321');
      await byRole(page, 'button', 'Wijzigingen opslaan').click();
      await heading(page, anna.name);
      await page.getByRole('link', { name: '+31687654321' }).waitFor();
      await byRole(page, 'link', /Terug naar klanten/).click();
      await page.getByLabel('Zoeken op naam').fill('');
      await byRole(page, 'link', 'Bram Bakker').click();
      await heading(page, 'Bram Bakker');
      await byRole(page, 'button', 'Verwijderen').click();
      await page.getByRole('alertdialog', { name: 'Bram Bakker verwijderen?' }).waitFor();
      await visit.record('delete-confirmation');
      await byRole(page, 'button', 'Ja, verwijderen').click();
      await heading(page, 'Klanten');
      await byRole(page, 'link', anna.name).waitFor();
      await byRole(page, 'link', 'Bram Bakker').waitFor({ state: 'detached' });

      // Signing out ends the issuer's session too: signing in again needs the password.
      await signOut(visit);
      await byRole(page, 'button', 'Inloggen').first().click();
      await heading(page, 'Inloggen bij HOMi');
      expectQuietConsole(visit, [person.email, anna.name, anna.email]);
    } finally {
      await visit.close();
    }
  });

  journey('shows a colleague with clients:view the clients without any edit control', async ({ p, browser }) => {
    const institute = await p.signup('Salon Zomer');
    const owner = client(p.gateway, institute.ownerToken);
    const created = await owner.post(`/tenants/${institute.tenantId}/clients`, { name: 'Carla Claes', email: 'carla@example.nl', phone: '0611122233' });
    expect(created.status).toBe(201);
    const colleague = await p.addMember(institute, 'staff', { clients: 'view' });
    await signedInJourney(browser, 'colleague-view-only', p.web, colleague, async (visit, page) => {
      await heading(page, 'Klanten');
      await byRole(page, 'link', 'Carla Claes').waitFor();
      expect(await byRole(page, 'link', 'Nieuwe klant').count()).toBe(0);
      await visit.record('clients-view-only');

      await byRole(page, 'link', 'Carla Claes').click();
      await heading(page, 'Carla Claes');
      await page.getByRole('link', { name: 'carla@example.nl' }).waitFor();
      expect(await byRole(page, 'link', 'Bewerken').count()).toBe(0);
      expect(await byRole(page, 'button', 'Verwijderen').count()).toBe(0);
      await visit.record('client-card-view-only');

      // Typing the address of the form does not give one either.
      await page.goto(`${p.web}/t/${institute.tenantId}/clients/new`);
      await page.getByText('Je kunt klanten bekijken, niet wijzigen').waitFor();
      expect(await page.getByLabel(/^Naam/).count()).toBe(0);
      await visit.record('new-client-view-only');
      expectQuietConsole(visit, [colleague.email, 'carla@example.nl']);
    });
  });

  journey('sends a signed-in person to the new privacy statement once it is published, and back to work after accepting it', async ({ p, browser }) => {
    const institute = await p.signup('Salon Herfst');
    const operator = client(p.gateway, await p.loginWithMfa(await p.staffUser('operator')));
    await signedInJourney(browser, 'statement-re-acceptance', p.web, institute.owner, async (visit, page) => {
      await heading(page, 'Klanten');

      const version = `2099-${unique()}`;
      const published = await operator.post('/admin/privacy-statements', {
        version, text: `HOMi privacyverklaring — versie ${version}\n\n1. Wat er verandert\nWe leggen beter uit hoe lang we gegevens bewaren.`,
      });
      expect(published.status).toBe(201);

      // The next thing the person opens is held back by the gateway until they accept.
      await page.reload();
      await heading(page, 'Nieuwe privacyverklaring');
      await page.getByText(`Versie ${version}, gepubliceerd op`).waitFor();
      await visit.record('new-statement');
      await byRole(page, 'button', 'Accepteren en verder').click();
      await page.getByText('Vink dit aan om de privacyverklaring te accepteren.').waitFor();
      await page.getByRole('checkbox', { name: `Ik heb versie ${version} gelezen en ga ermee akkoord.` }).check();
      await byRole(page, 'button', 'Accepteren en verder').click();
      await heading(page, 'Klanten');
      await page.getByText('Nog geen klanten').waitFor();
      const me = await client(p.gateway, await p.login(institute.owner)).get('/me');
      expect(me.body).toMatchObject({ acceptedPrivacyStatementVersion: version, currentPrivacyStatementVersion: version });
      expectQuietConsole(visit, [institute.owner.email]);
    });
  });

  journey('shows the privacy statement with its version and date to anyone, in English on request', async ({ p, browser }) => {
    const visit = await Visit.open(browser, 'public-privacy');
    const { page } = visit;
    try {
      await page.goto(`${p.web}/privacy`);
      await heading(page, 'Privacyverklaring');
      await page.getByText(/^Versie .+, gepubliceerd op \d+ \w+ \d{4}$/).first().waitFor();
      await heading(page, 'Eerdere versies');
      await visit.record('privacy');
      await page.getByLabel('Taal').selectOption('en');
      await heading(page, 'Privacy statement');
      await page.getByText(/^Version .+, published on \d+ \w+ \d{4}$/).first().waitFor();
      await visit.record('privacy-english');
      expectQuietConsole(visit, []);
    } finally {
      await visit.close();
    }
  });
});
