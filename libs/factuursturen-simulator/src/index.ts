export { startFactuurSturenSimulator, type FactuurSturenSimulator, type Faults, type SimulatorOptions } from './server';
export { SimulatorState, type RequestLogEntry } from './state';
export type { AccountCredentials, AccountState, ClientRecord, InvoiceRecord, InvoiceLineRecord, ProductRecord } from './store';
