import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InvitationPreview } from '../../api/invitations';
import { fakeAuth, fakeNetwork, jsonResponse, me, problemResponse, problemType, renderInApp } from '../../test/render';
import { AcceptInvitationPage } from './accept-invitation-page';

const TOKEN = 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v';
const preview: InvitationPreview = {
  id: 'ivt_testinvitation1', instituteName: 'Salon Zon', email: 'cora@salon.test', role: 'staff',
  permissions: { agenda: 'view', clients: 'edit', invoicing: 'none', reports: 'none', settings: 'none', users: 'none' },
  suggestedName: 'Cora', expiresAt: '2026-01-08T09:00:00.000Z',
};
const statement = { version: '2026-01', publishedAt: '2026-01-01T09:00:00.000Z', text: 'De privacyverklaring.' };
const signedOut = () => fakeAuth({ status: 'signed-out' });
const openLink = (fragment: string) => window.history.replaceState(null, '', `/invitations/accept${fragment}`);

afterEach(() => window.history.replaceState(null, '', '/'));

describe('the invitation page', () => {
  it('says a cut-off link is incomplete without asking the API', async () => {
    openLink('#token=kort');
    const net = fakeNetwork();
    vi.stubGlobal('fetch', net.fetch);
    renderInApp(<AcceptInvitationPage />, { auth: signedOut().auth });
    expect(await screen.findByText('Deze link is niet compleet')).toBeInTheDocument();
    expect(net.requests).toHaveLength(0);
  });

  it('looks the invitation up with the code in the body and says an expired one plainly', async () => {
    openLink(`#token=${TOKEN}`);
    const net = fakeNetwork(problemResponse(410, { type: problemType('invitation-expired') }));
    vi.stubGlobal('fetch', net.fetch);
    renderInApp(<AcceptInvitationPage />, { auth: signedOut().auth });
    expect(await screen.findByText('Deze uitnodiging is verlopen')).toBeInTheDocument();
    expect(net.requests[0]).toMatchObject({ url: '/api/v1/invitation-lookups', method: 'POST', body: { token: TOKEN } });
  });

  it('shows what is offered, and sends someone whose address has an account to sign in and accept, code kept', async () => {
    openLink(`#token=${TOKEN}`);
    const net = fakeNetwork(jsonResponse(200, preview), jsonResponse(200, statement), problemResponse(409, { type: problemType('email-taken') }));
    vi.stubGlobal('fetch', net.fetch);
    const { auth, calls } = signedOut();
    const user = userEvent.setup();
    renderInApp(<AcceptInvitationPage />, { auth });
    expect(await screen.findByRole('heading', { name: 'Uitnodiging van Salon Zon' })).toBeInTheDocument();
    expect(screen.getByText('Voor cora@salon.test, als medewerker.')).toBeInTheDocument();
    const access = screen.getAllByRole('listitem').map((item) => item.textContent);
    expect(access).toEqual(['Agendabekijken', 'Klantenbekijken en wijzigen']);

    await user.type(await screen.findByLabelText(/^Wachtwoord/), 'een lang genoeg wachtwoord');
    await user.click(screen.getByRole('button', { name: 'Account aanmaken en lid worden' }));
    expect(await screen.findByText('Er is al een account met cora@salon.test. Log daarmee in om de uitnodiging te accepteren.')).toBeInTheDocument();
    expect(net.requests[2]?.body).toEqual({ token: TOKEN, name: 'Cora', password: 'een lang genoeg wachtwoord' });
    await user.click(screen.getByRole('button', { name: 'Inloggen en accepteren' }));
    expect(calls).toEqual([`signIn /invitations/accept#token=${TOKEN}`]);
  });

  it('tells a signed-in person of another address to sign in with the invited one', async () => {
    openLink(`#token=${TOKEN}`);
    const net = fakeNetwork(jsonResponse(200, preview), problemResponse(403, { type: problemType('invitation-email-mismatch') }));
    vi.stubGlobal('fetch', net.fetch);
    const { auth, calls } = fakeAuth();
    const user = userEvent.setup();
    renderInApp(<AcceptInvitationPage />, { auth, me: me() });
    expect(await screen.findByText('De uitnodiging is voor cora@salon.test. Log in met het account van dat adres om hem te accepteren.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Uitnodiging accepteren' }));
    expect(await screen.findByText('Deze uitnodiging is voor een ander e-mailadres')).toBeInTheDocument();
    expect(net.requests[1]).toMatchObject({ url: '/api/v1/invitation-acceptances', body: { token: TOKEN } });
    await user.click(screen.getByRole('button', { name: 'Inloggen met een ander account' }));
    expect(calls).toEqual([`reauthenticate /invitations/accept#token=${TOKEN}`]);
  });
});
