import { client, eventually, type Institute } from './platform';
import { Visit } from './web/browser';
import { byRole, expectQuietConsole, heading, openArea, signedInJourney, signIn, signInWithCode } from './web/journeys';
import { unique, webJourneys } from './web/suite';

// Issue 15's helpdesk in a browser (items 8 and 4): a member asks HOMi a question under "Hulp",
// support answers it from its desk, the member reads the answer and closes the ticket; and a
// "Mijn gegevens" question becomes a privacy request in one step, its status and due date shown; and
// the whole of issue 15's journey: the reply mailed, support asking for access citing the ticket from
// its desk, the owner approving it by the ticket's subject, and the ticket's closing ending that access.
const { journey, world } = webJourneys();

async function openTicket(visit: Visit, subject: string, category: string, message: string) {
  const { page } = visit;
  await openArea(page, 'Hulp');
  await heading(page, 'Hulp');
  await byRole(page, 'link', 'Nieuwe vraag').first().click();
  await heading(page, 'Nieuwe vraag aan HOMi');
  await page.getByLabel(/^Onderwerp/).fill(subject);
  await page.getByLabel(/^Waar gaat het over/).selectOption({ label: category });
  await page.getByLabel(/^Bericht/).fill(message);
  await visit.record(`new-ticket-${category === 'Mijn gegevens' ? 'my-data' : 'filled'}`);
  await byRole(page, 'button', 'Versturen').click();
  await heading(page, subject);
}

async function supportSignsIn(visit: Visit, agent: { email: string; password: string; totpSecret: string }, web: string) {
  await visit.page.goto(web);
  await signInWithCode(visit, agent);
}

describe('the helpdesk in a browser', () => {
  let salon: Institute;
  beforeAll(async () => {
    salon = await world.p.signup('Salon Hulp');
  });

  journey('a member asks a question, support answers from its desk, the member reads the answer and closes the ticket', async ({ p, browser }) => {
    const subject = `Agenda laadt niet ${unique()}`;
    const member = await Visit.open(browser, 'helpdesk-member');
    const support = await Visit.open(browser, 'helpdesk-support');
    const agent = await p.supportUser();
    try {
      const m = member.page;
      await m.goto(p.web);
      await signIn(member, salon.owner.email, salon.owner.password);
      await openArea(m, 'Hulp');
      await heading(m, 'Hulp');
      await m.getByText('Geen tickets').first().waitFor();
      await member.record('help-empty');
      await byRole(m, 'link', 'Nieuwe vraag').first().click();
      await heading(m, 'Nieuwe vraag aan HOMi');
      await byRole(m, 'button', 'Versturen').click();
      await m.getByText('Vul dit in.').first().waitFor();
      await member.record('new-ticket-errors');
      await byRole(m, 'link', '← Terug naar Hulp').click();
      await openTicket(member, subject, 'Probleem', 'Sinds vanochtend blijft de agenda leeg.');
      await m.getByText('Sinds vanochtend blijft de agenda leeg.').waitFor();
      await member.record('ticket-opened');

      // Support finds it at its desk among the unassigned tickets, takes it and answers.
      const s = support.page;
      await supportSignsIn(support, agent, p.web);
      await openArea(s, 'Tickets');
      await heading(s, 'Tickets');
      await s.getByRole('group', { name: 'Behandelaar' }).getByRole('button', { name: 'Niemand' }).click();
      await byRole(s, 'link', subject).waitFor();
      await support.record('desk-list');
      await byRole(s, 'link', subject).click();
      await heading(s, subject);
      await s.getByText('Salon Hulp').first().waitFor();
      await byRole(s, 'button', 'Oppakken').click();
      await s.getByText('Je behandelt dit ticket nu.', { exact: true }).first().waitFor();
      await byRole(s, 'button', 'Loslaten').waitFor();
      await s.getByLabel(/^Antwoord aan het instituut/).fill('We hebben het opgelost; kijk je even?');
      await byRole(s, 'button', 'Versturen').click();
      await s.getByText('Je antwoord is verstuurd.', { exact: true }).first().waitFor();
      await s.getByLabel(/^Status zetten/).selectOption('waiting-for-customer');
      await s.getByText('Wacht op instituut').first().waitFor();
      await s.getByText('De status is aangepast.', { exact: true }).first().waitFor();
      await s.getByText('We hebben het opgelost; kijk je even?').waitFor();
      await support.record('desk-ticket-answered');

      // The member sees the answer (the page asks again by itself; a reload shows it at once) and closes.
      await m.reload();
      await m.getByText('We hebben het opgelost; kijk je even?').waitFor();
      await m.getByText('Wacht op jou').first().waitFor();
      await member.record('ticket-answered');
      await byRole(m, 'button', 'Ticket sluiten').click();
      const dialog = m.getByRole('alertdialog', { name: 'Dit ticket sluiten?' });
      await dialog.waitFor();
      await member.record('close-dialog');
      await dialog.getByRole('button', { name: 'Ticket sluiten' }).click();
      await m.getByText('Dit ticket is gesloten. Stel een nieuwe vraag als je nog iets wilt weten.').waitFor();
      expect(await m.getByLabel(/^Antwoord/).count()).toBe(0);
      await member.record('ticket-closed');
      await byRole(m, 'link', '← Terug naar Hulp').click();
      await m.getByRole('group', { name: 'Toon' }).getByRole('button', { name: 'Gesloten' }).click();
      await byRole(m, 'link', subject).waitFor();
      await member.record('help-list-closed');
      expectQuietConsole(member, [salon.owner.email]);
      expectQuietConsole(support, [agent.email]);
    } finally {
      await member.close();
      await support.close();
    }
  });

  journey('a "Mijn gegevens" question becomes a privacy request, whose status and due date the ticket shows', async ({ p, browser }) => {
    const subject = `Welke gegevens hebben jullie? ${unique()}`;
    await signedInJourney(browser, 'helpdesk-my-data', p.web, salon.owner, async (visit, page) => {
      await openTicket(visit, subject, 'Mijn gegevens', 'Ik wil graag weten welke gegevens HOMi van mij heeft.');
      const panel = page.getByRole('region', { name: 'Verzoek over je gegevens' });
      await panel.waitFor();
      await visit.record('my-data-ticket');
      await panel.getByRole('radio', { name: /^Inzage/ }).check();
      await panel.getByRole('button', { name: 'Privacyverzoek indienen' }).click();
      await page.getByText('Je privacyverzoek is ingediend.', { exact: true }).first().waitFor();
      const linked = page.getByRole('region', { name: 'Privacyverzoek' });
      await linked.getByText('Uiterlijk beantwoord op').waitFor();
      await linked.getByText(/^(Ontvangen|In behandeling|Afgehandeld)$/).first().waitFor();
      await visit.record('my-data-request-linked');
      await linked.getByRole('link', { name: 'Verzoek bekijken' }).click();
      await heading(page, /Inzage/);
      expectQuietConsole(visit, [salon.owner.email]);
    });
  });

  journey('a staff member asks, the reply is mailed, support asks access citing the ticket, the owner approves by its subject, closing the ticket ends the access', async ({ p, browser }) => {
    const subject = `Facturen staan dubbel ${unique()}`;
    const reply = 'Wij kijken mee; geef ons even toegang tot je klanten.';
    const staffPerson = await p.addMember(salon, 'staff');
    const agent = await p.supportUser();
    const agentApi = client(p.gateway, await p.loginWithMfa(agent));
    const staff = await Visit.open(browser, 'helpdesk-journey-staff');
    const support = await Visit.open(browser, 'helpdesk-journey-support');
    const owner = await Visit.open(browser, 'helpdesk-journey-owner');
    try {
      // A staff member opens a ticket.
      const m = staff.page;
      await m.goto(p.web);
      await signIn(staff, staffPerson.email, staffPerson.password);
      await openTicket(staff, subject, 'Probleem', 'Elke factuur van deze week staat er twee keer in.');
      const ticketId = /\/help\/(tkt_[A-Za-z0-9]+)/.exec(m.url())?.[1];
      expect(ticketId).toBeDefined();

      // Support answers from its desk; the staff member's reply notice lands in the catcher.
      const s = support.page;
      await supportSignsIn(support, agent, p.web);
      await openArea(s, 'Tickets');
      await byRole(s, 'link', subject).click();
      await heading(s, subject);
      const since = Date.now();
      await s.getByLabel(/^Antwoord aan het instituut/).fill(reply);
      await byRole(s, 'button', 'Versturen').click();
      await s.getByText('Je antwoord is verstuurd.', { exact: true }).first().waitFor();
      await support.record('desk-ticket-ask-access');
      const mail = await p.mail.waitFor({ to: staffPerson.email, since, subject: /HOMi-helpdesk/, timeoutMs: 20_000 });
      expect(mail.text).toContain(subject);
      expect(mail.text).not.toContain(reply);
      // The staff member follows the mail's link to the answer.
      const link = /https?:\/\/\S+\/help\/tkt_[A-Za-z0-9]+/.exec(mail.text)?.[0] ?? '';
      expect(link).toBe(`${p.web}/t/${salon.tenantId}/help/${ticketId}`);
      await m.goto(link);
      await m.getByText(reply).waitFor();

      // Support asks for access from the ticket: the institute and the ticket come filled in.
      await byRole(s, 'link', 'Toegang vragen').click();
      await heading(s, 'Toegang vragen');
      expect(await s.getByLabel(/^Instituut-id/).inputValue()).toBe(salon.tenantId);
      expect(await s.getByLabel(/^Ticket/).inputValue()).toBe(ticketId);
      await s.getByRole('checkbox', { name: 'Klanten' }).check();
      await support.record('ask-from-ticket');
      await byRole(s, 'button', 'Verzoek versturen').click();
      await s.getByText(`Verzoek ${ticketId} verstuurd`, { exact: true }).waitFor();
      const request = s.getByRole('listitem').filter({ has: s.getByRole('heading', { name: `Verzoek ${ticketId}` }) });
      await request.getByText('Wacht op eigenaar').waitFor();

      // The owner sees the ticket's subject on the request and approves it.
      const o = owner.page;
      await o.goto(p.web);
      await signIn(owner, salon.owner.email, salon.owner.password);
      await openArea(o, 'Supporttoegang');
      const asked = o.getByRole('listitem').filter({ has: o.getByRole('heading', { name: `Verzoek ${ticketId}` }) });
      await asked.getByText(subject).waitFor();
      await owner.record('owner-request-with-subject');
      await byRole(o, 'button', `Goedkeuren… ${ticketId}`).click();
      await o.getByRole('dialog', { name: `Toegang geven voor ${ticketId}` }).getByRole('button', { name: 'Toegang geven' }).click();
      await heading(o, 'Actieve toegang');
      await o.getByText(subject).first().waitFor();
      await eventually(async () => (await agentApi.get(`/tenants/${salon.tenantId}/clients`)).status === 200, 'the grant reaching the gateway');
      await request.getByText('Actief').waitFor({ timeout: 40_000 });

      // The staff member closes the ticket; support's access ends with it, and the API refuses.
      await byRole(m, 'button', 'Ticket sluiten').click();
      await m.getByRole('alertdialog', { name: 'Dit ticket sluiten?' }).getByRole('button', { name: 'Ticket sluiten' }).click();
      await m.getByText('Dit ticket is gesloten. Stel een nieuwe vraag als je nog iets wilt weten.').waitFor();
      const refused = await eventually(async () => {
        const res = await agentApi.get(`/tenants/${salon.tenantId}/clients`);
        return res.status === 403 ? res : undefined;
      }, 'the grant ending at the gateway');
      expect(String(refused.body.type)).toMatch(/support-access-grant-required$/);

      // Support's web app says so: on the console, and inside the institute.
      await s.reload();
      await request.getByText('Geëindigd: ticket gesloten').waitFor();
      await support.record('console-ended-with-ticket');
      await s.goto(`${p.web}/t/${salon.tenantId}/clients`);
      await heading(s, 'Je toegang is afgelopen');
      await s.getByText(`Het ticket dat verzoek ${ticketId} noemde, is gesloten; daarmee eindigde je toegang.`, { exact: false }).waitFor();
      await support.record('institute-ended-with-ticket');
      // The desk no longer offers to ask access citing the closed ticket.
      await s.goto(`${p.web}/support/tickets/${ticketId}`);
      await heading(s, subject);
      await s.getByText('Gesloten').first().waitFor();
      expect(await byRole(s, 'link', 'Toegang vragen').count()).toBe(0);

      // And the owner's page shows nobody from HOMi has access now.
      await o.reload();
      await o.getByText('Niemand van HOMi heeft nu toegang.').waitFor();
      await o.getByRole('table', { name: /Eerdere verzoeken/ }).getByText('Ticket gesloten', { exact: true }).waitFor();
      await owner.record('owner-access-ended');
      expectQuietConsole(staff, [staffPerson.email]);
      expectQuietConsole(support, [agent.email]);
      expectQuietConsole(owner, [salon.owner.email]);
    } finally {
      await staff.close();
      await support.close();
      await owner.close();
    }
  });
});
