import type { Page } from 'playwright-core';
import { client, eventually, type Institute } from './platform';
import { openTicket } from './tickets';
import { Visit } from './web/browser';
import { byRole, expectQuietConsole, heading, openArea, signedInJourney, signIn } from './web/journeys';
import { unique, webJourneys } from './web/suite';

// Issue 14's administration screens in a browser, against the platform as `npm start` runs it: an
// owner invites a colleague with a chosen matrix, changes and removes them; decides on HOMi support's
// access (approve narrower, watch the countdown, revoke); reads the audit log with its filters and
// chain verification, and the institute's usage figures.
const { journey, world } = webJourneys();
let salon: Institute;
beforeAll(async () => {
  salon = await world.p.signup('Salon Beheer');
});

const expectValue = async (page: Page, label: RegExp, value: string) => expect(await page.getByLabel(label).inputValue()).toBe(value);

const choose = (page: Page, module: string, level: string) =>
  page.getByRole('radiogroup', { name: module, exact: true }).getByRole('radio', { name: level, exact: true }).check();

describe('the institute\'s administration in a browser', () => {
  journey('invites a colleague with a chosen matrix, who joins by the mailed link; the owner changes and removes them', async ({ p, browser }) => {
    const visit = await Visit.open(browser, 'admin-colleagues');
    const { page } = visit;
    const owner = client(p.gateway, salon.ownerToken);
    const colleague = { name: 'Bram Bakker', email: `bram-${unique()}@e2e.homi.test`, password: `wachtwoord-${unique()}-lang` };
    try {
      await page.goto(p.web);
      await signIn(visit, salon.owner.email, salon.owner.password);
      await openArea(page, 'Collega’s');
      await heading(page, 'Collega’s');
      await page.getByText('Er staan geen uitnodigingen open.').waitFor();
      await visit.record('colleagues');

      // Your own membership is not yours to change: everything off, and why.
      await byRole(page, 'link', 'Owner Person').click();
      await heading(page, 'Owner Person');
      await page.getByText('Dit ben jij').waitFor();
      expect(await page.getByRole('combobox', { name: 'Rol' }).isDisabled()).toBe(true);
      await visit.record('own-membership');
      await byRole(page, 'link', /Terug naar collega/).click();

      await byRole(page, 'link', 'Collega uitnodigen').click();
      await heading(page, 'Collega uitnodigen');
      await page.getByLabel(/^E-mailadres/).fill(colleague.email);
      await page.getByLabel(/^Naam/).fill(colleague.name);
      await page.getByRole('combobox', { name: 'Rol' }).selectOption('staff');
      await choose(page, 'Agenda', 'Bewerken');
      await choose(page, 'Klanten', 'Bekijken');
      await visit.record('invite');
      const since = Date.now();
      await byRole(page, 'button', 'Uitnodiging versturen').click();
      await heading(page, 'Collega’s');
      const invitation = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: colleague.email }) });
      await invitation.getByText(/^Geldig tot /).waitFor();
      await invitation.getByText('Uitgenodigd als Medewerker').waitFor();
      await visit.record('invitation-open');

      // The colleague follows the mailed link and signs up (the API the invitation page calls).
      const anonymous = client(p.gateway);
      const version = (await anonymous.get('/privacy-statement')).body.version;
      const joined = await anonymous.post('/invitation-signups', {
        token: await p.mailedToken(colleague.email, since), name: colleague.name, password: colleague.password, acceptedPrivacyStatementVersion: version,
      });
      expect(joined.status).toBe(201);

      await openArea(page, 'Klanten');
      await heading(page, 'Klanten');
      await openArea(page, 'Collega’s');
      await byRole(page, 'link', colleague.name).click();
      await heading(page, colleague.name);
      expect(await page.getByRole('radiogroup', { name: 'Agenda', exact: true }).getByRole('radio', { name: 'Bewerken' }).isChecked()).toBe(true);
      expect(page.url()).toMatch(new RegExp(`/t/${salon.tenantId}/colleagues/${joined.body.userId}$`));
      await choose(page, 'Klanten', 'Bewerken');
      await choose(page, 'Facturen', 'Bekijken');
      await visit.record('member-edit');
      await byRole(page, 'button', 'Wijzigingen opslaan').click();
      await page.getByText('Rol en rechten opgeslagen', { exact: true }).waitFor();
      const members = (await owner.get(`/tenants/${salon.tenantId}/members`)).body.items as { userId: string; permissions: Record<string, string> }[];
      expect(members.find((m) => m.userId === joined.body.userId)?.permissions).toEqual({
        agenda: 'edit', clients: 'edit', invoicing: 'view', reports: 'none', settings: 'none', users: 'none',
      });

      await byRole(page, 'button', 'Verwijderen').click();
      await page.getByRole('alertdialog', { name: `${colleague.name} verwijderen?` }).waitFor();
      await visit.record('remove-confirmation');
      await byRole(page, 'button', 'Ja, verwijderen').click();
      await heading(page, 'Collega’s');
      await byRole(page, 'link', colleague.name).waitFor({ state: 'detached' });
      expect((await owner.get(`/tenants/${salon.tenantId}/members`)).body.items).toHaveLength(1);
      expectQuietConsole(visit, [colleague.email, salon.owner.email]);
    } finally {
      await visit.close();
    }
  });

  journey('approves HOMi support narrower, watches the countdown, revokes; the audit log shows it and verifies; usage figures', async ({ p, browser }) => {
    const agent = await p.supportUser();
    const support = client(p.gateway, await p.loginWithMfa(agent));
    const ticket = await openTicket(p.gateway, { tenantId: salon.tenantId, token: salon.ownerToken }, 'Agenda toont de verkeerde week');
    const asked = await support.post('/support/access-requests', {
      tenantId: salon.tenantId, reason: 'customer_initiated', ticketId: ticket, modules: ['clients', 'agenda'], mode: 'read', durationMinutes: 120,
    });
    expect(asked.status).toBe(201);
    await signedInJourney(browser, 'admin-support-access', p.web, salon.owner, async (visit, page) => {
      await openArea(page, 'Supporttoegang');
      await heading(page, 'Supporttoegang');
      const request = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: `Verzoek ${ticket}` }) });
      await request.getByText('Klanten, Agenda').waitFor();
      await request.getByText('2 uur').waitFor();
      // The helpdesk ticket the request cites, by its subject (ADR 43).
      await request.getByText('Agenda toont de verkeerde week').waitFor();
      await visit.record('support-pending');

      await byRole(page, 'button', `Goedkeuren… ${ticket}`).click();
      const dialog = page.getByRole('dialog', { name: `Toegang geven voor ${ticket}` });
      await dialog.getByRole('checkbox', { name: 'Agenda' }).uncheck();
      await dialog.getByLabel('Hoe lang').selectOption('30');
      await visit.record('approve-narrower');
      await dialog.getByRole('button', { name: 'Toegang geven' }).click();
      await heading(page, 'Actieve toegang');
      const timer = page.getByRole('timer');
      await timer.waitFor();
      const first = (await timer.textContent()) ?? '';
      expect(first).toMatch(/^(30:00|29:[0-5]\d)$/);
      // It ticks by itself, without anything else on the page changing.
      const next = await eventually(async () => {
        const now = (await timer.textContent()) ?? undefined;
        return now !== first ? now : undefined;
      }, 'the countdown ticking', 5_000);
      expect(next).toMatch(/^29:[0-5]\d$/);
      await page.getByText('Er zijn geen openstaande verzoeken.').waitFor();
      await visit.record('support-active');

      // The grant holds what the owner chose: clients to read, not the agenda.
      await eventually(async () => (await support.get(`/tenants/${salon.tenantId}/clients`)).status === 200, 'the grant reaching the gateway');
      expect((await support.get(`/tenants/${salon.tenantId}/appointments`)).status).toBe(403);

      await byRole(page, 'button', `Nu beëindigen ${ticket}`).click();
      await page.getByRole('alertdialog', { name: `Toegang voor ${ticket} nu beëindigen?` }).waitFor();
      await byRole(page, 'button', 'Ja, beëindigen').click();
      await page.getByText('Niemand van HOMi heeft nu toegang.').waitFor();
      await page.getByRole('table', { name: /Eerdere verzoeken/ }).getByText('Beëindigd').waitFor();
      await visit.record('support-revoked');
      await eventually(async () => (await support.get(`/tenants/${salon.tenantId}/clients`)).status === 403, 'the revocation reaching the gateway');
      // The gateway reports support's calls to the log through NATS; the page shows the log as it is when opened.
      await eventually(async () => {
        const entries = (await client(p.gateway, salon.ownerToken).get(`/tenants/${salon.tenantId}/audit-log?support=true`)).body.items as { action: string }[];
        return entries.some((e) => e.action === 'support.action') && entries.some((e) => e.action === 'support.refused');
      }, 'support\'s calls in the audit log');

      await openArea(page, 'Logboek');
      await heading(page, 'Logboek');
      await page.getByText('Het logboek is ongeschonden').waitFor();
      const log = page.getByRole('table', { name: /Logboek, pagina 1/ });
      for (const what of ['Vroeg toegang', 'Gaf HOMi-support toegang', 'Beëindigde de toegang van HOMi-support', 'Deed een verzoek in je instituut',
        'Werd geweigerd', 'Nodigde iemand uit', 'Werd lid', 'Wijzigde rol of rechten', 'Verwijderde een collega']) {
        await log.getByText(what, { exact: true }).first().waitFor();
      }
      await log.getByText('Klanten · Alleen bekijken · 30 minuten').waitFor();
      await visit.record('audit-log');

      await page.getByRole('checkbox', { name: 'Alleen HOMi-support' }).check();
      await log.getByText('Nodigde iemand uit').waitFor({ state: 'detached' });
      await log.getByText('Gaf HOMi-support toegang').waitFor();
      await visit.record('audit-log-support-only');
      await page.getByRole('checkbox', { name: 'Alleen HOMi-support' }).uncheck();
      await page.getByRole('combobox', { name: 'Wat' }).selectOption('member');
      await log.getByText('Gaf HOMi-support toegang').waitFor({ state: 'detached' });
      await log.getByText('Werd lid').waitFor();
      await page.getByRole('combobox', { name: 'Wie' }).selectOption({ label: `HOMi-support (${ticket})` });
      await page.getByText('Niets gevonden met deze filters.').waitFor();
      await byRole(page, 'button', 'Filters wissen').click();
      await log.getByText('Vroeg toegang').waitFor();

      // Usage: the calls of these journeys, counted per day and module.
      await eventually(async () => {
        const today = new Date().toISOString().slice(0, 10);
        const usage = await client(p.gateway, salon.ownerToken).get(`/tenants/${salon.tenantId}/usage?from=${today}&to=${today}`);
        return usage.body.counts?.length > 0;
      }, 'usage counted', 40_000);
      await openArea(page, 'Gebruik');
      await heading(page, 'Gebruik');
      await page.getByRole('img', { name: 'Verzoeken per dag' }).waitFor();
      await page.getByRole('table', { name: 'Verzoeken en handelingen per dag en onderdeel' }).getByRole('cell', { name: 'Collega’s', exact: true }).first().waitFor();
      await visit.record('usage');
      expectQuietConsole(visit, [salon.owner.email]);
    });
  });

  journey('changes the institute\'s details; its new name shows at once, and stays once identity is asked again', async ({ p, browser }) => {
    const own: Institute = await p.signup('Salon Oude Naam');
    const owner = client(p.gateway, own.ownerToken);
    const visit = await Visit.open(browser, 'admin-institute');
    const { page } = visit;
    try {
      await page.goto(p.web);
      await signIn(visit, own.owner.email, own.owner.password);
      await openArea(page, 'Instituut');
      await heading(page, 'Instituut');
      await expectValue(page, /^Naam van je instituut/, 'Salon Oude Naam');
      await visit.record('institute');

      await page.getByLabel(/^KvK-nummer/).fill('1234');
      await page.getByLabel(/^Naam van je instituut/).fill('');
      // Part of an address asks for the rest of it.
      await page.getByLabel(/^Straat/).fill('Oudegracht');
      await byRole(page, 'button', 'Gegevens opslaan').click();
      await page.getByLabel(/^KvK-nummer/).and(page.locator('[aria-invalid="true"]')).waitFor();
      await page.getByLabel(/^Postcode/).and(page.locator('[aria-invalid="true"]')).waitFor();
      await visit.record('institute-errors');
      expect((await owner.get(`/tenants/${own.tenantId}`)).body.name).toBe('Salon Oude Naam');

      await page.getByLabel(/^Naam van je instituut/).fill('Salon Nieuwe Naam');
      await page.getByLabel(/^KvK-nummer/).fill('87654321');
      await page.getByLabel(/^E-mailadres van het instituut/).fill('info@nieuwenaam.test');
      await page.getByLabel(/^Straat/).fill('Oudegracht');
      await page.getByLabel(/^Huisnummer/).fill('12a');
      await page.getByLabel(/^Postcode/).fill('3511ab');
      await page.getByLabel(/^Plaats/).fill('Utrecht');
      await byRole(page, 'button', 'Gegevens opslaan').click();
      await page.getByText('De gegevens van het instituut zijn opgeslagen', { exact: true }).waitFor();
      await expectValue(page, /^Postcode/, '3511 AB');
      await page.getByRole('banner').getByText('Salon Nieuwe Naam').waitFor();
      await visit.record('institute-saved');
      expect((await owner.get(`/tenants/${own.tenantId}`)).body).toMatchObject({ name: 'Salon Nieuwe Naam', kvkNumber: '87654321', email: 'info@nieuwenaam.test' });

      // identity follows the profile (ADR 74): /me, which the header reads after a reload, has the new name.
      await eventually(async () => (await owner.get('/me')).body.memberships?.[0]?.instituteName === 'Salon Nieuwe Naam', 'identity following the new name');
      await page.reload();
      await heading(page, 'Instituut');
      await page.getByRole('banner').getByText('Salon Nieuwe Naam').waitFor();
      expectQuietConsole(visit, [own.owner.email, 'Salon Nieuwe Naam', 'Salon Oude Naam']);
    } finally {
      await visit.close();
    }
  });
});
