import { readFile } from 'node:fs/promises';
import { unzip } from '@homi/testing';
import { client } from './platform';
import { Visit } from './web/browser';
import { byRole, expectQuietConsole, heading, signIn, signInAtIssuer } from './web/journeys';
import { unique, webJourneys } from './web/suite';

// Issue 14's privacy and account journeys in a browser, against the platform as `npm start` runs it:
// an institute's owner asks for a client's data package and downloads it, erases a client; a colleague
// joins through the invitation mail; a person changes and confirms their e-mail address; a person
// deletes their account after signing in again.

/**
 * Deleting an account needs a sign-in of at most this many seconds ago. The API's five minutes, set
 * shorter here (RECENT_SIGN_IN_MAX_AGE_SECONDS) so the journey can outlive it and prove the fresh sign-in.
 */
const RECENT_SIGN_IN_S = 20;

const { journey, world } = webJourneys({ serviceEnv: { gateway: { RECENT_SIGN_IN_MAX_AGE_SECONDS: String(RECENT_SIGN_IN_S) } } });

/** A person's browser for one journey; on failure the page as it stood is kept as `…-failed` screenshots. */
async function inBrowser(journey: string, run: (visit: Visit) => Promise<void>): Promise<void> {
  const visit = await Visit.open(world.browser, journey);
  try {
    await run(visit);
  } catch (error) {
    await visit.screenshot('failed').catch(() => undefined);
    throw error;
  } finally {
    await visit.close();
  }
}

/** The link a platform mail carries (the code in its fragment), read from the mail catcher. */
async function mailedLink(to: string, since: number): Promise<string> {
  const { text } = await world.p.mail.waitFor({ to, since });
  const link = /(https?:\/\/\S+#token=[A-Za-z0-9_-]{43})/.exec(text)?.[1];
  if (!link) throw new Error('the mail holds no link with a code');
  return link;
}

describe('privacy and my account in a browser', () => {
  journey('lets an owner ask for a client\'s data package from the card, follow it to completion and download it', async ({ p }) => {
    const institute = await p.signup('Salon Inzage');
    const anna = { name: `Anna Jansen ${unique()}`, email: `anna-${unique()}@example.nl` };
    const created = await client(p.gateway, institute.ownerToken).post(`/tenants/${institute.tenantId}/clients`, { ...anna, phone: '0612345678' });
    expect(created.status).toBe(201);
    await inBrowser('client-data-package', async (visit) => {
      const { page } = visit;
      await page.goto(p.web);
      await signIn(visit, institute.owner.email, institute.owner.password);
      await byRole(page, 'link', anna.name).click();
      await heading(page, anna.name);
      await page.getByRole('region', { name: 'Privacy van deze klant (AVG)' }).getByText(/verwerkingsverantwoordelijke/).waitFor();
      await visit.record('client-card-privacy');

      // The correction dialog offers what every service holding it takes; notes are changed under Bewerken (ADR 64).
      await byRole(page, 'button', 'Gegevens corrigeren').click();
      const correction = page.getByRole('dialog', { name: `Gegevens van ${anna.name} corrigeren` });
      expect(await correction.getByLabel(/^E-mailadres/).inputValue()).toBe(anna.email);
      expect(await correction.getByLabel(/^Notities/).count()).toBe(0);
      await visit.record('client-rectification');
      await correction.getByRole('button', { name: 'Annuleren' }).click();
      await correction.waitFor({ state: 'detached' });

      await byRole(page, 'button', 'Gegevens opvragen').click();
      await heading(page, 'Inzageverzoek');
      const progress = page.getByRole('region', { name: 'Voortgang per dienst' });
      await page.getByRole('button', { name: 'Pakket downloaden (zip)' }).waitFor({ timeout: 45_000 });
      // Every data owner answered, each named in words.
      const owners = progress.getByRole('listitem');
      expect(await owners.count()).toBeGreaterThanOrEqual(3);
      expect(await progress.getByText('Klaar', { exact: true }).count()).toBe(await owners.count());
      await progress.getByText('Klanten en agenda').waitFor();
      await page.getByRole('region', { name: 'Verslag' }).getByText('Opgenomen in het pakket').first().waitFor();
      await visit.record('client-access-completed');

      // The package is fetched with the bearer token and saved from memory: no address carries a credential.
      const [download] = await Promise.all([page.waitForEvent('download'), byRole(page, 'button', 'Pakket downloaden (zip)').click()]);
      expect(download.suggestedFilename()).toMatch(/^homi-export-dsr_[0-9A-Za-z]+\.zip$/);
      expect(download.url()).toMatch(/^blob:/);
      const files = unzip(await readFile((await download.path())!));
      expect([...files.keys()]).toEqual(expect.arrayContaining(['README.txt', 'information.json', 'tenant-data/client-profile.json']));
      expect(files.get('tenant-data/client-profile.json')!.toString()).toContain(anna.email);
      await page.getByText('Pakket gedownload', { exact: true }).waitFor();

      await byRole(page, 'link', /Terug naar privacyverzoeken/).click();
      await heading(page, 'Privacyverzoeken');
      const row = page.getByRole('row').filter({ hasText: anna.name });
      await row.getByRole('link', { name: 'Inzageverzoek' }).waitFor();
      await row.getByText('Afgehandeld', { exact: true }).waitFor();
      await visit.record('privacy-requests');
      expect(page.url()).toBe(`${p.web}/privacy-requests`);
      expectQuietConsole(visit, [institute.owner.email, anna.email, anna.name]);
    });
  });

  journey('lets an owner erase a client after confirming, and shows what was erased', async ({ p }) => {
    const institute = await p.signup('Salon Wissen');
    const owner = client(p.gateway, institute.ownerToken);
    const bram = (await owner.post(`/tenants/${institute.tenantId}/clients`, { name: 'Bram Bos', email: 'bram@example.nl' })).body;
    await inBrowser('client-erasure', async (visit) => {
      const { page } = visit;
      await page.goto(p.web);
      await signIn(visit, institute.owner.email, institute.owner.password);
      await byRole(page, 'link', 'Bram Bos').click();
      await heading(page, 'Bram Bos');
      await byRole(page, 'button', 'Klant wissen').click();
      const dialog = page.getByRole('alertdialog', { name: 'Alle gegevens van Bram Bos wissen?' });
      await dialog.getByText(/fiscale bewaarplicht/).waitFor();
      await visit.record('erasure-confirmation');
      // Cancelling changes nothing.
      await byRole(page, 'button', 'Annuleren').click();
      await dialog.waitFor({ state: 'hidden' });
      expect((await owner.get(`/tenants/${institute.tenantId}/clients/${bram.id}`)).status).toBe(200);

      await byRole(page, 'button', 'Klant wissen').click();
      await byRole(page, 'button', 'Ja, definitief wissen').click();
      await heading(page, 'Verwijderverzoek');
      const report = page.getByRole('region', { name: 'Verslag' });
      await report.getByRole('listitem').filter({ hasText: 'Klantgegevens' }).getByText('Gewist').waitFor({ timeout: 45_000 });
      await visit.record('erasure-report');
      expect((await owner.get(`/tenants/${institute.tenantId}/clients/${bram.id}`)).status).toBe(404);

      await byRole(page, 'link', /Terug naar privacyverzoeken/).click();
      await page.getByRole('row').filter({ hasText: 'Gewiste klant' }).getByRole('link', { name: 'Verwijderverzoek' }).waitFor();
      expectQuietConsole(visit, [institute.owner.email, 'bram@example.nl']);
    });
  });

  journey('lets a colleague invited by mail sign up through the invitation page and land in the institute', async ({ p }) => {
    const institute = await p.signup('Salon Uitnodiging');
    const colleague = { email: `cora-${unique()}@e2e.homi.test`, password: `wachtwoord-${unique()}-lang` };
    const since = Date.now();
    const invited = await client(p.gateway, institute.ownerToken).post(`/tenants/${institute.tenantId}/members`, {
      email: colleague.email, name: 'Cora Collega', role: 'staff', permissions: { clients: 'view' },
    });
    expect(invited.status).toBe(202);
    const link = await mailedLink(colleague.email, since);
    expect(link.startsWith(`${p.web}/invitations/accept#token=`)).toBe(true);
    await inBrowser('invitation-sign-up', async (visit) => {
      const { page } = visit;
      // A link cut short is said plainly, before anything is asked of the API.
      await page.goto(`${p.web}/invitations/accept#token=kort`);
      await page.getByText('Deze link is niet compleet').waitFor();

      await page.goto(link);
      await heading(page, 'Uitnodiging van Salon Uitnodiging');
      await page.getByText(`Voor ${colleague.email}, als medewerker.`).waitFor();
      await page.getByRole('listitem').filter({ hasText: 'Klanten' }).getByText('bekijken').waitFor();
      // The code left the address bar for the page's memory.
      expect(page.url()).toBe(`${p.web}/invitations/accept`);
      await visit.record('invitation');

      await expect(page.getByLabel(/^Je naam/).inputValue()).resolves.toBe('Cora Collega');
      await page.getByLabel(/^Wachtwoord/).fill(colleague.password);
      await page.getByRole('checkbox', { name: /privacyverklaring \(versie/ }).check();
      await byRole(page, 'button', 'Account aanmaken en lid worden').click();
      await page.getByText('Welkom bij Salon Uitnodiging').waitFor();
      await visit.record('invitation-signed-up');

      await page.getByRole('main').getByRole('button', { name: 'Inloggen', exact: true }).click();
      await signInAtIssuer(visit, colleague.email, colleague.password);
      await heading(page, 'Klanten');
      expect(page.url()).toContain(`/t/${institute.tenantId}/`);
      await visit.record('invitation-landed');

      // The same link again: used, and said so.
      await page.goto(link);
      await page.getByText('Deze uitnodiging is al geaccepteerd').waitFor();
      expectQuietConsole(visit, [colleague.email]);
    });
  });

  journey('keeps a new e-mail address pending until it is confirmed through the mailed link, signing in on the way', async ({ p }) => {
    const institute = await p.signup('Salon Adres');
    const newEmail = `nieuw-${unique()}@e2e.homi.test`;
    await inBrowser('email-change', async (visit) => {
      const { page } = visit;
      await page.goto(p.web);
      await signIn(visit, institute.owner.email, institute.owner.password);
      await byRole(page, 'button', /^Accountmenu/).click();
      await byRole(page, 'menuitem', 'Mijn account').click();
      await heading(page, 'Mijn account');
      await visit.record('my-account');

      const since = Date.now();
      await page.getByLabel(/^E-mailadres/).fill(newEmail);
      await byRole(page, 'button', 'Wijzigingen opslaan').click();
      await page.getByText('Je nieuwe e-mailadres wacht op bevestiging').waitFor();
      await page.getByText(new RegExp(`link naar ${newEmail.replace(/[.]/g, '\\.')}`)).waitFor();
      await visit.record('email-pending');
      expectQuietConsole(visit, [institute.owner.email, newEmail]);

      // The link opens in another browser, signed out: sign in (with the current address), come back, confirm.
      const link = await mailedLink(newEmail, since);
      expect(link.startsWith(`${p.web}/account/email-confirmation#token=`)).toBe(true);
      await inBrowser('email-confirmation', async (mailbox) => {
        await mailbox.page.goto(link);
        await heading(mailbox.page, 'Nieuw e-mailadres bevestigen');
        await mailbox.page.getByText('Log in om te bevestigen').waitFor();
        await mailbox.record('email-confirmation-sign-in');
        await byRole(mailbox.page, 'button', 'Inloggen en bevestigen').click();
        await signInAtIssuer(mailbox, institute.owner.email, institute.owner.password);
        await mailbox.page.getByText(`Na bevestigen log je in met ${newEmail} in plaats van ${institute.owner.email}.`).waitFor();
        expect(mailbox.page.url()).toBe(`${p.web}/account/email-confirmation`);
        await byRole(mailbox.page, 'button', 'E-mailadres bevestigen').click();
        await mailbox.page.getByText('Je e-mailadres is gewijzigd').waitFor();
        await mailbox.record('email-confirmed');
        expectQuietConsole(mailbox, [institute.owner.email, newEmail]);
      });
    });
    const me = await client(p.gateway, await p.login(institute.owner)).get('/me');
    expect(me.body).toMatchObject({ email: newEmail, pendingEmail: null });
  });

  journey('downloads a person\'s own data package, then deletes the account after a fresh sign-in and shows the erasure that follows', async ({ p }) => {
    const institute = await p.signup('Salon Afscheid');
    await inBrowser('account-deletion', async (visit) => {
      const { page } = visit;
      await page.goto(p.web);
      await signIn(visit, institute.owner.email, institute.owner.password);
      // The password was entered before this moment: from here the sign-in only grows older.
      const signedInAt = Date.now();
      await byRole(page, 'button', /^Accountmenu/).click();
      await byRole(page, 'menuitem', 'Mijn account').click();
      await byRole(page, 'button', 'Mijn gegevens opvragen').click();
      await heading(page, 'Inzageverzoek');
      await page.getByRole('button', { name: 'Pakket downloaden (zip)' }).waitFor({ timeout: 45_000 });
      await visit.record('own-access-completed');
      const [download] = await Promise.all([page.waitForEvent('download'), byRole(page, 'button', 'Pakket downloaden (zip)').click()]);
      const files = unzip(await readFile((await download.path())!));
      expect(files.get('identity/account.json')!.toString()).toContain(institute.owner.email);

      await page.goto(`${p.web}/account/delete`);
      await heading(page, 'Account verwijderen');
      await page.getByText(/^Salon Afscheid: je bent de enige eigenaar, dus het hele instituut wordt gewist/).waitFor();
      await visit.record('delete-account');

      // The sign-in must be older than the API allows, as a session left open would be.
      const stale = signedInAt + (RECENT_SIGN_IN_S + 1) * 1000 - Date.now();
      if (stale > 0) await new Promise((resolve) => setTimeout(resolve, stale));
      await byRole(page, 'button', 'Mijn account verwijderen').click();
      await byRole(page, 'button', 'Ja, verwijder mijn account').click();
      await page.getByText('Log eerst opnieuw in').waitFor();
      await visit.record('delete-needs-sign-in');
      await byRole(page, 'button', 'Opnieuw inloggen').click();
      // The issuer asks for the password although its session is still open.
      await signInAtIssuer(visit, institute.owner.email, institute.owner.password);
      await page.getByText(`Je bent opnieuw ingelogd als ${institute.owner.email}`).waitFor();
      expect(page.url()).toBe(`${p.web}/account/delete`);
      // What is erased is read again (the page grows when it shows): the button is pressed where it settles.
      await page.getByText(/^Salon Afscheid: je bent de enige eigenaar/).waitFor();
      await byRole(page, 'button', 'Mijn account verwijderen').click();
      await byRole(page, 'button', 'Ja, verwijder mijn account').click();
      await heading(page, 'Je account is verwijderd');
      const id = /verwijderverzoek (dsr_[0-9A-Za-z]+)/.exec(await page.getByText(/als verwijderverzoek dsr_/).innerText())?.[1];
      expect(id).toBeDefined();
      await visit.record('account-deleted');
      await expect(p.login(institute.owner)).rejects.toThrow();

      await byRole(page, 'link', 'Het verzoek volgen').click();
      await heading(page, 'Verwijderverzoek');
      expect(page.url()).toBe(`${p.web}/privacy-requests/${id}`);
      await page.getByRole('region', { name: 'Voortgang per dienst' }).getByText('Accounts en collega’s').waitFor();
      await visit.record('account-erasure-request');
      expectQuietConsole(visit, [institute.owner.email]);
    });
  });
});
