import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { clientKeys, type Client } from '../../api/clients';
import { me, membership, renderInApp, TENANT_ID } from '../../test/render';
import { MainNav } from '../shell/main-nav';
import { ClientCard } from './client-card-page';
import { ClientsPage } from './clients-page';

const anna: Client = {
  id: 'cli_abcdefgh1234', name: 'Anna de Vries', email: 'anna@example.nl', phone: '0612345678', dateOfBirth: null,
  address: null, hasNotes: false, reminderConsent: null, masked: false, createdAt: '2026-01-01T10:00:00.000Z', updatedAt: '2026-01-01T10:00:00.000Z',
};
const firstPage = [clientKeys.list(TENANT_ID, { q: undefined, cursor: undefined, limit: 25 }), { items: [anna], nextCursor: 'next-page' }] as const;
const card = (client: Client) => [clientKeys.detail(TENANT_ID, client.id), client] as const;

describe('what the clients area shows follows the module permission', () => {
  it('gives a colleague with clients:view the list without the "new client" control', async () => {
    renderInApp(<ClientsPage />, { tenant: membership({ clients: 'view' }), data: [firstPage] });
    expect(await screen.findByRole('link', { name: 'Anna de Vries' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Volgende/ })).toBeEnabled();
    expect(screen.queryByRole('link', { name: 'Nieuwe klant' })).not.toBeInTheDocument();
  });

  it('gives clients:edit the "new client" control', async () => {
    renderInApp(<ClientsPage />, { tenant: membership({ clients: 'edit' }), data: [firstPage] });
    expect(await screen.findByRole('link', { name: 'Nieuwe klant' })).toBeInTheDocument();
  });

  it('shows clients:view the card without edit or delete', async () => {
    renderInApp(<ClientCard clientId={anna.id} />, { tenant: membership({ clients: 'view' }), data: [card(anna)] });
    expect(await screen.findByRole('heading', { level: 1, name: 'Anna de Vries' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'anna@example.nl' })).toHaveAttribute('href', 'mailto:anna@example.nl');
    expect(screen.queryByRole('link', { name: 'Bewerken' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Verwijderen' })).not.toBeInTheDocument();
  });

  it('shows clients:edit the card with edit and delete', async () => {
    renderInApp(<ClientCard clientId={anna.id} />, { tenant: membership({ clients: 'edit' }), data: [card(anna)] });
    expect(await screen.findByRole('link', { name: 'Bewerken' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Verwijderen' })).toBeInTheDocument();
  });

  it('shows masked contact details as hidden, never the placeholder the API sent', async () => {
    const masked = { ...anna, email: '***', phone: '***', masked: true };
    renderInApp(<ClientCard clientId={anna.id} />, { tenant: membership({ clients: 'view' }), data: [card(masked)] });
    expect(await screen.findAllByText('Afgeschermd')).toHaveLength(4);
    expect(screen.queryByText('***')).not.toBeInTheDocument();
  });
});

describe('the navigation', () => {
  it('leaves out a module at none', async () => {
    const none = membership({ agenda: 'view' });
    renderInApp(<MainNav memberships={[none]} tenantId={TENANT_ID} />, { me: me([none]) });
    await screen.findByRole('navigation', { name: 'Hoofdmenu' });
    expect(screen.queryByRole('link', { name: 'Klanten' })).not.toBeInTheDocument();
  });

  it('shows a module at view', async () => {
    const viewer = membership({ clients: 'view' });
    renderInApp(<MainNav memberships={[viewer]} tenantId={TENANT_ID} />, { me: me([viewer]) });
    expect(await screen.findByRole('link', { name: 'Klanten' })).toHaveAttribute('href', `/t/${TENANT_ID}/clients`);
  });
});
