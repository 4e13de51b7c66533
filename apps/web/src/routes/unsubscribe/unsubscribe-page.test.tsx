import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeAuth, fakeNetwork, jsonResponse, problemResponse, problemType, renderInApp } from '../../test/render';
import { UnsubscribePage, unsubscribeCodeOf } from './unsubscribe-page';

const CODE = 'ten_abc123.cli_def456.A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v';
const openLink = (fragment: string) => window.history.replaceState(null, '', `/afmelden${fragment}`);
const signedOut = () => fakeAuth({ status: 'signed-out' }).auth;

afterEach(() => window.history.replaceState(null, '', '/'));

describe('the unsubscribe page', () => {
  it('reads only a well-formed code from the fragment', () => {
    expect(unsubscribeCodeOf(`#token=${CODE}`)).toBe(CODE);
    expect(unsubscribeCodeOf('#token=kort')).toBeUndefined();
    expect(unsubscribeCodeOf('')).toBeUndefined();
  });

  it('shows whose link it is without withdrawing anything until the button is pressed', async () => {
    openLink(`#token=${CODE}`);
    const net = fakeNetwork(jsonResponse(200, { instituteName: 'Salon Zon', subscribed: true }), new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<UnsubscribePage />, { auth: signedOut() });
    expect(await screen.findByRole('heading', { name: 'Geen afspraakmails meer van Salon Zon?' })).toBeInTheDocument();
    expect(net.requests).toHaveLength(1);
    expect(net.requests[0]).toMatchObject({ url: '/api/v1/reminder-unsubscribe-lookups', method: 'POST', body: { token: CODE } });
    await user.click(screen.getByRole('button', { name: 'Ja, afmelden' }));
    expect(await screen.findByText('Je bent afgemeld')).toBeInTheDocument();
    expect(net.requests[1]).toMatchObject({ url: '/api/v1/reminder-unsubscribes', method: 'POST', body: { token: CODE } });
  });

  it('says so when the client is unsubscribed already, and that a cut-off link is incomplete without asking the API', async () => {
    openLink(`#token=${CODE}`);
    const net = fakeNetwork(jsonResponse(200, { instituteName: 'Salon Zon', subscribed: false }));
    vi.stubGlobal('fetch', net.fetch);
    const { unmount } = renderInApp(<UnsubscribePage />, { auth: signedOut() });
    expect(await screen.findByText('Je bent afgemeld')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Ja, afmelden' })).not.toBeInTheDocument();
    unmount();
    openLink('#token=kort');
    const none = fakeNetwork();
    vi.stubGlobal('fetch', none.fetch);
    renderInApp(<UnsubscribePage />, { auth: signedOut() });
    expect(await screen.findByText('Deze link werkt niet')).toBeInTheDocument();
    expect(none.requests).toHaveLength(0);
  });

  it('explains a link that no longer works', async () => {
    openLink(`#token=${CODE}`);
    vi.stubGlobal('fetch', fakeNetwork(problemResponse(404, { type: problemType('unsubscribe-link-invalid'), title: 'Not found', detail: 'This unsubscribe link does not work (any more).' })).fetch);
    renderInApp(<UnsubscribePage />, { auth: signedOut() });
    expect(await screen.findByRole('alert')).toBeInTheDocument();
  });
});
