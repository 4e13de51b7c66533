import { byRole, expectQuietConsole, heading, signedInJourney } from './web/journeys';
import { webJourneys } from './web/suite';

// The record of processing (GDPR art. 30) in a browser: a signed-in owner opens "Welke gegevens we
// bewaren" from the account menu and reads, per service, what HOMi keeps, about whom, why, on which
// basis and for how long, made from the declarations the running services announced.
const { journey } = webJourneys();

describe('the record of processing in a browser', () => {
  journey('shows every service that announced itself, in Dutch, with purpose, basis and retention', async ({ p, browser }) => {
    const institute = await p.signup('Salon Register');
    await signedInJourney(browser, 'data-map', p.web, institute.owner, async (visit, page) => {
      await byRole(page, 'button', /^Accountmenu/).click();
      await byRole(page, 'menuitem', 'Welke gegevens we bewaren').click();
      await heading(page, 'Welke gegevens HOMi bewaart');
      for (const service of ['Klanten en agenda', 'Accounts en collega’s', 'Facturatie en FactuurSturen', 'Privacyverzoeken', 'Helpdesk']) {
        await page.getByRole('region', { name: service }).waitFor();
      }
      const invoices = page.getByRole('region', { name: 'Facturatie en FactuurSturen' }).getByRole('article').filter({ has: page.getByRole('heading', { name: 'Facturen', exact: true }) });
      await invoices.getByText('Wettelijke plicht (AVG art. 6 lid 1 sub c)').waitFor();
      await invoices.getByText('7 jaar na de factuurdatum (AWR art. 52)').waitFor();
      const notes = page.getByRole('region', { name: 'Klanten en agenda' }).getByRole('article').filter({ has: page.getByRole('heading', { name: 'Behandelnotities', exact: true }) });
      await notes.getByText('2 jaar na het einde van de afspraak waarvoor ze zijn gemaakt').waitFor();
      // Every text on the page is Dutch: no declaration's English shows through.
      expect(await page.getByText(/the (client|invoice|end of)/).count()).toBe(0);
      await visit.record('data-map');
      expect(page.url()).toBe(`${p.web}/data-map`);
      expectQuietConsole(visit, [institute.owner.email]);
    });
  });
});
