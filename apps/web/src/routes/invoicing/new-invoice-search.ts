/**
 * Where a new invoice starts from, in its URL (ids only, as URLs hold): a client (from their card), or
 * a failed invoice to send again (its client and lines). An appointment is invoiced on its own page.
 */
export interface NewInvoiceSearch {
  clientId?: string;
  from?: string;
}

const ID = { clientId: /^cli_[0-9A-Za-z]{8,40}$/, from: /^inv_[0-9A-Za-z]{8,40}$/ };

export function validateNewInvoiceSearch(search: Record<string, unknown>): NewInvoiceSearch {
  const id = (key: keyof typeof ID) => (typeof search[key] === 'string' && ID[key].test(search[key]) ? search[key] : undefined);
  return { clientId: id('clientId'), from: id('from') };
}
