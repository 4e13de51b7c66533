import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../i18n/i18n';
import { fakeNetwork, jsonResponse, problemResponse, problemType, renderInApp } from '../../test/render';
import type { DataMap } from '../../api/data-map';
import { DataMapPage } from './data-map-page';
import { periodParts } from './retention';

const category = (name: string, over: Partial<DataMap['owners'][number]['categories'][number]> = {}) => ({
  name, description: 'd', subjects: ['client' as const], fields: ['x'], purpose: `declared purpose of ${name}`, legalBasis: 'contract' as const,
  retention: { period: 'P2Y', startsAt: `declared start of ${name}` }, recipients: [], source: 's', lastPurgeAt: null, ...over,
});

const dataMap: DataMap = {
  generatedAt: '2026-12-07T10:00:00.000Z',
  owners: [
    {
      owner: 'billing-integration', version: '3', controllerRole: 'processor', lastAnnouncedAt: '2026-12-07T09:00:00.000Z',
      categories: [
        category('invoices', { legalBasis: 'legal_obligation', retention: { period: 'P7Y', startsAt: 'the invoice date' }, lastPurgeAt: '2026-12-01T03:00:00.000Z' }),
        category('provider-client', { retention: { period: null, startsAt: 'until erased' } }),
      ],
    },
    {
      owner: 'privacy', version: '2', controllerRole: 'controller', lastAnnouncedAt: null,
      categories: [category('access-packages', { subjects: ['user', 'client', 'tenant'], retention: { period: 'P0D', startsAt: 'end of download' } }), category('some-new-category', { retention: { period: 'P13M', startsAt: 'the day counted' } })],
    },
  ],
};

afterEach(async () => {
  vi.unstubAllGlobals();
  await i18n.changeLanguage('nl');
});

describe('the record of processing', () => {
  it('shows each service with what it keeps, about whom, why, on which basis and how long, in Dutch', async () => {
    const net = fakeNetwork(jsonResponse(200, dataMap));
    vi.stubGlobal('fetch', net.fetch);
    renderInApp(<DataMapPage />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Welke gegevens HOMi bewaart' })).toBeInTheDocument();
    await screen.findByRole('region', { name: 'Facturatie en FactuurSturen' });
    expect(net.requests.map((r) => r.url)).toEqual(['/api/v1/privacy/data-map']);
    expect(screen.getByText(/bijgewerkt op 7 december 2026/)).toBeInTheDocument();

    const billing = screen.getByRole('region', { name: 'Facturatie en FactuurSturen' });
    expect(within(billing).getByText(/in opdracht van het instituut \(verwerker\)/)).toBeInTheDocument();
    const invoices = within(billing).getByRole('heading', { level: 3, name: 'Facturen' }).closest('article')!;
    expect(within(invoices).getByText('Klanten van instituten')).toBeInTheDocument();
    expect(within(invoices).getByText('Factureren, en de fiscale administratie die de wet vraagt')).toBeInTheDocument();
    expect(within(invoices).getByText('Wettelijke plicht (AVG art. 6 lid 1 sub c)')).toBeInTheDocument();
    expect(within(invoices).getByText('7 jaar na de factuurdatum (AWR art. 52)')).toBeInTheDocument();
    expect(within(invoices).getByText('1 december 2026')).toBeInTheDocument();
    const providerClient = within(billing).getByRole('heading', { level: 3, name: 'Klant bij FactuurSturen' }).closest('article')!;
    expect(within(providerClient).getByText('Tot het account (of het instituut) wordt gewist')).toBeInTheDocument();
    // Kept until erased: never cleaned up by a retention period, so no such line.
    expect(within(providerClient).queryByText('Laatst opgeschoond')).not.toBeInTheDocument();
    const packages = within(screen.getByRole('region', { name: 'Privacyverzoeken' })).getByRole('heading', { level: 3, name: 'Downloadpakketten' }).closest('article')!;
    expect(within(packages).getByText('Nog niet nodig geweest')).toBeInTheDocument();

    const privacy = screen.getByRole('region', { name: 'Privacyverzoeken' });
    expect(within(privacy).getByText('HOMi is hiervoor verwerkingsverantwoordelijke.')).toBeInTheDocument();
    expect(within(privacy).getByText('Gebruikers van HOMi, Klanten van instituten, Instituten')).toBeInTheDocument();
    expect(within(privacy).getByText('Direct na het einde van de downloadperiode (7 dagen na het afhandelen van het verzoek)')).toBeInTheDocument();
    // A category the catalogs do not know yet shows as declared, with its period still in words.
    expect(within(privacy).getByText('declared purpose of some-new-category')).toBeInTheDocument();
    expect(within(privacy).getByText('13 maanden na the day counted')).toBeInTheDocument();
  });

  it('speaks English when asked', async () => {
    await i18n.changeLanguage('en');
    vi.stubGlobal('fetch', fakeNetwork(jsonResponse(200, dataMap)).fetch);
    renderInApp(<DataMapPage />);
    expect(await screen.findByRole('heading', { level: 1, name: 'What data HOMi keeps' })).toBeInTheDocument();
    expect(await screen.findByText('7 years after the invoice date (AWR art. 52)')).toBeInTheDocument();
    expect(screen.getByText('Right after the end of the download period (7 days after the request is completed)')).toBeInTheDocument();
  });

  it("explains the API's refusal in Dutch and offers to try again", async () => {
    vi.stubGlobal('fetch', fakeNetwork(problemResponse(503, { type: problemType('upstream-unavailable'), title: 'Unavailable' })).fetch);
    renderInApp(<DataMapPage />);
    expect(await screen.findByText('HOMi is even niet bereikbaar')).toBeInTheDocument();
    expect(screen.getByText('Probeer het over een minuut opnieuw; er is niets gewijzigd.')).toBeInTheDocument();
    expect(screen.queryByText('Unavailable')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: /opnieuw/i })).toBeInTheDocument();
  });
});

describe('periodParts', () => {
  it('reads the periods the declarations write, largest unit first, none for zero', () => {
    expect(periodParts('P2Y')).toEqual([{ unit: 'years', count: 2 }]);
    expect(periodParts('P1Y6M')).toEqual([{ unit: 'years', count: 1 }, { unit: 'months', count: 6 }]);
    expect(periodParts('P30D')).toEqual([{ unit: 'days', count: 30 }]);
    expect(periodParts('P0D')).toEqual([]);
  });
});
