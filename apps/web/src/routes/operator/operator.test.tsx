import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { operatorKeys, type UsageStatistics } from '../../api/operator';
import { statementKeys } from '../../api/privacy-statements';
import { fakeAuth, fakeNetwork, jsonResponse, problemResponse, problemType, renderInApp } from '../../test/render';
import { lastDays } from '../usage/usage-figures';
import { PlatformUsagePage } from './platform-usage-page';
import { PublishStatementPage } from './publish-statement-page';

const operator = () => fakeAuth({ status: 'signed-in', accessToken: 'token', roles: ['operator'] });
const current = { version: '2026-01', publishedAt: '2026-01-01T09:00:00.000Z', text: 'Tekst.' };

afterEach(() => vi.unstubAllGlobals());

describe('publishing a privacy statement version', () => {
  it('checks the form with the contract, asks for confirmation, then publishes', async () => {
    const published = { version: '2026-02', publishedAt: new Date().toISOString(), text: 'Nieuwe tekst.' };
    const net = fakeNetwork(jsonResponse(201, published), jsonResponse(200, published));
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<PublishStatementPage />, { auth: operator().auth, data: [[statementKeys.current(), current]] });
    expect(await screen.findByText(/^Nu geldt versie 2026-01, gepubliceerd op/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Publiceren…' }));
    expect(await screen.findByLabelText(/^Versie/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText(/^Tekst/)).toHaveAttribute('aria-invalid', 'true');
    await user.type(screen.getByLabelText(/^Versie/), 'versie 2');
    await user.type(screen.getByLabelText(/^Tekst/), 'Nieuwe tekst.');
    await user.click(screen.getByRole('button', { name: 'Publiceren…' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(net.requests).toEqual([]);

    await user.clear(screen.getByLabelText(/^Versie/));
    await user.type(screen.getByLabelText(/^Versie/), '2026-02');
    await user.click(screen.getByRole('button', { name: 'Publiceren…' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Versie 2026-02 publiceren?' });
    expect(dialog).toHaveTextContent('Een gepubliceerde versie kun je niet terugnemen.');
    expect(net.requests).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Ja, publiceren' }));
    expect(await screen.findByText('Versie 2026-02 gepubliceerd')).toBeInTheDocument();
    expect(net.requests[0]).toMatchObject({ method: 'POST', url: '/api/v1/admin/privacy-statements', body: { version: '2026-02', text: 'Nieuwe tekst.' } });
  });

  it('says beside the field that a version exists already', async () => {
    const net = fakeNetwork(problemResponse(409, { type: problemType('privacy-statement-version-exists') }));
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<PublishStatementPage />, { auth: operator().auth, data: [[statementKeys.current(), current]] });
    await user.type(await screen.findByLabelText(/^Versie/), '2026-01');
    await user.type(screen.getByLabelText(/^Tekst/), 'Tekst.');
    await user.click(screen.getByRole('button', { name: 'Publiceren…' }));
    await user.click(await screen.findByRole('button', { name: 'Ja, publiceren' }));
    expect(await screen.findByLabelText(/^Versie/)).toHaveAttribute('aria-invalid', 'true');
  });
});

describe('the platform\'s usage', () => {
  it('shows requests per day as a described chart and every served bucket in a table, with k and what was left out', async () => {
    const { from, to } = lastDays(30);
    const stats: UsageStatistics = {
      from, to, k: 5, closedThrough: from, suppressed: 3,
      buckets: [
        { day: from, module: 'clients', activeTenants: 7, actions: 20, requests: 300 },
        { day: from, module: 'agenda', activeTenants: 5, actions: 4, requests: 80 },
      ],
    };
    renderInApp(<PlatformUsagePage />, { auth: operator().auth, data: [[operatorKeys.usage(from, to), stats]] });
    const chart = await screen.findByRole('img', { name: 'Verzoeken per dag, alle instituten' });
    expect(chart.querySelectorAll('rect')).toHaveLength(30);
    expect(chart.querySelector('desc')).toHaveTextContent(/^380 verzoeken van .+ tot en met .+; de meeste op .+ \(380\)\.$/);
    expect(screen.getByText('Alleen groepen van minstens 5 instituten worden getoond. Weggelaten omdat ze kleiner waren: 3.')).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Gebruik per dag en onderdeel, alle instituten' });
    expect(within(table).getByRole('columnheader', { name: 'Instituten' })).toBeInTheDocument();
    expect(within(table).getByRole('row', { name: /Totaal/ })).toHaveTextContent('Totaal38024');
    expect(within(table).getAllByRole('row')).toHaveLength(4);
  });
});
