import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { capturedDownloads } from '../../test/downloads';
import { fakeNetwork, me, membership, problemResponse, problemType, renderInApp } from '../../test/render';
import { ExportDownload } from './export-download';
import { ExtensionSection } from './extension-section';
import { privacyRequest } from './fixtures';
import { RequestReport } from './request-report';

describe('extending a request\'s deadline', () => {
  it('is not offered on a request about one\'s own data: HOMi is the controller there', async () => {
    renderInApp(<ExtensionSection request={privacyRequest({ subject: { kind: 'user', userId: 'usr_testperson00001' } })} />, { me: me() });
    expect(await screen.findByText(/alleen HOMi’s privacyfunctionaris kan de termijn verlengen/)).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('is not offered to a requester who no longer holds the client rights the request needs', async () => {
    const viewer = membership({ clients: 'view' }, 'owner');
    renderInApp(<ExtensionSection request={privacyRequest({ type: 'erasure' })} />, { me: me([viewer]) });
    expect(await screen.findByText(/Verlengen kan een eigenaar of beheerder/)).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('sends a reason and one or two months, and says the API\'s refusal in words', async () => {
    const net = fakeNetwork(problemResponse(403, { type: problemType('extension-not-allowed') }));
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<ExtensionSection request={privacyRequest()} />, { me: me([membership({ clients: 'view' }, 'owner')]) });
    await user.click(await screen.findByRole('button', { name: 'Termijn verlengen' }));
    await user.selectOptions(await screen.findByLabelText(/^Verlengen met/), '2 maanden');
    await user.type(screen.getByLabelText(/^Reden/), 'kort');
    await user.click(screen.getAllByRole('button', { name: 'Termijn verlengen' }).at(-1)!);
    expect(await screen.findByText('Gebruik minstens 10 tekens.')).toBeInTheDocument();
    expect(net.requests).toHaveLength(0);
    await user.type(screen.getByLabelText(/^Reden/), ' maar nu langer uitgelegd');
    await user.click(screen.getAllByRole('button', { name: 'Termijn verlengen' }).at(-1)!);
    expect(await screen.findByText('Je kunt deze termijn niet verlengen')).toBeInTheDocument();
    expect(net.requests[0]).toMatchObject({
      url: '/api/v1/privacy/requests/dsr_testrequest0001/extension', method: 'POST', body: { months: 2, reason: 'kort maar nu langer uitgelegd' },
    });
  });
});

describe('the access package', () => {
  const completed = privacyRequest({
    status: 'completed', completedAt: new Date().toISOString(), export: { available: true, expiresAt: new Date(Date.now() + 3_600_000).toISOString() },
  });

  it('waits for every service before it can be downloaded', async () => {
    renderInApp(<ExportDownload request={privacyRequest()} />);
    expect(await screen.findByText('Het pakket staat klaar zodra elke dienst heeft geantwoord.')).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('is fetched with the bearer token in a header and saved from memory, never through a URL with a credential', async () => {
    const zip = new Response('PK', { status: 200, headers: { 'content-type': 'application/zip', 'content-disposition': 'attachment; filename="homi-export-dsr_testrequest0001.zip"' } });
    const net = fakeNetwork(zip);
    vi.stubGlobal('fetch', net.fetch);
    const clicked = capturedDownloads('blob:http://localhost/1');
    const user = userEvent.setup();
    renderInApp(<ExportDownload request={completed} />);
    await user.click(await screen.findByRole('button', { name: 'Pakket downloaden (zip)' }));
    expect(await screen.findByText('Pakket gedownload')).toBeInTheDocument();
    expect(net.requests[0]).toMatchObject({ url: '/api/v1/privacy/requests/dsr_testrequest0001/export', method: 'GET' });
    expect(net.requests[0]?.headers.get('authorization')).toBe('Bearer token-1');
    expect(clicked).toEqual(['blob:http://localhost/1 homi-export-dsr_testrequest0001.zip']);
  });

  it('explains an expired package (410)', async () => {
    vi.stubGlobal('fetch', fakeNetwork(problemResponse(410, { type: problemType('export-expired') })).fetch);
    const user = userEvent.setup();
    renderInApp(<ExportDownload request={completed} />);
    await user.click(await screen.findByRole('button', { name: 'Pakket downloaden (zip)' }));
    expect(await screen.findByText('Het pakket is verlopen')).toBeInTheDocument();
    expect(screen.getByText(/Doe een nieuw inzageverzoek/)).toBeInTheDocument();
  });
});

describe('the report', () => {
  it('names per service what was done, and what was kept, why and until when', async () => {
    const report = [
      { owner: 'tenant-data', category: 'client-profile', action: 'erased' as const, records: 1, reason: null, retainedUntil: null },
      { owner: 'billing-integration', category: 'invoices', action: 'retained' as const, records: 2, reason: 'fiscal retention, AWR art. 52', retainedUntil: '2033-01-01T00:00:00.000Z' },
    ];
    renderInApp(<RequestReport request={privacyRequest({ type: 'erasure', status: 'completed', report })} />);
    expect(await screen.findByRole('heading', { name: 'Klanten en agenda' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Facturatie en FactuurSturen' })).toBeInTheDocument();
    expect(screen.getByText('Reden: fiscal retention, AWR art. 52')).toBeInTheDocument();
    expect(screen.getByText('Bewaard tot 1 januari 2033')).toBeInTheDocument();
    expect(screen.getByText('2 records')).toBeInTheDocument();
    expect(screen.getByText(/Wat is bewaard, heeft een wettelijke reden/)).toBeInTheDocument();
  });
});
