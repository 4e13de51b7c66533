import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeAuth, fakeNetwork, jsonResponse, me, membership, problemResponse, problemType, renderInApp } from '../../test/render';
import { DeleteAccountPage } from './delete-account-page';
import { ProfileForm } from './profile-form';

const owner = membership({ clients: 'edit', users: 'edit' }, 'owner');
const members = (owners: number) => ({
  items: Array.from({ length: owners }, (_, i) => ({ userId: `usr_owner000000${i}`, email: `o${i}@salon.test`, name: 'O', role: 'owner', createdAt: '', updatedAt: '' })),
});

describe('deleting one\'s account', () => {
  it('says the whole institute goes when the person is its only owner, and only their access otherwise', async () => {
    vi.stubGlobal('fetch', fakeNetwork(jsonResponse(200, members(1))).fetch);
    renderInApp(<DeleteAccountPage />, { me: me([owner]) });
    expect(await screen.findByText(/^Salon Test: je bent de enige eigenaar, dus het hele instituut wordt gewist/)).toBeInTheDocument();
    expect(screen.getByText(/^Je account \(sam@salon.test\)/)).toBeInTheDocument();
  });

  it('keeps the institute of a co-owned practice', async () => {
    vi.stubGlobal('fetch', fakeNetwork(jsonResponse(200, members(2))).fetch);
    renderInApp(<DeleteAccountPage />, { me: me([owner]) });
    expect(await screen.findByText(/^Salon Test: je toegang verdwijnt/)).toBeInTheDocument();
  });

  it('sends the person to sign in again when the API wants a recent sign-in, and to come back here', async () => {
    const net = fakeNetwork(jsonResponse(200, members(1)), problemResponse(401, { type: problemType('reauthentication-required') }, { 'www-authenticate': 'Bearer max_age=300' }));
    vi.stubGlobal('fetch', net.fetch);
    const { auth, calls } = fakeAuth();
    const user = userEvent.setup();
    renderInApp(<DeleteAccountPage />, { me: me([owner]), auth });
    await screen.findByText(/enige eigenaar/);
    await user.click(screen.getByRole('button', { name: 'Mijn account verwijderen' }));
    await user.click(await screen.findByRole('button', { name: 'Ja, verwijder mijn account' }));
    expect(await screen.findByText('Log eerst opnieuw in')).toBeInTheDocument();
    expect(net.requests.at(-1)).toMatchObject({ url: '/api/v1/me', method: 'DELETE' });
    await user.click(screen.getByRole('button', { name: 'Opnieuw inloggen' }));
    expect(calls).toEqual(['reauthenticate /account/delete#signed-in-again']);
  });

  it('shows the erasure request that follows a deletion', async () => {
    const net = fakeNetwork(
      jsonResponse(200, members(1)),
      jsonResponse(202, { erasureRequestId: 'dsr_erasure00000001', status: 'accepted' }),
      () => problemResponse(503, { type: problemType('upstream-unavailable') }),
    );
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<DeleteAccountPage />, { me: me([owner]) });
    await screen.findByText(/enige eigenaar/);
    await user.click(screen.getByRole('button', { name: 'Mijn account verwijderen' }));
    await user.click(await screen.findByRole('button', { name: 'Ja, verwijder mijn account' }));
    expect(await screen.findByRole('heading', { name: 'Je account is verwijderd' })).toBeInTheDocument();
    expect(screen.getByText(/als verwijderverzoek dsr_erasure00000001/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Het verzoek volgen' })).toHaveAttribute('href', '/privacy-requests/dsr_erasure00000001');
  });
});

describe('correcting one\'s own data', () => {
  it('changes name and phone, and sends the address only when it is new', async () => {
    const person = me([membership()]);
    const net = fakeNetwork(jsonResponse(200, { ...person, name: 'Sam Smit' }), jsonResponse(200, { ...person, pendingEmail: { email: 'nieuw@salon.test', expiresAt: '2026-01-02T09:00:00.000Z' } }));
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<ProfileForm me={person} />, { me: person });
    const name = await screen.findByLabelText(/^Je naam/);
    await user.clear(name);
    await user.type(name, 'Sam Smit');
    await user.click(screen.getByRole('button', { name: 'Wijzigingen opslaan' }));
    expect(await screen.findByText('Je gegevens zijn opgeslagen')).toBeInTheDocument();
    expect(net.requests[0]?.body).toEqual({ name: 'Sam Smit', phone: null });

    const email = screen.getByLabelText(/^E-mailadres/);
    await user.clear(email);
    await user.type(email, 'Nieuw@Salon.test');
    await user.click(screen.getByRole('button', { name: 'Wijzigingen opslaan' }));
    expect(await screen.findByText(/Bevestig je nieuwe e-mailadres via de link/)).toBeInTheDocument();
    expect(net.requests[1]?.body).toMatchObject({ email: 'nieuw@salon.test' });
  });

  it('puts the API\'s refusal of the address beside the field', async () => {
    vi.stubGlobal('fetch', fakeNetwork(problemResponse(409, { type: problemType('email-taken') })).fetch);
    const user = userEvent.setup();
    const person = me();
    renderInApp(<ProfileForm me={person} />, { me: person });
    const email = await screen.findByLabelText(/^E-mailadres/);
    await user.clear(email);
    await user.type(email, 'bezet@salon.test');
    await user.click(screen.getByRole('button', { name: 'Wijzigingen opslaan' }));
    expect(await screen.findByText(/Er bestaat al een account met dit e-mailadres/)).toBeInTheDocument();
    expect(screen.getByLabelText(/^E-mailadres/)).toHaveAttribute('aria-invalid', 'true');
  });
});

