import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { instituteKeys, type InstituteProfile } from '../../api/institute';
import { fakeNetwork, jsonResponse, membership, renderInApp, TENANT_ID } from '../../test/render';
import { ReminderSettings } from './reminder-settings';

const profile: InstituteProfile = {
  tenantId: TENANT_ID, name: 'Salon Test', kvkNumber: null, address: null, phone: null, email: null, reminderLeadHours: 24,
  createdAt: '2026-01-01T10:00:00.000Z', updatedAt: '2026-01-01T10:00:00.000Z',
};
const data = [[instituteKeys.profile(TENANT_ID), profile] as const];

describe('the reminder lead time', () => {
  it('is changed with settings:edit, checked against the contract before it is sent', async () => {
    const net = fakeNetwork(jsonResponse(200, { ...profile, reminderLeadHours: 48 }));
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<ReminderSettings tenantId={TENANT_ID} canEdit />, { tenant: membership({ settings: 'edit' }), data });
    const field = await screen.findByLabelText(/Herinnering versturen/);
    expect(field).toHaveValue(24);
    await user.clear(field);
    await user.type(field, '400');
    await user.click(screen.getByRole('button', { name: 'Opslaan' }));
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(net.requests).toHaveLength(0);
    await user.clear(field);
    await user.type(field, '48');
    await user.click(screen.getByRole('button', { name: 'Opslaan' }));
    await vi.waitFor(() => expect(net.requests[0]).toMatchObject({ url: `/api/v1/tenants/${TENANT_ID}`, method: 'PATCH', body: { reminderLeadHours: 48 } }));
  });

  it('is only shown to those without settings:edit', async () => {
    renderInApp(<ReminderSettings tenantId={TENANT_ID} canEdit={false} />, { tenant: membership({ agenda: 'view' }), data });
    expect(await screen.findByLabelText(/Herinnering versturen/)).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Opslaan' })).not.toBeInTheDocument();
  });
});
