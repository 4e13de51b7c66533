import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { clientKeys, type Client } from '../../api/clients';
import { fakeNetwork, membership, renderInApp, TENANT_ID } from '../../test/render';
import { ClientCard } from './client-card-page';

const anna: Client = {
  id: 'cli_abcdefgh1234', name: 'Anna de Vries', email: 'anna@example.nl', phone: null, dateOfBirth: null, address: null, hasNotes: false,
  reminderConsent: { given: true, at: '2026-01-05T09:30:00.000Z' }, masked: false, createdAt: '2026-01-01T10:00:00.000Z', updatedAt: '2026-01-05T09:30:00.000Z',
};
const show = (client: Client) => {
  vi.stubGlobal('fetch', fakeNetwork().fetch);
  return renderInApp(<ClientCard clientId={client.id} />, { tenant: membership({ clients: 'view' }), data: [[clientKeys.detail(TENANT_ID, client.id), client]] });
};

describe('the consent to appointment mails on the client card', () => {
  it('shows the consent with the moment it was given, a withdrawal with its own, and none when never asked', async () => {
    const { unmount } = show(anna);
    expect(await screen.findByText(/Wil bevestigingen en herinneringen ontvangen \(ingestemd op .*2026.*10:30\)/)).toBeInTheDocument();
    unmount();
    const again = show({ ...anna, reminderConsent: { given: false, at: '2026-02-01T12:00:00.000Z' } });
    expect(await screen.findByText(/Ontvangt geen afspraakmails \(ingetrokken of geweigerd op .*2026.*13:00\)/)).toBeInTheDocument();
    again.unmount();
    show({ ...anna, reminderConsent: null });
    expect(await screen.findByText('Niet gevraagd: de klant ontvangt geen afspraakmails.')).toBeInTheDocument();
  });
});
