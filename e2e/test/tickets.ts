import { client } from './platform';

/**
 * A member opens a helpdesk ticket through the gateway and gets its id: what a support access
 * request cites (ADR 43). Each call opens a new one, so closing one ends only what cites it.
 */
export async function openTicket(gateway: string, member: { tenantId: string; token: string }, subject = 'Hulp nodig bij de agenda'): Promise<string> {
  const opened = await client(gateway, member.token).post(`/tenants/${member.tenantId}/tickets`, { subject, category: 'problem', message: 'Wilt u meekijken?' });
  if (opened.status !== 201) throw new Error(`opening a ticket failed: ${opened.status} ${JSON.stringify(opened.body)}`);
  return opened.body.id as string;
}
