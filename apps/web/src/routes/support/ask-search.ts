/**
 * /support/new?tenantId=ten_…&ticketId=tkt_…: the institute to ask and the helpdesk ticket the request
 * cites (ids; the refusal page inside an institute and a ticket's page link here).
 */
export interface AskSearch {
  tenantId?: string;
  ticketId?: string;
}

const idOf = (value: unknown, prefix: string): string | undefined =>
  typeof value === 'string' && new RegExp(`^${prefix}_[A-Za-z0-9]{1,64}$`).test(value) ? value : undefined;

export function validateAskSearch(search: Record<string, unknown>): AskSearch {
  const tenantId = idOf(search.tenantId, 'ten');
  const ticketId = idOf(search.ticketId, 'tkt');
  return { ...(tenantId ? { tenantId } : {}), ...(ticketId ? { ticketId } : {}) };
}
