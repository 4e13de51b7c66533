import { Client } from 'pg';
import { client, eventually, type Institute } from './platform';
import { openTicket } from './tickets';
import { Visit } from './web/browser';
import { byRole, expectQuietConsole, heading, openArea, signIn, signInWithCode } from './web/journeys';
import { unique, webJourneys } from './web/suite';

// Issue 14's screens for HOMi's own staff in a browser, against the platform as `npm start` runs it:
// support signs in with a second factor, asks an institute for access, the owner approves it in
// their browser, support reads a client under the banner (scope, time left), is refused outside the
// grant, and once the owner revokes is refused with the reason; the operator reads the k-anonymous
// usage statistics and publishes a new privacy statement version.
const { journey } = webJourneys();

async function query(url: string, sql: string, params: unknown[] = []): Promise<void> {
  const pg = new Client({ connectionString: url });
  await pg.connect();
  try {
    await pg.query(sql, params);
  } finally {
    await pg.end();
  }
}

describe('HOMi staff in a browser', () => {
  journey('support asks, the owner approves in the browser, support reads inside the grant, the owner revokes, support is refused', async ({ p, browser }) => {
    const salon: Institute = await p.signup('Salon Support');
    const owner = client(p.gateway, salon.ownerToken);
    const created = await owner.post(`/tenants/${salon.tenantId}/clients`, { name: 'Anna de Vries', email: `anna-${unique()}@e2e.homi.test`, phone: '0612345678' });
    expect(created.status).toBe(201);
    const agent = await p.supportUser();
    const ticket = await openTicket(p.gateway, { tenantId: salon.tenantId, token: salon.ownerToken });
    const support = await Visit.open(browser, 'support-console');
    const ownerVisit = await Visit.open(browser, 'support-owner');
    const { page } = support;
    try {
      await page.goto(p.web);
      await signInWithCode(support, agent);
      await heading(page, 'Supportconsole');
      await page.getByText('Je hebt nu nergens toegang.').first().waitFor();
      await support.record('console-empty');

      await byRole(page, 'link', 'Toegang vragen').first().click();
      await heading(page, 'Toegang vragen');
      await byRole(page, 'button', 'Verzoek versturen').click();
      await page.getByText(/Kies er minstens één|Vul dit in/).first().waitFor();
      await support.record('ask-errors');
      await page.getByLabel(/^Instituut-id/).fill(salon.tenantId);
      await page.getByLabel(/^Ticket/).fill(ticket);
      await page.getByRole('checkbox', { name: 'Klanten' }).check();
      await page.getByRole('checkbox', { name: 'Agenda' }).check();
      await page.getByLabel(/^Hoe lang/).selectOption('60');
      await support.record('ask-filled');
      await byRole(page, 'button', 'Verzoek versturen').click();
      await page.getByText(`Verzoek ${ticket} verstuurd`, { exact: true }).waitFor();
      await heading(page, 'Supportconsole');
      const request = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: `Verzoek ${ticket}` }) });
      await request.getByText('Wacht op eigenaar').waitFor();
      await support.record('console-pending');

      // Before an owner answers, the institute's pages say why they stay closed.
      await page.goto(`${p.web}/t/${salon.tenantId}/clients`);
      await heading(page, 'Je verzoek wacht nog op antwoord');
      await support.record('institute-waiting');

      // The owner approves it in their own browser, narrower: the clients only, half an hour.
      const o = ownerVisit.page;
      await o.goto(p.web);
      await signIn(ownerVisit, salon.owner.email, salon.owner.password);
      await openArea(o, 'Supporttoegang');
      await byRole(o, 'button', `Goedkeuren… ${ticket}`).click();
      const dialog = o.getByRole('dialog', { name: `Toegang geven voor ${ticket}` });
      await dialog.getByRole('checkbox', { name: 'Agenda' }).uncheck();
      await dialog.getByLabel('Hoe lang').selectOption('30');
      await dialog.getByRole('button', { name: 'Toegang geven' }).click();
      await heading(o, 'Actieve toegang');
      await o.getByRole('timer').waitFor();

      // Support's page opens by itself (it checks the grants every 15 s), under the banner.
      const banner = page.getByRole('region', { name: 'Supporttoegang' });
      await banner.waitFor({ timeout: 40_000 });
      await banner.getByText('Toegang tot Klanten · Alleen bekijken').waitFor();
      await banner.getByText(`Ticket ${ticket}`).waitFor();
      expect(await banner.getByRole('timer').textContent()).toMatch(/^(30:00|[12]\d:[0-5]\d)$/);
      await heading(page, 'Klanten');
      await byRole(page, 'link', 'Anna de Vries').click();
      await heading(page, 'Anna de Vries');
      await banner.waitFor();
      // A read grant: nothing to change, and the navigation shows only what the grant covers.
      expect(await page.getByRole('button', { name: 'Verwijderen' }).count()).toBe(0);
      expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Agenda' }).count()).toBe(0);
      await support.record('client-under-grant');

      // Outside the grant: the gateway refuses, the page says why.
      await page.goto(`${p.web}/t/${salon.tenantId}/agenda`);
      await page.getByText('Dit valt buiten je toegang').first().waitFor();
      await banner.waitFor();
      await support.record('out-of-scope');

      // The owner ends it; support's next call is refused and the page explains it.
      await byRole(o, 'button', `Nu beëindigen ${ticket}`).click();
      await byRole(o, 'button', 'Ja, beëindigen').click();
      await o.getByText('Niemand van HOMi heeft nu toegang.').waitFor();
      const agentToken = await p.loginWithMfa(agent);
      await eventually(async () => (await client(p.gateway, agentToken).get(`/tenants/${salon.tenantId}/clients`)).status === 403, 'the revocation reaching the gateway');
      await openArea(page, 'Klanten');
      await heading(page, 'Het instituut heeft je toegang beëindigd');
      await page.getByText(new RegExp(`toegang voor ${ticket} beëindigd`)).waitFor();
      expect(await banner.count()).toBe(0);
      await support.record('refused-after-revocation');
      await byRole(page, 'link', 'Naar de supportconsole').click();
      await heading(page, 'Supportconsole');
      await request.getByText('Beëindigd door het instituut').waitFor();
      await support.record('console-over');
      expectQuietConsole(support, [agent.email, salon.owner.email, 'Anna de Vries']);
      expectQuietConsole(ownerVisit, [salon.owner.email]);
    } finally {
      await support.close();
      await ownerVisit.close();
    }
  });

  journey('a second support user confirms a colleague\'s write request in the console, then the owner grants write access', async ({ p, browser }) => {
    const salon: Institute = await p.signup('Salon Vier Ogen');
    const asker = await p.supportUser();
    const colleague = await p.supportUser();
    const ticket = await openTicket(p.gateway, { tenantId: salon.tenantId, token: salon.ownerToken });
    const askerApi = client(p.gateway, await p.loginWithMfa(asker));
    const asked = await askerApi.post('/support/access-requests', {
      tenantId: salon.tenantId, reason: 'customer_initiated', ticketId: ticket, modules: ['clients', 'agenda'], mode: 'write', durationMinutes: 60,
    });
    expect([asked.status, asked.body.status]).toEqual([201, 'awaiting_co_approval']);
    // The asker's own console offers nothing to confirm: their request waits for someone else.
    const ownSide = await askerApi.get('/support/access-requests?scope=awaiting_co_approval');
    expect(ownSide.body.items.map((r: { id: string }) => r.id)).toContain(asked.body.id);
    const visit = await Visit.open(browser, 'support-co-approval');
    const ownerVisit = await Visit.open(browser, 'support-co-approval-owner');
    const { page } = visit;
    try {
      await page.goto(p.web);
      await signInWithCode(visit, colleague);
      await heading(page, 'Supportconsole');
      const section = page.getByRole('region', { name: 'Schrijfverzoeken van collega’s' });
      const card = section.getByRole('listitem').filter({ has: page.getByRole('heading', { name: `Schrijfverzoek ${ticket}` }) });
      await card.waitFor();
      await card.getByText(asker.id).waitFor();
      await card.getByText('Klanten, Agenda').waitFor();
      await visit.record('to-confirm');
      await card.getByRole('button', { name: `Bevestigen… ${ticket}`, exact: true }).click();
      await page.getByRole('alertdialog', { name: `Schrijfverzoek ${ticket} bevestigen?` }).waitFor();
      await visit.record('confirm-dialog');
      await byRole(page, 'button', 'Ja, bevestigen').click();
      await page.getByText(`Verzoek ${ticket} bevestigd; nu beslist een eigenaar`, { exact: true }).waitFor();
      await card.waitFor({ state: 'detached' });
      await section.getByText('Er wachten geen schrijfverzoeken van collega’s op bevestiging.').waitFor();
      await visit.record('confirmed');
      const after = await askerApi.get('/support/access-requests?scope=mine');
      expect(after.body.items.find((r: { id: string }) => r.id === asked.body.id)).toMatchObject({ status: 'pending', coApprovedBy: colleague.id });

      // Now an owner may grant write access: the approval keeps what was asked.
      const o = ownerVisit.page;
      await o.goto(p.web);
      await signIn(ownerVisit, salon.owner.email, salon.owner.password);
      await openArea(o, 'Supporttoegang');
      await byRole(o, 'button', `Goedkeuren… ${ticket}`).click();
      await o.getByRole('dialog', { name: `Toegang geven voor ${ticket}` }).getByRole('button', { name: 'Toegang geven' }).click();
      await heading(o, 'Actieve toegang');
      await o.getByText('Bekijken en wijzigen').first().waitFor();
      await ownerVisit.record('write-granted');
      const granted = await client(p.gateway, salon.ownerToken).get(`/tenants/${salon.tenantId}/support-access?status=active`);
      expect(granted.body.items.find((r: { id: string }) => r.id === asked.body.id)?.grant).toMatchObject({ mode: 'write', modules: ['clients', 'agenda'] });
      expectQuietConsole(visit, [colleague.email, asker.email, salon.owner.email]);
      expectQuietConsole(ownerVisit, [salon.owner.email]);
    } finally {
      await visit.close();
      await ownerVisit.close();
    }
  });

  journey('the operator reads the k-anonymous usage chart and publishes a new privacy statement version', async ({ p, browser }) => {
    // Only closed days are served: the statistics of days before today, as the close job leaves them.
    const day = (back: number) => new Date(Date.now() - back * 86_400_000).toISOString().slice(0, 10);
    for (let back = 2; back <= 12; back++) {
      await query(p.databases.privacy, 'insert into usage_daily (day, module, active_tenants, actions, requests) values ($1, $2, $3, $4, $5), ($1, $6, $7, $8, $9) on conflict do nothing',
        [day(back), 'clients', 5 + (back % 4), 20 + back * 3, 300 + back * 41, 'agenda', 6, 12 + back, 150 + back * 17]);
    }
    await query(p.databases.privacy, 'insert into usage_daily (day, module, active_tenants, actions, requests) values ($1, $2, 2, 3, 40) on conflict do nothing', [day(3), 'invoicing']);
    const operator = await p.staffUser('operator');
    const visitor = await Visit.open(browser, 'operator');
    const { page } = visitor;
    const version = `2027-${unique()}`;
    try {
      await page.goto(p.web);
      await signInWithCode(visitor, operator);
      await heading(page, 'Gebruik van het platform');
      await page.getByRole('img', { name: 'Verzoeken per dag, alle instituten' }).waitFor();
      await page.getByText('Alleen groepen van minstens 5 instituten worden getoond. Weggelaten omdat ze kleiner waren: 1.').waitFor();
      const table = page.getByRole('table', { name: 'Gebruik per dag en onderdeel, alle instituten' });
      expect(await table.getByRole('cell', { name: 'Facturen', exact: true }).count()).toBe(0);
      await table.getByRole('cell', { name: 'Agenda', exact: true }).first().waitFor();
      await visitor.record('usage');
      await page.getByRole('combobox', { name: 'Onderdeel' }).selectOption('clients');
      await table.getByRole('cell', { name: 'Agenda', exact: true }).first().waitFor({ state: 'detached' });
      await visitor.record('usage-clients');

      await openArea(page, 'Privacyverklaring publiceren');
      await heading(page, 'Privacyverklaring publiceren');
      await page.getByText(/^Nu geldt versie /).waitFor();
      await byRole(page, 'button', 'Publiceren…').click();
      await page.getByLabel(/^Versie/).and(page.locator('[aria-invalid="true"]')).waitFor();
      await visitor.record('statement-errors');
      await page.getByLabel(/^Versie/).fill(version);
      await page.getByLabel(/^Tekst/).fill('HOMi verwerkt je gegevens alleen om de dienst te leveren.\n\nJe kunt je gegevens altijd inzien, laten corrigeren of laten wissen.');
      await byRole(page, 'button', 'Publiceren…').click();
      await page.getByRole('alertdialog', { name: `Versie ${version} publiceren?` }).waitFor();
      await visitor.record('statement-confirm');
      await byRole(page, 'button', 'Ja, publiceren').click();
      await page.getByText(`Versie ${version} gepubliceerd`, { exact: true }).waitFor();
      await page.getByText(new RegExp(`^Nu geldt versie ${version},`)).waitFor();
      await visitor.record('statement-published');
      expect((await client(p.gateway).get('/privacy-statement')).body.version).toBe(version);
      expectQuietConsole(visitor, [operator.email]);
    } finally {
      await visitor.close();
    }
  });
});
