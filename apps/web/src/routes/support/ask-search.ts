/** /support/new?tenantId=ten_…: the institute to ask (an id; the refusal page inside an institute links here). */
export interface AskSearch {
  tenantId?: string;
}

export function validateAskSearch(search: Record<string, unknown>): AskSearch {
  const tenantId = search.tenantId;
  return typeof tenantId === 'string' && /^ten_[A-Za-z0-9]{1,64}$/.test(tenantId) ? { tenantId } : {};
}
