import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Client } from '../../api/clients';
import { fakeNetwork, jsonResponse, membership, problemResponse, problemType, renderInApp, TENANT_ID } from '../../test/render';
import { ClientPrivacyPanel } from './client-privacy-panel';

const anna: Client = {
  id: 'cli_abcdefgh1234', name: 'Anna de Vries', email: 'anna@example.nl', phone: '0612345678', dateOfBirth: null,
  address: null, hasNotes: false, reminderConsent: null, masked: false, createdAt: '2026-01-01T10:00:00.000Z', updatedAt: '2026-01-01T10:00:00.000Z',
};

describe('a client\'s privacy on the card follows the role and the client rights', () => {
  it('gives an owner with clients:edit access, correction and erasure', async () => {
    renderInApp(<ClientPrivacyPanel client={anna} />, { tenant: membership({ clients: 'edit' }, 'owner') });
    expect(await screen.findByRole('button', { name: 'Gegevens opvragen' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Gegevens corrigeren' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Klant wissen' })).toBeInTheDocument();
  });

  it('gives an admin with clients:view only the data package, and says who may correct and erase', async () => {
    renderInApp(<ClientPrivacyPanel client={anna} />, { tenant: membership({ clients: 'view' }, 'admin') });
    expect(await screen.findByRole('button', { name: 'Gegevens opvragen' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Klant wissen' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Gegevens corrigeren' })).not.toBeInTheDocument();
    expect(screen.getByText(/Corrigeren en wissen kan een eigenaar of beheerder/)).toBeInTheDocument();
  });

  it('gives staff, even with clients:edit, no controls but who to ask', async () => {
    renderInApp(<ClientPrivacyPanel client={anna} />, { tenant: membership({ clients: 'edit' }, 'staff') });
    expect(await screen.findByText(/Dat regelt een eigenaar of beheerder van je instituut/)).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('erases only after the confirmation, and says the API\'s refusal in words', async () => {
    const net = fakeNetwork(problemResponse(403, { type: problemType('client-permission-required'), title: 'Forbidden' }));
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<ClientPrivacyPanel client={anna} />, { tenant: membership({ clients: 'edit' }, 'admin') });
    await user.click(await screen.findByRole('button', { name: 'Klant wissen' }));
    expect(await screen.findByRole('alertdialog', { name: 'Alle gegevens van Anna de Vries wissen?' })).toBeInTheDocument();
    expect(net.requests).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Ja, definitief wissen' }));
    expect(await screen.findByText('Dit mag alleen een eigenaar of beheerder met rechten voor klanten')).toBeInTheDocument();
    expect(net.requests[0]).toMatchObject({
      url: '/api/v1/privacy/requests', method: 'POST',
      body: { type: 'erasure', subject: { kind: 'client', tenantId: TENANT_ID, clientId: anna.id } },
    });
  });

  it('sends a correction with only the fields that changed, as the contracts normalise them', async () => {
    const net = fakeNetwork(jsonResponse(202, { id: 'dsr_testrequest0001', status: 'received', dueAt: '2026-02-01T10:00:00.000Z' }));
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<ClientPrivacyPanel client={anna} />, { tenant: membership({ clients: 'edit' }, 'owner') });
    await user.click(await screen.findByRole('button', { name: 'Gegevens corrigeren' }));
    await user.click(await screen.findByRole('button', { name: 'Correctie versturen' }));
    expect(await screen.findByText('Je hebt niets gewijzigd. Pas minstens één gegeven aan.')).toBeInTheDocument();
    expect(net.requests).toHaveLength(0);

    const phone = screen.getByLabelText(/^Telefoonnummer/);
    await user.clear(phone);
    await user.type(phone, '+31 6 87654321');
    await user.click(screen.getByRole('button', { name: 'Correctie versturen' }));
    await vi.waitFor(() => expect(net.requests).toHaveLength(1));
    expect(net.requests[0]?.body).toEqual({
      type: 'rectification', subject: { kind: 'client', tenantId: TENANT_ID, clientId: anna.id }, corrections: { phone: '+31687654321' },
    });
  });

  it('puts the API\'s refusal of a corrected field beside that field, and any other refusal above the form', async () => {
    const net = fakeNetwork(
      problemResponse(400, { type: problemType('invalid'), title: 'Bad Request', errors: [{ path: 'corrections.name', message: 'must not contain control characters' }] }),
      problemResponse(403, { type: problemType('client-permission-required'), title: 'Forbidden' }),
    );
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<ClientPrivacyPanel client={anna} />, { tenant: membership({ clients: 'edit' }, 'owner') });
    await user.click(await screen.findByRole('button', { name: 'Gegevens corrigeren' }));
    const name = await screen.findByLabelText(/^Naam/);
    await user.clear(name);
    await user.type(name, 'Anna de Wit');
    await user.click(screen.getByRole('button', { name: 'Correctie versturen' }));
    await vi.waitFor(() => expect(name).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByText('Dit werd niet geaccepteerd; controleer het veld.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Telefoonnummer/)).not.toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByText('Dit mag alleen een eigenaar of beheerder met rechten voor klanten')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Correctie versturen' }));
    expect(await screen.findByText('Dit mag alleen een eigenaar of beheerder met rechten voor klanten')).toBeInTheDocument();
    expect(net.requests.map((r) => r.body)).toEqual([
      { type: 'rectification', subject: { kind: 'client', tenantId: TENANT_ID, clientId: anna.id }, corrections: { name: 'Anna de Wit' } },
      { type: 'rectification', subject: { kind: 'client', tenantId: TENANT_ID, clientId: anna.id }, corrections: { name: 'Anna de Wit' } },
    ]);
  });
});
