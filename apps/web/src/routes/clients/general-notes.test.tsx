import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { clientHealthKeys } from '../../api/client-health';
import { clientKeys, type ClientDetail } from '../../api/clients';
import { fakeNetwork, jsonResponse, membership, problemResponse, problemType, renderInApp, TENANT_ID } from '../../test/render';
import { ClientCard } from './client-card-page';
import { EditClient } from './edit-client-page';

// The client form's notes on the card (ADR 64): the client says only whether it has any; their text
// comes with the treatment notes, in the one call the gateway records in the audit log.
const anna: ClientDetail = {
  id: 'cli_abcdefgh1234', name: 'Anna de Vries', email: 'anna@example.nl', phone: null, dateOfBirth: null, address: null,
  hasNotes: true, reminderConsent: null, masked: false, createdAt: '2026-01-01T10:00:00.000Z', updatedAt: '2026-01-01T10:00:00.000Z',
  visitCount: 0, noShowCount: 0,
};
const card = (client: ClientDetail) => [clientKeys.detail(TENANT_ID, client.id), client] as const;
const alerts = [clientHealthKeys.alerts(TENANT_ID, anna.id), []] as const;

describe('the notes on a client card', () => {
  it('reads them with the treatment notes, in one request, and shows both', async () => {
    const net = fakeNetwork(jsonResponse(200, { general: 'Komt graag op maandag', items: [] }));
    vi.stubGlobal('fetch', net.fetch);
    renderInApp(<ClientCard clientId={anna.id} />, { tenant: membership({ clients: 'view' }), data: [card(anna), alerts] });
    const section = await screen.findByRole('region', { name: 'Notities' });
    expect(await within(section).findByText('Komt graag op maandag')).toBeInTheDocument();
    expect(await screen.findByText('Nog geen behandelnotities.')).toBeInTheDocument();
    expect(net.requests.map((r) => new URL(r.url, 'http://x').pathname)).toEqual([`/api/v1/tenants/${TENANT_ID}/clients/${anna.id}/notes`]);
  });

  it('says there are none without asking, when the client has none', async () => {
    const net = fakeNetwork(jsonResponse(200, { general: null, items: [] }));
    vi.stubGlobal('fetch', net.fetch);
    renderInApp(<ClientCard clientId={anna.id} />, { tenant: membership({ clients: 'view' }), data: [card({ ...anna, hasNotes: false }), alerts] });
    const section = await screen.findByRole('region', { name: 'Notities' });
    expect(within(section).getByText('Geen notities.')).toBeInTheDocument();
    // The treatment notes panel still asks, once; the card's own section asks nothing more.
    await screen.findByText('Nog geen behandelnotities.');
    expect(net.requests).toHaveLength(1);
  });
});

describe('the notes when they cannot be read', () => {
  const unrecorded = () => problemResponse(503, { type: problemType('audit-unavailable'), title: 'Audit unavailable' });

  it('says so on the card in Dutch, and offers to try again', async () => {
    vi.stubGlobal('fetch', fakeNetwork(unrecorded(), unrecorded()).fetch);
    renderInApp(<ClientCard clientId={anna.id} />, { tenant: membership({ clients: 'view' }), data: [card(anna), alerts] });
    const section = await screen.findByRole('region', { name: 'Notities' });
    expect(await within(section).findByText('Je actie kon niet worden vastgelegd')).toBeInTheDocument();
    expect(within(section).getByRole('button', { name: 'Opnieuw proberen' })).toBeInTheDocument();
  });

  it('opens no form to change the client without them, and says why in Dutch', async () => {
    vi.stubGlobal('fetch', fakeNetwork(unrecorded()).fetch);
    renderInApp(<EditClient clientId={anna.id} />, { tenant: membership({ clients: 'edit' }), data: [card(anna)] });
    expect(await screen.findByText('Je actie kon niet worden vastgelegd')).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: /^Notities/ })).not.toBeInTheDocument();
  });

  it('opens the form with them once read', async () => {
    vi.stubGlobal('fetch', fakeNetwork(jsonResponse(200, { general: 'Komt graag op maandag', items: [] })).fetch);
    renderInApp(<EditClient clientId={anna.id} />, { tenant: membership({ clients: 'edit' }), data: [card(anna)] });
    expect(await screen.findByRole('textbox', { name: /^Notities/ })).toHaveValue('Komt graag op maandag');
  });
});
