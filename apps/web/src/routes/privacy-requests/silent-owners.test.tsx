import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n/i18n';
import { renderInApp } from '../../test/render';
import { ExportDownload } from './export-download';
import { privacyRequest } from './fixtures';
import { RequestStatus } from './request-status';
import { SilentOwners } from './silent-owners';

const DAY_MS = 24 * 60 * 60 * 1000;
const done = (owner: string) => ({ owner, status: 'completed' as const, attempts: 1, lastCommandedAt: new Date().toISOString(), answeredAt: new Date().toISOString(), results: [], exportBytes: 10, error: null });
const silent = (owner: string) => ({ ...done(owner), status: 'pending' as const, attempts: 9, answeredAt: null, exportBytes: null });

/** An access request answered at its deadline while billing stayed silent. */
const withGaps = () =>
  privacyRequest({
    status: 'completed_with_gaps',
    dueAt: new Date(Date.now() - DAY_MS).toISOString(),
    completedAt: new Date().toISOString(),
    escalatedAt: new Date(Date.now() - 4 * DAY_MS).toISOString(),
    owners: [done('tenant-data'), silent('billing-integration')],
    silentOwners: ['billing-integration'],
    export: { available: true, expiresAt: new Date(Date.now() + 7 * DAY_MS).toISOString() },
  }, -1);

const view = (request: ReturnType<typeof privacyRequest>) => (
  <>
    <RequestStatus request={request} />
    <SilentOwners request={request} />
    <ExportDownload request={request} />
  </>
);

describe('a request answered with gaps', () => {
  it('says so in its status, names the silent service, and offers the package of the others', async () => {
    renderInApp(view(withGaps()));
    expect(await screen.findByText('Afgehandeld, niet compleet')).toBeInTheDocument();
    expect(screen.getByText('1 van 2 diensten klaar')).toBeInTheDocument();
    expect(screen.getByText('Beantwoord zonder elke dienst')).toBeInTheDocument();
    expect(screen.getByText(/voordat Facturatie en FactuurSturen had geantwoord/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Pakket downloaden (zip)' })).toBeInTheDocument();
    expect(screen.getByText(/Het pakket bevat wat de diensten die op tijd antwoordden/)).toBeInTheDocument();
  });

  it('says it in English too', async () => {
    await i18n.changeLanguage('en');
    renderInApp(view(withGaps()));
    expect(await screen.findByText('Completed, incomplete')).toBeInTheDocument();
    expect(screen.getByText(/before Invoicing and FactuurSturen had answered/)).toBeInTheDocument();
  });
});

describe('an escalated request', () => {
  it('names the services still silent while the others carry on', async () => {
    const request = privacyRequest({
      escalatedAt: new Date().toISOString(),
      owners: [done('tenant-data'), silent('identity'), silent('billing-integration')],
      silentOwners: ['identity', 'billing-integration'],
    }, 2);
    renderInApp(view(request));
    expect(await screen.findByText('Doorgezet naar de privacyfunctionaris')).toBeInTheDocument();
    expect(screen.getByText(/Accounts en collega’s en Facturatie en FactuurSturen hebben nog niet geantwoord/)).toBeInTheDocument();
  });

  it('shows nothing of the kind before the escalation', async () => {
    renderInApp(view(privacyRequest()));
    expect(await screen.findByText('In behandeling')).toBeInTheDocument();
    expect(screen.queryByText('Doorgezet naar de privacyfunctionaris')).not.toBeInTheDocument();
  });
});
