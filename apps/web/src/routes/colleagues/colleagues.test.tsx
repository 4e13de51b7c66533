import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { memberKeys, type Invitation, type Member } from '../../api/members';
import { meKeys } from '../../api/me';
import { fakeNetwork, me, membership, problemResponse, problemType, renderInApp, TENANT_ID } from '../../test/render';
import { listOf, routedNetwork } from '../../test/routed-network';
import { ColleaguesPage } from './colleagues-page';
import { InvitePage } from './invite-page';
import { MemberEditor } from './member-editor';

const none = { agenda: 'none', clients: 'none', invoicing: 'none', reports: 'none', settings: 'none', users: 'none' } as const;
const all = { agenda: 'edit', clients: 'edit', invoicing: 'edit', reports: 'edit', settings: 'edit', users: 'edit' } as const;
const person = (userId: string, name: string, role: Member['role'], permissions: Member['permissions']): Member => ({
  userId, name, email: `${name.split(' ')[0]!.toLowerCase()}@salon.test`, role, permissions, createdAt: '2026-01-05T09:00:00.000Z', updatedAt: '2026-01-05T09:00:00.000Z',
});
const olga = person('usr_olgaowner00001', 'Olga Eigenaar', 'owner', all);
const bram = person('usr_bramstaff00001', 'Bram Bakker', 'staff', { ...none, agenda: 'view', clients: 'edit' });
const invitation: Invitation = {
  id: 'ivt_0000000000000001', email: 'nieuw@salon.test', role: 'staff', permissions: { ...none, agenda: 'view' }, status: 'pending',
  invitedBy: olga.userId, createdAt: '2026-01-06T09:00:00.000Z', expiresAt: '2026-01-13T09:00:00.000Z',
};
const data = [[memberKeys.list(TENANT_ID), [olga, bram]], [memberKeys.invitations(TENANT_ID), [invitation]]] as const;
const signedInAs = (id: string) => [meKeys.all, { ...me(), id }] as const;

describe('the colleagues page', () => {
  it('shows users:view each member\'s role and module levels and the open invitations, without controls', async () => {
    vi.stubGlobal('fetch', routedNetwork({ [`GET /tenants/${TENANT_ID}/members`]: listOf([olga, bram]), [`GET /tenants/${TENANT_ID}/invitations`]: listOf([invitation]) }).fetch);
    renderInApp(<ColleaguesPage />, { tenant: membership({ users: 'view' }), data: [...data, signedInAs('usr_somebody000001')] });
    const card = (await screen.findByRole('link', { name: 'Bram Bakker' })).closest('li')!;
    expect(within(card).getByText('Medewerker')).toBeInTheDocument();
    const agenda = within(card).getByText('Agenda').parentElement!;
    expect(agenda).toHaveTextContent('Bekijken');
    expect(within(card).getByText('Klanten').parentElement).toHaveTextContent('Bewerken');
    expect(within(card).getByText('Facturen').parentElement).toHaveTextContent('Geen');
    expect(screen.getByText('nieuw@salon.test')).toBeInTheDocument();
    expect(screen.getByText(/Geldig tot/)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Collega uitnodigen' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Intrekken/ })).not.toBeInTheDocument();
  });

  it('gives users:edit the invite link, and withdraws an invitation after confirming', async () => {
    const net = routedNetwork({
      [`GET /tenants/${TENANT_ID}/members`]: listOf([olga, bram]),
      [`GET /tenants/${TENANT_ID}/invitations`]: [listOf([invitation]), listOf([])],
      [`DELETE /tenants/${TENANT_ID}/invitations/${invitation.id}`]: () => new Response(null, { status: 204 }),
    });
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<ColleaguesPage />, { tenant: membership({ users: 'edit' }, 'owner'), data: [...data, signedInAs(olga.userId)] });
    expect(await screen.findByRole('link', { name: 'Collega uitnodigen' })).toBeInTheDocument();
    expect(screen.getByText('(jij)')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Intrekken nieuw@salon.test' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Ja, intrekken' }));
    expect(await screen.findByText('Er staan geen uitnodigingen open.')).toBeInTheDocument();
    expect(net.requests).toContainEqual(expect.objectContaining({ method: 'DELETE', url: `/api/v1/tenants/${TENANT_ID}/invitations/${invitation.id}` }));
  });
});

describe('changing a colleague', () => {
  const editor = (member: Member, actor = membership(all, 'owner'), meId = olga.userId, members = [olga, bram]) =>
    renderInApp(<MemberEditor member={member} members={members} meId={meId} back={null} />, { tenant: actor });

  it('switches everything off for the person\'s own membership, and says why', async () => {
    editor(olga);
    expect(await screen.findByText('Dit ben jij')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Rol' })).toBeDisabled();
    for (const radio of screen.getAllByRole('radio')) expect(radio).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Verwijderen' })).not.toBeInTheDocument();
  });

  it('offers an admin no level above their own and no owner role, but keeps what the colleague holds', async () => {
    const admin = membership({ ...all, invoicing: 'view', reports: 'none' }, 'admin');
    editor(bram, admin, 'usr_adminperson0001');
    const group = (name: string) => screen.getByRole('radiogroup', { name });
    expect(within(await screen.findByRole('radiogroup', { name: 'Facturen' })).getByRole('radio', { name: 'Bewerken' })).toBeDisabled();
    expect(within(group('Facturen')).getByRole('radio', { name: 'Bekijken' })).toBeEnabled();
    expect(within(group('Rapporten')).getByRole('radio', { name: 'Bekijken' })).toBeDisabled();
    expect(within(group('Klanten')).getByRole('radio', { name: 'Bewerken' })).toBeChecked();
    expect(screen.getByRole('option', { name: 'Eigenaar (hoger dan je eigen rol)' })).toBeDisabled();
    expect(screen.getByText(/Rechten die je zelf niet hebt/)).toBeInTheDocument();
  });

  it('keeps the last owner an owner and cannot remove them', async () => {
    const other = person('usr_ownertwo000001', 'Otto Tweede', 'owner', all);
    editor(olga, membership(all, 'owner'), other.userId, [olga, bram]);
    expect(await screen.findByText(/Dit is de enige eigenaar/)).toBeInTheDocument();
    expect(screen.getByRole('option', { name: 'Beheerder' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Verwijderen' })).toBeDisabled();
  });

  it('sends the role and the whole matrix, and shows the API\'s refusal in words', async () => {
    const net = fakeNetwork(problemResponse(403, { type: problemType('permission-not-allowed'), title: 'Forbidden' }));
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    editor(bram);
    await user.click(within(await screen.findByRole('radiogroup', { name: 'Facturen' })).getByRole('radio', { name: 'Bekijken' }));
    await user.click(screen.getByRole('button', { name: 'Wijzigingen opslaan' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Deze rechten kun je niet geven');
    expect(net.requests[0]).toMatchObject({
      method: 'PATCH', url: `/api/v1/tenants/${TENANT_ID}/members/${bram.userId}`,
      body: { role: 'staff', permissions: { ...bram.permissions, invoicing: 'view' } },
    });
  });

  it('removes a colleague after confirming', async () => {
    const net = fakeNetwork(new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    editor(bram);
    await user.click(await screen.findByRole('button', { name: 'Verwijderen' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Bram Bakker verwijderen?' });
    await user.click(within(dialog).getByRole('button', { name: 'Ja, verwijderen' }));
    await vi.waitFor(() => expect(net.requests[0]).toMatchObject({ method: 'DELETE', url: `/api/v1/tenants/${TENANT_ID}/members/${bram.userId}` }));
  });
});

describe('inviting a colleague', () => {
  it('puts the schema\'s error beside the e-mail field and sends nothing', async () => {
    const net = fakeNetwork();
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<InvitePage />, { tenant: membership(all, 'owner') });
    await user.click(await screen.findByRole('button', { name: 'Uitnodiging versturen' }));
    expect(await screen.findByText('Vul dit in.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^E-mailadres/)).toHaveAttribute('aria-invalid', 'true');
    expect(net.requests).toEqual([]);
  });

  it('sends the address, role, matrix and mail language, and says a 409 already-invited plainly', async () => {
    const net = fakeNetwork(problemResponse(409, { type: problemType('already-invited'), title: 'Conflict' }));
    vi.stubGlobal('fetch', net.fetch);
    const user = userEvent.setup();
    renderInApp(<InvitePage />, { tenant: membership(all, 'owner') });
    await user.type(await screen.findByLabelText(/^E-mailadres/), 'Nieuw@Salon.test');
    await user.click(within(screen.getByRole('radiogroup', { name: 'Agenda' })).getByRole('radio', { name: 'Bewerken' }));
    await user.click(within(screen.getByRole('radiogroup', { name: 'Klanten' })).getByRole('radio', { name: 'Bekijken' }));
    await user.click(screen.getByRole('button', { name: 'Uitnodiging versturen' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Dit adres is al uitgenodigd');
    expect(net.requests[0]).toMatchObject({
      method: 'POST', url: `/api/v1/tenants/${TENANT_ID}/members`,
      body: { email: 'nieuw@salon.test', role: 'staff', permissions: { ...none, agenda: 'edit', clients: 'view' }, locale: 'nl' },
    });
  });

  it('starts an admin invitation from edit everywhere, and an owner\'s matrix is locked at edit', async () => {
    const user = userEvent.setup();
    renderInApp(<InvitePage />, { tenant: membership(all, 'owner') });
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Rol' }), 'admin');
    expect(within(screen.getByRole('radiogroup', { name: 'Rapporten' })).getByRole('radio', { name: 'Bewerken' })).toBeChecked();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Rol' }), 'owner');
    expect(screen.getByText('Een eigenaar heeft altijd alle rechten.')).toBeInTheDocument();
    expect(within(screen.getByRole('radiogroup', { name: 'Agenda' })).getByRole('radio', { name: 'Geen' })).toBeDisabled();
  });
});
