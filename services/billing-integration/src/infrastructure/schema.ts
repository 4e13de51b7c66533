import { EntitySchema } from '@mikro-orm/postgresql';
import { createdAndUpdated, tenantFilter, timestamptz } from '@homi/service-kit';
import { ClientMapping, Connection, ConsentRecord } from '../domain/connection';
import { Invoice } from '../domain/invoice';

export const ConnectionSchema = new EntitySchema<Connection>({
  class: Connection,
  tableName: 'connections',
  filters: tenantFilter,
  properties: {
    tenantId: { type: 'string', primary: true },
    username: { type: 'string' },
    apiKeySealed: { type: 'text' },
    keyId: { type: 'string' },
    shareClientData: { type: 'boolean' },
    status: { type: 'string' },
    connectedAt: timestamptz(),
    updatedAt: timestamptz(),
  },
});

export const ConsentRecordSchema = new EntitySchema<ConsentRecord>({
  class: ConsentRecord,
  tableName: 'consent_records',
  filters: tenantFilter,
  properties: {
    id: { type: 'string', primary: true },
    tenantId: { type: 'string' },
    action: { type: 'string' },
    actor: { type: 'string' },
    at: timestamptz(),
    scope: { type: 'json' },
  },
});

export const ClientMappingSchema = new EntitySchema<ClientMapping>({
  class: ClientMapping,
  tableName: 'client_mappings',
  filters: tenantFilter,
  properties: {
    tenantId: { type: 'string', primary: true },
    clientId: { type: 'string', primary: true },
    clientNumber: { type: 'integer', nullable: true },
    status: { type: 'string' },
    ...createdAndUpdated,
  },
});

export const InvoiceSchema = new EntitySchema<Invoice>({
  class: Invoice,
  tableName: 'invoices',
  filters: tenantFilter,
  properties: {
    id: { type: 'string', primary: true },
    tenantId: { type: 'string' },
    clientId: { type: 'string' },
    appointmentId: { type: 'string', nullable: true },
    lines: { type: 'json' },
    sendByEmail: { type: 'boolean' },
    createdBy: { type: 'string' },
    status: { type: 'string' },
    providerInvoiceNumber: { type: 'string', nullable: true },
    invoiceDate: { type: 'string', columnType: 'date', nullable: true },
    exclTaxCents: { type: 'integer' },
    taxCents: { type: 'integer' },
    inclTaxCents: { type: 'integer' },
    paid: { type: 'boolean' },
    openCents: { type: 'integer', nullable: true },
    paidDate: { type: 'string', columnType: 'date', nullable: true },
    attempts: { type: 'integer' },
    nextAttemptAt: timestamptz(),
    lastError: { type: 'string', nullable: true },
    pollAfter: timestamptz(true),
    restrictedAt: timestamptz(true),
    retainUntil: { type: 'string', columnType: 'date', nullable: true },
    ...createdAndUpdated,
  },
});

export const billingEntities = [ConnectionSchema, ConsentRecordSchema, ClientMappingSchema, InvoiceSchema];
