export type { ClientDirectory, InvoiceLine, InvoicingClient, InvoicingClientDetails, InvoicingCredentials, InvoicingInvoice, InvoicingProvider, NewInvoice } from './application/ports';
export { FactuurSturenProvider, BLANKED_CONTACT, type FactuurSturenProviderOptions } from './infrastructure/factuursturen-provider';
export { PROBLEM as INVOICING_PROBLEM } from './infrastructure/factuursturen-http';
export type { CircuitState } from './infrastructure/circuit-breaker';
export { buildService, stopService, SERVICE, type BillingService, type ServiceOverrides } from './service';
export { readConfig, type Config } from './config';
