import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import type { InstituteExport } from '../../api/institute-exports';
import { setLanguage } from '../../i18n/i18n';
import { capturedDownloads } from '../../test/downloads';
import { fakeNetwork, jsonResponse, membership, renderInApp } from '../../test/render';
import { InstituteExportPage } from './institute-export-page';

const running: InstituteExport = {
  id: 'dsr_testexport00001', status: 'in_progress', complete: false, requestedAt: '2026-12-06T09:00:00.000Z', requestedBy: 'usr_testperson00001',
  completedAt: null, expiresAt: null, services: [{ service: 'tenant-data', status: 'done' }, { service: 'identity', status: 'pending' }], records: {},
};
const ready: InstituteExport = {
  ...running, status: 'ready', complete: true, completedAt: '2026-12-06T09:01:00.000Z', expiresAt: '2026-12-13T09:01:00.000Z',
  services: [{ service: 'tenant-data', status: 'done' }, { service: 'identity', status: 'done' }],
  records: { 'client-profile': 120, appointments: 1, treatments: 4, memberships: 2, 'institute-profile': 1 },
};
const list = (...items: InstituteExport[]) => jsonResponse(200, { items });
const owner = membership({}, 'owner');

describe('exporting all of the institute\'s data', () => {
  it('starts an export, follows it until it is ready, and downloads the zip with the token in a header', async () => {
    const zip = new Response('PK', { status: 200, headers: { 'content-type': 'application/zip', 'content-disposition': 'attachment; filename="homi-institute-export-dsr_testexport00001.zip"' } });
    const net = fakeNetwork(list(), jsonResponse(202, running), list(running), list(ready), zip);
    vi.stubGlobal('fetch', net.fetch);
    const clicked = capturedDownloads('blob:http://localhost/2');
    const user = userEvent.setup();
    renderInApp(<InstituteExportPage />, { tenant: owner });
    expect(await screen.findByText('Nog geen exports.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Export starten' }));
    expect(await screen.findByText('1 van 2 onderdelen klaar…')).toBeInTheDocument();
    expect(net.requests[1]).toMatchObject({ url: '/api/v1/tenants/ten_testinstitute01/exports', method: 'POST' });
    expect(screen.getByRole('button', { name: 'Export starten' })).toBeDisabled();
    // Polled while it runs, until it is ready.
    const row = (await screen.findByRole('button', { name: 'Zip downloaden' }, { timeout: 6000 })).closest('li') as HTMLElement;
    expect(within(row).getByText('Klaar')).toBeInTheDocument();
    expect(within(row).getByText('120 klanten')).toBeInTheDocument();
    expect(within(row).getByText('1 afspraak')).toBeInTheDocument();
    expect(within(row).getByText('2 medewerkers')).toBeInTheDocument();
    await user.click(within(row).getByRole('button', { name: 'Zip downloaden' }));
    await vi.waitFor(() => expect(clicked).toEqual(['blob:http://localhost/2 homi-institute-export-dsr_testexport00001.zip']));
    expect(net.requests[4]).toMatchObject({ url: '/api/v1/tenants/ten_testinstitute01/exports/dsr_testexport00001', method: 'GET' });
    expect(net.requests[4]?.headers.get('authorization')).toBe('Bearer token-1');
  }, 15_000);

  it('is the owners\' alone: an admin is told so and nothing is asked of the API', async () => {
    const net = fakeNetwork();
    vi.stubGlobal('fetch', net.fetch);
    renderInApp(<InstituteExportPage />, { tenant: membership({ users: 'edit', settings: 'edit', clients: 'edit' }, 'admin') });
    expect(await screen.findByRole('heading', { name: 'Alle gegevens exporteren' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Export starten' })).not.toBeInTheDocument();
    expect(net.requests).toEqual([]);
  });

  it('speaks English, and says when a part is missing', async () => {
    await setLanguage('en');
    onTestFinished(() => setLanguage('nl'));
    vi.stubGlobal('fetch', fakeNetwork(list({ ...ready, complete: false })).fetch);
    renderInApp(<InstituteExportPage />, { tenant: owner });
    expect(await screen.findByRole('button', { name: 'Download zip' })).toBeInTheDocument();
    // Answered at its deadline without every service: said so.
    expect(screen.getByRole('alert')).toHaveTextContent('Not every part was ready in time');
    expect(screen.getByText('120 clients')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Start export' })).toBeEnabled();
  });
});
