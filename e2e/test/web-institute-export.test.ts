import { byRole, expectQuietConsole, heading, openArea, signedInJourney } from './web/journeys';
import { webJourneys } from './web/suite';

// Exporting all of an institute's data in a browser (issue 16, item 8; ADR 54): the owner finds
// "Alle gegevens exporteren" in the menu, starts an export, sees it put together and downloads the zip.
const { journey } = webJourneys();

describe('exporting all data in a browser', () => {
  journey('starts an export, follows it until it is ready and downloads the zip', async ({ p, browser }) => {
    const institute = await p.signup('Salon Alles Thuis');
    await signedInJourney(browser, 'institute-export', p.web, institute.owner, async (visit, page) => {
      await openArea(page, 'Alle gegevens exporteren');
      await heading(page, 'Alle gegevens exporteren');
      await page.getByText('Nog geen exports.').waitFor();
      await visit.record('no-exports');
      await byRole(page, 'button', 'Export starten').click();
      const download = byRole(page, 'button', 'Zip downloaden');
      await download.waitFor({ timeout: 60_000 });
      await page.getByText('Klaar', { exact: true }).waitFor();
      await visit.record('ready');
      const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
      expect(file.suggestedFilename()).toMatch(/^homi-institute-export-dsr_\w+\.zip$/);
      expectQuietConsole(visit, []);
    });
  });
});
