import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeAuth, fakeNetwork, jsonResponse, me, problemResponse, problemType, renderInApp } from '../../test/render';
import { EmailConfirmationPage } from './email-confirmation-page';

const TOKEN = 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v';
const pending = { ...me(), pendingEmail: { email: 'nieuw@salon.test', expiresAt: '2026-01-02T09:00:00.000Z' } };

afterEach(() => window.history.replaceState(null, '', '/'));

describe('confirming a new e-mail address from the mailed link', () => {
  it('asks a signed-out person to sign in, and brings the code back with them (never in a query or path)', async () => {
    window.history.replaceState(null, '', `/account/email-confirmation#token=${TOKEN}`);
    const { auth, calls } = fakeAuth({ status: 'signed-out' });
    const user = userEvent.setup();
    renderInApp(<EmailConfirmationPage />, { auth });
    await user.click(await screen.findByRole('button', { name: 'Inloggen en bevestigen' }));
    expect(calls).toEqual([`signIn /account/email-confirmation#token=${TOKEN}`]);
  });

  it('confirms signed in, with the code in the body, and says an expired link plainly', async () => {
    window.history.replaceState(null, '', `/account/email-confirmation#token=${TOKEN}`);
    const net = fakeNetwork(problemResponse(410, { type: problemType('email-change-expired') }), jsonResponse(200, { ...pending, email: 'nieuw@salon.test', pendingEmail: null }));
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<EmailConfirmationPage />, { me: pending });
    expect(await screen.findByText('Na bevestigen log je in met nieuw@salon.test in plaats van sam@salon.test.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'E-mailadres bevestigen' }));
    expect(await screen.findByText('Deze bevestigingslink is verlopen')).toBeInTheDocument();
    expect(net.requests[0]).toMatchObject({ url: '/api/v1/me/email-confirmations', method: 'POST', body: { token: TOKEN } });
    await user.click(screen.getByRole('button', { name: 'E-mailadres bevestigen' }));
    expect(await screen.findByText('Je logt voortaan in met nieuw@salon.test. Je vorige adres kreeg hiervan bericht.')).toBeInTheDocument();
  });
});
