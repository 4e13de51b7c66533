export type {
  InvoiceLine,
  InvoicingClient,
  InvoicingClientDetails,
  InvoicingCredentials,
  InvoicingInvoice,
  InvoicingProvider,
  NewInvoice,
} from './application/ports';
export { FactuurSturenProvider, BLANKED_CONTACT, type FactuurSturenProviderOptions } from './infrastructure/factuursturen-provider';
export { PROBLEM as INVOICING_PROBLEM } from './infrastructure/factuursturen-http';
export type { CircuitState } from './infrastructure/circuit-breaker';
