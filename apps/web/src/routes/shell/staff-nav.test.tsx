import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeAuth, renderInApp } from '../../test/render';
import { MainNav } from './main-nav';

const staffEntries = ['Supportconsole', 'Privacyverklaring publiceren', 'Gebruik platform'];
const render = (roles: string[]) => renderInApp(<MainNav memberships={[]} />, { auth: fakeAuth({ status: 'signed-in', accessToken: 'token', roles }).auth });
const shown = async (roles: string[]) => {
  render(roles);
  await screen.findByRole('navigation', { name: 'Hoofdmenu' });
  return staffEntries.filter((name) => screen.queryByRole('link', { name }));
};

describe('HOMi staff in the navigation', () => {
  it('gives support the console and operators their pages, by realm role only', async () => {
    expect(await shown(['support'])).toEqual(['Supportconsole']);
  });

  it('gives operators the statement and the platform usage', async () => {
    expect(await shown(['operator'])).toEqual(['Privacyverklaring publiceren', 'Gebruik platform']);
    expect(screen.getByRole('link', { name: 'Gebruik platform' })).toHaveAttribute('href', '/operator/usage');
  });

  it('shows none of it (and no empty navigation) to someone without an institute or a staff role', async () => {
    const { router } = render([]);
    await router.load();
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
  });
});
