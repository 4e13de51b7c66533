/**
 * Where a new invoice starts from, in its URL (ids only, as URLs hold): a client (from their card),
 * an appointment (its client and treatment), or a failed invoice to send again (its client and lines).
 */
export interface NewInvoiceSearch {
  clientId?: string;
  appointmentId?: string;
  from?: string;
}

const ID = { clientId: /^cli_[0-9A-Za-z]{8,40}$/, appointmentId: /^apt_[0-9A-Za-z]{8,40}$/, from: /^inv_[0-9A-Za-z]{8,40}$/ };

export function validateNewInvoiceSearch(search: Record<string, unknown>): NewInvoiceSearch {
  const id = (key: keyof typeof ID) => (typeof search[key] === 'string' && ID[key].test(search[key]) ? search[key] : undefined);
  return { clientId: id('clientId'), appointmentId: id('appointmentId'), from: id('from') };
}
