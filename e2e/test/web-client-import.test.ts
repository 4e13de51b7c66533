import { clientFile } from '@homi/testing';
import { byRole, expectQuietConsole, heading, openArea, signedInJourney } from './web/journeys';
import { webJourneys } from './web/suite';

// Importing a client file in a browser (issue 16, item 7): an owner picks a file without a name
// column and is told what to fix, picks a good one, sees the dry run's report with each bad row,
// imports it, finds the clients, and checks the same file again: nothing new to import.
const { journey } = webJourneys();

describe('importing clients in a browser', () => {
  journey('checks a file, shows every bad row, imports it, and finds nothing new in it the second time', async ({ p, browser }) => {
    const institute = await p.signup('Salon Overstap');
    const file = clientFile(100);
    await signedInJourney(browser, 'client-import', p.web, institute.owner, async (visit, page) => {
      await openArea(page, 'Klanten');
      await heading(page, 'Klanten');
      await byRole(page, 'link', 'Klanten importeren').click();
      await heading(page, 'Klanten importeren');
      const input = page.getByLabel('Klantenbestand (CSV)');
      const check = byRole(page, 'button', 'Bestand controleren');

      await input.setInputFiles({ name: 'export.csv', mimeType: 'text/csv', buffer: Buffer.from('E-mail;Telefoon\nanna@example.nl;0612345678\n') });
      await check.click();
      await page.getByRole('alert').filter({ hasText: 'Er is geen kolom met de naam' }).waitFor();
      await visit.record('missing-name-column');

      await input.setInputFiles({ name: 'klanten.csv', mimeType: 'text/csv', buffer: Buffer.from(file.csv) });
      await check.click();
      await page.getByText('Controle: er is nog niets geïmporteerd').waitFor();
      const problems = page.getByRole('table', { name: 'Rijen met fouten' });
      await problems.waitFor();
      expect(await problems.getByRole('row').count()).toBe(1 + file.bad.length);
      await problems.getByRole('row', { name: `${file.bad[0]!.row} geen naam` }).waitFor();
      await problems.getByRole('row', { name: `${file.bad[1]!.row} e-mailadres ongeldig` }).waitFor();
      await visit.record('dry-run');

      await byRole(page, 'button', '97 klanten importeren').click();
      await page.getByText('Import voltooid').waitFor();
      await visit.record('imported');

      await byRole(page, 'link', 'Terug naar klanten').first().click();
      await heading(page, 'Klanten');
      await page.getByRole('link', { name: 'Klant0 Jansen', exact: true }).waitFor();
      await visit.record('clients-imported');

      await byRole(page, 'link', 'Klanten importeren').click();
      await page.getByLabel('Klantenbestand (CSV)').setInputFiles({ name: 'klanten.csv', mimeType: 'text/csv', buffer: Buffer.from(file.csv) });
      await byRole(page, 'button', 'Bestand controleren').click();
      await page.getByText('Er zijn geen nieuwe klanten om te importeren.').waitFor();
      await byRole(page, 'button', /klanten importeren$/).waitFor({ state: 'detached' });
      await visit.record('rerun-nothing-new');
      expectQuietConsole(visit, ['klant1@example.nl', 'Klant1 Jansen']);
    });
  });
});
