import type { Page } from 'playwright-core';
import { client, eventually, FACTUURSTUREN_ACCOUNT, type Institute } from './platform';
import { byRole, expectQuietConsole, heading, openArea, signedInJourney } from './web/journeys';
import { unique, webJourneys } from './web/suite';

// Invoicing in a browser (issue 14), against the platform with its FactuurSturen simulator: an owner
// connects the account (a wrong key refused beside its field), invoices an appointment (from its page, at its
// treatment's price: ADR 55) and a client and sees both created; a refused invoice shows why; a colleague
// with invoicing:view sees no edit controls.
const { journey, world } = webJourneys();

const toast = (page: Page, text: string) => page.getByText(text, { exact: true }).first().waitFor();
/** The invoice's page once FactuurSturen made it: its number in the title, its status created. */
const createdInvoice = async (page: Page) => {
  await heading(page, /^Factuur (?!\()/);
  await page.getByText('Gemaakt', { exact: true }).first().waitFor();
};

async function newClient(institute: Institute, body: { name: string; email?: string; phone?: string }) {
  const res = await client(world.p.gateway, institute.ownerToken).post(`/tenants/${institute.tenantId}/clients`, body);
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function connectViaApi(institute: Institute) {
  const res = await client(world.p.gateway, institute.ownerToken).put(`/tenants/${institute.tenantId}/integrations/factuursturen`, { ...FACTUURSTUREN_ACCOUNT, shareClientData: true });
  expect(res.status).toBe(200);
}

describe('invoicing in a browser', () => {
  journey('lets an owner connect FactuurSturen, invoice an appointment and a client, and see both created', async ({ p, browser }) => {
    const institute = await p.signup('Salon Factuur');
    const api = client(p.gateway, institute.ownerToken);
    const anna = { name: `Anna Jansen ${unique()}`, email: `anna-${unique()}@example.nl`, phone: '0612345678' };
    const annaId = await newClient(institute, anna);
    const startsAt = new Date(Date.now() + 3 * 86_400_000);
    startsAt.setUTCHours(9, 0, 0, 0);
    const treatment = await api.post(`/tenants/${institute.tenantId}/treatments`, { name: 'Pedicure', durationMinutes: 60, priceCents: 4500, taxRate: 21 });
    expect(treatment.status).toBe(201);
    const booked = await api.post(`/tenants/${institute.tenantId}/appointments`, { clientId: annaId, startsAt: startsAt.toISOString(), treatmentId: treatment.body.id });
    expect(booked.status).toBe(201);
    await signedInJourney(browser, 'invoicing-owner', p.web, institute.owner, async (visit, page) => {
      await openArea(page, 'Facturatie');
      await heading(page, 'Facturatie');
      await page.getByText('FactuurSturen is nog niet gekoppeld').waitFor();
      await page.getByText('Nog geen facturen').waitFor();
      await visit.record('invoices-not-connected');

      // Connect: a wrong key is refused beside its field, nothing is stored; the right one connects.
      await byRole(page, 'link', 'Nu koppelen').click();
      await heading(page, 'Koppeling met FactuurSturen');
      await page.getByText('Niet gekoppeld', { exact: true }).waitFor();
      await page.getByLabel(/^Gebruikersnaam/).fill(FACTUURSTUREN_ACCOUNT.username);
      await page.getByLabel(/^API-sleutel/).fill('not-the-right-key');
      await byRole(page, 'checkbox', 'Ik geef toestemming om klantgegevens met FactuurSturen te delen').check();
      await visit.record('connect');
      await byRole(page, 'button', 'Koppelen').click();
      await page.getByText('FactuurSturen accepteert deze gebruikersnaam en API-sleutel niet. Controleer ze in FactuurSturen.').waitFor();
      await visit.record('connect-refused');
      await page.getByLabel(/^API-sleutel/).fill(FACTUURSTUREN_ACCOUNT.apiKey);
      await byRole(page, 'button', 'Koppelen').click();
      await toast(page, 'FactuurSturen is gekoppeld');
      await page.getByText('Gekoppeld', { exact: true }).waitFor();
      await page.getByText(/^Aan, sinds /).waitFor();
      expect(await page.getByLabel(/^API-sleutel/).inputValue()).toBe('');
      await visit.record('connected');

      // An appointment, on its page: one click, and HOMi invoices its client at the treatment's price and VAT (ADR 55).
      await page.goto(`${p.web}/t/${institute.tenantId}/agenda/${booked.body.id}`);
      await heading(page, `Pedicure – ${anna.name}`);
      const onAppointment = page.getByRole('region', { name: 'Factuur' });
      await onAppointment.getByText(/^Nog geen factuur voor deze afspraak\./).waitFor();
      await visit.record('appointment-not-invoiced');
      await onAppointment.getByRole('button', { name: 'Factuur maken' }).click();
      await toast(page, 'Factuur aangevraagd');
      // Followed on the page until FactuurSturen gave it a number.
      await onAppointment.getByRole('link', { name: /^Factuur (?!\().* · €\s45,00$/ }).waitFor();
      expect(await onAppointment.getByRole('button', { name: 'Factuur maken' }).count()).toBe(0);
      await visit.record('appointment-invoiced');
      await onAppointment.getByRole('link', { name: /^Factuur / }).click();
      await createdInvoice(page);
      await page.getByRole('table', { name: 'Regels van de factuur' }).getByText(/^Pedicure, \d{2}-\d{2}-\d{4}$/).waitFor();
      await page.getByText(/^€\s45,00$/).first().waitFor();
      await visit.record('invoice-created');

      // The client, from their card: two lines, one of them a discount.
      await byRole(page, 'link', anna.name).click();
      await heading(page, anna.name);
      const onCard = page.getByRole('region', { name: 'Facturen' });
      await onCard.getByText('Gemaakt', { exact: true }).waitFor();
      await onCard.getByRole('link', { name: 'Factureren' }).click();
      await heading(page, `Factuur voor ${anna.name}`);
      await page.getByLabel(/^Omschrijving/).fill('Voetcrème');
      await page.getByLabel(/^Prijs per stuk/).fill('20,00');
      await byRole(page, 'button', 'Regel toevoegen').click();
      const second = page.getByRole('group', { name: 'Regel 2' });
      await second.getByLabel(/^Omschrijving/).fill('Korting');
      await second.getByLabel(/^Prijs per stuk/).fill('-5,00');
      // Sent without a description on the second line: the error stands beside its field.
      await second.getByLabel(/^Omschrijving/).fill('');
      await byRole(page, 'button', 'Factuur maken').click();
      await second.getByLabel(/^Omschrijving/).and(page.locator('[aria-invalid="true"]')).waitFor();
      await visit.record('new-invoice-client-errors');
      await second.getByLabel(/^Omschrijving/).fill('Korting');
      await byRole(page, 'button', 'Factuur maken').click();
      await toast(page, 'Factuur aangevraagd');
      await createdInvoice(page);
      await page.getByText(/^€\s18,15$/).first().waitFor();

      await openArea(page, 'Facturatie');
      await heading(page, 'Facturatie');
      const table = page.getByRole('table', { name: 'Facturen, pagina 1' });
      await table.getByRole('row').nth(2).waitFor();
      expect(await table.getByText('Gemaakt', { exact: true }).filter({ visible: true }).count()).toBe(2);
      expect(await table.getByRole('link', { name: anna.name }).count()).toBe(2);
      expect(await page.getByText('FactuurSturen is nog niet gekoppeld').count()).toBe(0);
      await visit.record('invoices');

      // In English: the invoiced appointment, and one booked as free text, which has no price to invoice.
      const freeText = await api.post(`/tenants/${institute.tenantId}/appointments`, {
        clientId: annaId, startsAt: new Date(startsAt.getTime() + 86_400_000).toISOString(),
        endsAt: new Date(startsAt.getTime() + 86_400_000 + 1_800_000).toISOString(), treatment: 'Advies',
      });
      expect(freeText.status).toBe(201);
      await page.goto(`${p.web}/t/${institute.tenantId}/agenda/${booked.body.id}`);
      await page.getByRole('combobox', { name: 'Taal' }).selectOption('en');
      const invoiceSection = page.getByRole('region', { name: 'Invoice' });
      await invoiceSection.getByRole('link', { name: /^Invoice \d+ · €\s?45\.00$/ }).waitFor();
      await invoiceSection.getByText('Created', { exact: true }).waitFor();
      await visit.record('appointment-invoiced-en');
      await page.goto(`${p.web}/t/${institute.tenantId}/agenda/${freeText.body.id}`);
      await page.getByRole('region', { name: 'Invoice' }).getByText(/^This appointment was booked without a treatment from the list/).waitFor();
      expect(await page.getByRole('button', { name: 'Make invoice' }).count()).toBe(0);
      await visit.record('appointment-free-text-en');

      const listed = await api.get(`/tenants/${institute.tenantId}/invoices`);
      expect(listed.body.items.map((i: { status: string; totals: { inclTaxCents: number } }) => [i.status, i.totals.inclTaxCents])).toEqual([['created', 1815], ['created', 4500]]);
      expect(listed.body.items[1].appointmentId).toBe(booked.body.id);
      expect(page.url()).not.toContain(encodeURIComponent(anna.name.split(' ')[0]!));
      expectQuietConsole(visit, [institute.owner.email, anna.name, anna.email, FACTUURSTUREN_ACCOUNT.apiKey]);
    });
  });

  journey('shows why FactuurSturen refused an invoice', async ({ p, browser }) => {
    const institute = await p.signup('Salon Geweigerd');
    await connectViaApi(institute);
    const name = `Bert Zonder Mail ${unique()}`;
    const clientId = await newClient(institute, { name, phone: '0687654321' });
    await signedInJourney(browser, 'invoicing-failed', p.web, institute.owner, async (visit, page) => {
      await page.goto(`${p.web}/t/${institute.tenantId}/invoicing/new?clientId=${clientId}`);
      await heading(page, `Factuur voor ${name}`);
      await page.getByLabel(/^Omschrijving/).fill('Manicure');
      await page.getByLabel(/^Prijs per stuk/).fill('30');
      // FactuurSturen cannot mail an invoice to a client without an e-mail address.
      await byRole(page, 'checkbox', 'FactuurSturen mailt de factuur naar de klant').check();
      await byRole(page, 'button', 'Factuur maken').click();
      await toast(page, 'Factuur aangevraagd');
      await page.getByText('De factuur is niet gemaakt').waitFor({ timeout: 30_000 });
      await page.getByText(/^FactuurSturen weigerde de factuur\./).first().waitFor();
      await byRole(page, 'link', 'Opnieuw factureren').waitFor();
      await visit.record('invoice-failed');

      // Again, as a person would: the same lines, this time without e-mail.
      await byRole(page, 'link', 'Opnieuw factureren').click();
      await heading(page, `Factuur voor ${name}`);
      expect(await page.getByLabel(/^Omschrijving/).inputValue()).toBe('Manicure');
      expect(await page.getByLabel(/^Prijs per stuk/).inputValue()).toBe('30,00');
      await byRole(page, 'button', 'Factuur maken').click();
      await createdInvoice(page);

      await openArea(page, 'Facturatie');
      const failedRow = page.getByRole('row').filter({ hasText: 'Mislukt' });
      await failedRow.getByText(/^FactuurSturen weigerde de factuur\./).filter({ visible: true }).waitFor();
      await visit.record('invoices-with-failure');
      expectQuietConsole(visit, [institute.owner.email, name]);
    });
  });

  journey('shows a colleague with invoicing:view the invoices without any control to invoice or connect', async ({ p, browser }) => {
    const institute = await p.signup('Salon Inkijk');
    await connectViaApi(institute);
    const name = `Carla Kijk ${unique()}`;
    const clientId = await newClient(institute, { name, email: `carla-${unique()}@example.nl` });
    const api = client(p.gateway, institute.ownerToken);
    const posted = await api.post(`/tenants/${institute.tenantId}/invoices`, { clientId, lines: [{ description: 'Gezichtsbehandeling', quantity: 1, unitPriceCents: 6000, taxRate: 21 }] });
    expect(posted.status).toBe(202);
    await eventually(async () => (await api.get(`/tenants/${institute.tenantId}/invoices/${posted.body.id}`)).body.status === 'created', 'the invoice to be created', 30_000);
    const colleague = await p.addMember(institute, 'staff', { invoicing: 'view', clients: 'view' });
    await signedInJourney(browser, 'invoicing-view-only', p.web, colleague, async (visit, page) => {
      await openArea(page, 'Facturatie');
      await heading(page, 'Facturatie');
      await page.getByRole('link', { name }).waitFor();
      expect(await byRole(page, 'link', 'Nieuwe factuur').count()).toBe(0);
      await visit.record('invoices-view-only');

      await page.getByRole('table').getByRole('link').first().click();
      await createdInvoice(page);
      expect(await byRole(page, 'link', 'Opnieuw factureren').count()).toBe(0);
      await visit.record('invoice-view-only');

      await byRole(page, 'link', name).click();
      await heading(page, name);
      await page.getByRole('region', { name: 'Facturen' }).getByText('Gemaakt', { exact: true }).waitFor();
      expect(await byRole(page, 'link', 'Factureren').count()).toBe(0);

      await page.goto(`${p.web}/t/${institute.tenantId}/invoicing/factuursturen`);
      await heading(page, 'Koppeling met FactuurSturen');
      await page.getByText('Gekoppeld', { exact: true }).waitFor();
      await page.getByText('Alleen een eigenaar kan koppelen of ontkoppelen').waitFor();
      expect(await page.getByLabel(/^API-sleutel/).count()).toBe(0);
      expect(await byRole(page, 'button', 'Ontkoppelen').count()).toBe(0);
      await visit.record('connection-view-only');

      // Asking for the form by its address gives no form either; the API would refuse it.
      await page.goto(`${p.web}/t/${institute.tenantId}/invoicing/new?clientId=${clientId}`);
      await page.getByText('Je kunt geen facturen maken').waitFor();
      expect(await byRole(page, 'button', 'Factuur maken').count()).toBe(0);
      expectQuietConsole(visit, [colleague.email, name]);
    });
  });
});
