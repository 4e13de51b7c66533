import type { Permissions, Role } from '@homi/contracts';
import { as, ownerOf, publicApi, type Caller, type Harness } from './harness';
import { STATEMENT, strongPassword, uniqueEmail } from './fixtures';

/** The token in an invitation or confirmation mail: the link's fragment. */
export function tokenIn(text: string): string {
  const match = /#token=([A-Za-z0-9_-]{43})/.exec(text);
  if (!match?.[1]) throw new Error('no token in the mail');
  return match[1];
}

/** The token of the newest invitation mailed to `email`, read from the catcher over its API. */
export async function invitationToken(h: Harness, email: string, since = 0): Promise<string> {
  return tokenIn((await h.mail.waitFor({ to: email, subject: /Uitnodiging|Invitation/, since })).text);
}

export interface Invited {
  userId: string;
  email: string;
  password: string;
  invitationId: string;
}

/**
 * What adding a colleague is now: the owner (or `inviter`) invites the address, the invitee reads the
 * mail and signs up through it. Fails loudly if any step does not answer as expected.
 */
export async function inviteAndJoin(
  h: Harness,
  tenant: { userId: string; tenantId: string },
  role: Role,
  permissions: Partial<Permissions> = {},
  options: { inviter?: Caller; email?: string; acceptStatement?: boolean } = {},
): Promise<Invited> {
  const email = options.email ?? uniqueEmail(role);
  const since = Date.now();
  const invited = await as(h, options.inviter ?? ownerOf(tenant.userId, tenant.tenantId)).post(`/api/v1/tenants/${tenant.tenantId}/members`, { email, role, permissions });
  if (invited.status !== 202) throw new Error(`inviting failed: ${invited.status} ${JSON.stringify(invited.body)}`);
  const token = await invitationToken(h, email, since);
  const password = strongPassword();
  const joined = await publicApi(h).post('/api/v1/invitation-signups').send({
    token, name: 'Bram Collega', password, ...(options.acceptStatement === false ? {} : { acceptedPrivacyStatementVersion: STATEMENT }),
  });
  if (joined.status !== 201) throw new Error(`signing up through the invitation failed: ${joined.status} ${JSON.stringify(joined.body)}`);
  return { userId: joined.body.userId as string, email, password, invitationId: invited.body.id as string };
}

/** The owner invites an existing account's address and that account accepts, signed in. */
export async function inviteExisting(h: Harness, tenant: { userId: string; tenantId: string }, user: { userId: string; email: string }, role: Role, permissions: Partial<Permissions> = {}) {
  const since = Date.now();
  const invited = await as(h, ownerOf(tenant.userId, tenant.tenantId)).post(`/api/v1/tenants/${tenant.tenantId}/members`, { email: user.email, role, permissions });
  if (invited.status !== 202) throw new Error(`inviting failed: ${invited.status} ${JSON.stringify(invited.body)}`);
  const token = await invitationToken(h, user.email, since);
  const accepted = await as(h, { userId: user.userId }).post('/api/v1/invitation-acceptances', { token });
  if (accepted.status !== 200) throw new Error(`accepting failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return accepted.body as { tenantId: string; role: Role; permissions: Permissions };
}
