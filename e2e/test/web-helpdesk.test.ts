import type { Browser, Page } from 'playwright-core';
import { totp } from '@homi/testing';
import type { Institute, Platform } from './platform';
import { Visit } from './web/browser';
import { byRole, expectQuietConsole, heading, signedInJourney, signIn, signInAtIssuer } from './web/journeys';
import { JOURNEY_TIMEOUT_MS, unique, webJourneys } from './web/suite';

// Issue 15's helpdesk in a browser (items 8 and 4): a member asks HOMi a question under "Hulp",
// support answers it from its desk, the member reads the answer and closes the ticket; and a
// "Mijn gegevens" question becomes a privacy request in one step, its status and due date shown.
const suite = webJourneys();
let p: Platform;
let browser: Browser;
beforeAll(() => {
  ({ p, browser } = suite);
});

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name, exact: true }).click();

async function openTicket(visit: Visit, subject: string, category: string, message: string) {
  const { page } = visit;
  await nav(page, 'Hulp');
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

describe('the helpdesk in a browser', () => {
  let salon: Institute;
  beforeAll(async () => {
    salon = await p.signup('Salon Hulp');
  });

  it('a member asks a question, support answers from its desk, the member reads the answer and closes the ticket', async () => {
    const subject = `Agenda laadt niet ${unique()}`;
    const member = await Visit.open(browser, 'helpdesk-member');
    const support = await Visit.open(browser, 'helpdesk-support');
    const agent = await p.supportUser();
    try {
      const m = member.page;
      await m.goto(p.web);
      await signIn(member, salon.owner.email, salon.owner.password);
      await nav(m, 'Hulp');
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
      await s.goto(p.web);
      await byRole(s, 'button', 'Inloggen').first().click();
      await signInAtIssuer(support, agent.email, agent.password, () => totp(agent.totpSecret));
      await byRole(s, 'button', 'Uitloggen').waitFor();
      await nav(s, 'Tickets');
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
  }, JOURNEY_TIMEOUT_MS);

  it('a "Mijn gegevens" question becomes a privacy request, whose status and due date the ticket shows', async () => {
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
  }, JOURNEY_TIMEOUT_MS);
});

