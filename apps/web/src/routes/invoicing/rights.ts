import { useCan } from '../../permissions/use-can';

/**
 * Whether the person may invoice a client: invoicing:edit, and clients:view because invoicing sends
 * the client's details to FactuurSturen (the API asks both).
 */
export function useMayInvoice(): boolean {
  const invoicing = useCan('invoicing', 'edit');
  const clients = useCan('clients', 'view');
  return invoicing && clients;
}
