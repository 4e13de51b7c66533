import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeAuth, fakeNetwork, jsonResponse, me, membership, problemResponse, problemType, renderInApp } from '../../test/render';
import { AppShell } from './app-shell';

describe('the signed-in shell', () => {
  it('offers an institute switcher to someone in several institutes', async () => {
    const two = [membership({ clients: 'edit' }, 'owner'), { ...membership({ clients: 'view' }), tenantId: 'ten_otherinstitute1', instituteName: 'Salon Twee' }];
    vi.stubGlobal('fetch', fakeNetwork(jsonResponse(200, me(two))).fetch);
    renderInApp(<AppShell />);
    const switcher = await screen.findByRole('combobox', { name: 'Instituut' });
    expect(within(switcher).getAllByRole('option').map((o) => o.textContent)).toEqual(['Kies een instituut', 'Salon Test', 'Salon Twee']);
    expect(screen.getByRole('button', { name: /^Accountmenu/ })).toBeInTheDocument();
  });

  it('gives HOMi staff, whom identity does not know, the shell rather than an error', async () => {
    vi.stubGlobal('fetch', fakeNetwork(problemResponse(404, { type: problemType('not-found') })).fetch);
    const { auth } = fakeAuth({ status: 'signed-in', accessToken: 'token', roles: ['support'] });
    renderInApp(<AppShell />, { auth });
    expect(await screen.findByRole('button', { name: 'Uitloggen' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says what went wrong when a customer\'s account cannot be loaded', async () => {
    vi.stubGlobal('fetch', fakeNetwork(problemResponse(404, { type: problemType('not-found') })).fetch);
    renderInApp(<AppShell />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Niet gevonden');
  });
});
