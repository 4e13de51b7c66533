import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { me, membership, renderInApp, TENANT_ID } from '../../test/render';
import { MainNav } from './main-nav';

const entries = ['Collega’s', 'Supporttoegang', 'Logboek', 'Gebruik'];
const shown = async (m: ReturnType<typeof membership>) => {
  renderInApp(<MainNav memberships={[m]} tenantId={TENANT_ID} />, { me: me([m]) });
  await screen.findByRole('navigation', { name: 'Hoofdmenu' });
  return entries.filter((name) => screen.queryByRole('link', { name }));
};

describe('the administration in the navigation', () => {
  it('gives owners and admins support access and the audit log, whatever their modules', async () => {
    expect(await shown(membership({}, 'admin'))).toEqual(['Supporttoegang', 'Logboek']);
  });

  it('gives staff colleagues with users:view and usage with reports:view, never the role areas', async () => {
    expect(await shown(membership({ users: 'view', reports: 'view' }, 'staff'))).toEqual(['Collega’s', 'Gebruik']);
  });

  it('leaves everything out for staff without those modules', async () => {
    renderInApp(<MainNav memberships={[membership({ clients: 'view' })]} tenantId={TENANT_ID} />, { me: me([membership({ clients: 'view' })]) });
    expect(await screen.findByRole('link', { name: 'Klanten' })).toHaveAttribute('href', `/t/${TENANT_ID}/clients`);
    for (const name of entries) expect(screen.queryByRole('link', { name })).not.toBeInTheDocument();
  });
});
