import { MODULES, type AccessLevel, type Module, type Permissions } from '@homi/contracts';
import { client, eventually, FACTUURSTUREN_ACCOUNT, type Institute, type Platform, type SupportPerson } from '../platform';
import { openTicket } from '../tickets';

/** Who calls: every kind of caller the access rules tell apart. */
export type CallerKind = 'anonymous' | 'outsider' | 'owner' | 'admin' | 'staff' | 'removed' | 'support' | 'operator';

export interface Grant {
  modules: readonly Module[];
  mode: 'read' | 'write';
}

export interface Caller {
  name: string;
  kind: CallerKind;
  /** A member's level on every module (admin and staff callers hold one level everywhere). */
  level?: AccessLevel;
  /** A support user's active grant of the institute; null: none. */
  grant?: Grant | null;
  userId?: string;
  token?: string;
  /** Signs the caller in again: access tokens live 5 minutes, a run of the suite longer. */
  renew?: () => Promise<string>;
}

/** The institute every call is aimed at, with what its routes need to name. */
export interface Stage {
  tenantId: string;
  owner: Institute;
  clientId: string;
  appointmentId: string;
  invoiceId: string;
  /** The support request behind the in-scope support caller's grant. */
  grantId: string;
  callers: Caller[];
  /** Support users and owners that make fixtures (support requests), never callers themselves. */
  requester: SupportPerson;
  coRequester: SupportPerson;
}

const everywhere = (level: AccessLevel): Permissions => Object.fromEntries(MODULES.map((m) => [m, level])) as Permissions;
const LEVELS: readonly AccessLevel[] = ['none', 'view', 'edit'];

/**
 * Every caller (and the owner who makes fixtures) signs in again, so that a phase of the suite never
 * meets a token that merely expired: the expected answers are about access rules, not token age.
 */
export async function renewTokens(p: Platform, stage: Stage): Promise<void> {
  for (const caller of stage.callers) if (caller.renew) caller.token = await caller.renew();
  stage.owner.ownerToken = await p.login(stage.owner.owner);
}

/**
 * Signs up the target institute and another one, adds an admin and a staff member at each level,
 * removes a former admin, makes three support users (no grant; a read grant on agenda; a write grant
 * on every module) and an operator, all through the public API as the people themselves would.
 */
export async function stageCast(p: Platform): Promise<Stage> {
  const owner = await p.signup('Salon Doelwit');
  const outsider = await p.signup('Salon Buitenstaander');
  const api = client(p.gateway, owner.ownerToken);
  const t = owner.tenantId;
  const clientId = (await api.post(`/tenants/${t}/clients`, { name: 'Doelwit Klant', email: 'doelwit@example.nl' })).body.id as string;
  const appointmentId = (await api.post(`/tenants/${t}/appointments`, {
    clientId, startsAt: '2026-12-20T10:00:00Z', endsAt: '2026-12-20T11:00:00Z', treatment: 'Pedicure',
  })).body.id as string;
  expect((await api.put(`/tenants/${t}/integrations/factuursturen`, { ...FACTUURSTUREN_ACCOUNT, shareClientData: true })).status).toBe(200);
  const invoiceId = (await api.post(`/tenants/${t}/invoices`, {
    clientId, lines: [{ description: 'Pedicure', quantity: 1, unitPriceCents: 4500, taxRate: 21 }],
  })).body.id as string;

  const callers: Caller[] = [
    { name: 'anonymous', kind: 'anonymous' },
    { name: 'owner of another institute', kind: 'outsider', userId: outsider.owner.id, token: outsider.ownerToken, renew: () => p.login(outsider.owner) },
    { name: 'owner', kind: 'owner', userId: owner.owner.id, token: owner.ownerToken, renew: () => p.login(owner.owner) },
  ];
  for (const role of ['admin', 'staff'] as const) {
    for (const level of LEVELS) {
      const person = await p.addMember(owner, role, everywhere(level));
      callers.push({ name: `${role} with every module ${level}`, kind: role, level, userId: person.id, token: await p.login(person), renew: () => p.login(person) });
    }
  }
  const leaver = await p.addMember(owner, 'admin', everywhere('edit'));
  const leaverToken = await p.login(leaver);
  expect((await api.delete(`/tenants/${t}/members/${leaver.id}`)).status).toBe(204);
  callers.push({ name: 'removed member', kind: 'removed', userId: leaver.id, token: leaverToken, renew: () => p.login(leaver) });

  const requester = await p.supportUser();
  const coRequester = await p.supportUser();
  const grants: [string, Grant | null][] = [
    ['support user without a grant', null],
    ['support user with a read grant on agenda', { modules: ['agenda'], mode: 'read' }],
    ['support user with a write grant on every module', { modules: MODULES, mode: 'write' }],
  ];
  let grantId = '';
  for (const [name, grant] of grants) {
    const person = await p.supportUser();
    const token = await p.loginWithMfa(person);
    if (grant) grantId = await grantAccess(p, owner, token, await p.loginWithMfa(coRequester), grant);
    callers.push({ name, kind: 'support', grant, userId: person.id, token, renew: () => p.loginWithMfa(person) });
  }
  const operator = await p.staffUser('operator');
  callers.push({ name: 'operator', kind: 'operator', userId: operator.id, token: await p.loginWithMfa(operator), renew: () => p.loginWithMfa(operator) });

  // The removal and the grants reach the gateway through its KV watches.
  await eventually(async () => (await client(p.gateway, leaverToken).get(`/tenants/${t}`)).status === 404, 'the removal at the gateway');
  for (const c of callers.filter((c) => c.grant)) {
    const module = c.grant!.modules[0]!;
    const path = module === 'agenda' ? `/tenants/${t}/appointments` : `/tenants/${t}/clients`;
    await eventually(async () => (await client(p.gateway, c.token).get(path)).status === 200, `the grant of ${c.name} at the gateway`);
  }
  return { tenantId: t, owner, clientId, appointmentId, invoiceId, grantId, callers, requester, coRequester };
}

/** A support user asks, a colleague co-approves a write request, the owner approves as asked. */
export async function grantAccess(p: Platform, owner: Institute, supportToken: string, coApproverToken: string, grant: Grant): Promise<string> {
  // A ticket of its own: closing another one (the attack samples close tickets) must not end this grant (ADR 43).
  const ticketId = await openTicket(p.gateway, { tenantId: owner.tenantId, token: owner.ownerToken });
  const asked = await client(p.gateway, supportToken).post('/support/access-requests', {
    tenantId: owner.tenantId, reason: 'customer_initiated', ticketId, modules: grant.modules, mode: grant.mode, durationMinutes: 120,
  });
  expect(asked.status).toBe(201);
  if (grant.mode === 'write') expect((await client(p.gateway, coApproverToken).post(`/support/access-requests/${asked.body.id}/co-approve`)).status).toBe(200);
  const approved = await client(p.gateway, owner.ownerToken).post(`/tenants/${owner.tenantId}/support-access/${asked.body.id}/approve`, {});
  expect([approved.status, approved.body.status]).toEqual([200, 'active']);
  return asked.body.id as string;
}
