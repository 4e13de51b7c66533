/**
 * The `tenant` filter every tenant-owned entity carries, on by default with a required tenantId: a
 * query made without one fails instead of reading across tenants. Work that crosses tenants turns it
 * off by name, which makes the crossing visible in the code; row-level security backs it up (ADR 4).
 */
export const tenantFilter = {
  tenant: { name: 'tenant', cond: (args: { tenantId: string }) => ({ tenantId: args.tenantId }), default: true, args: true },
};

/** A point in time: a `timestamptz` column, nullable when asked. */
export const timestamptz = (nullable = false) => ({ type: 'Date', columnType: 'timestamptz', nullable }) as const;

/** When a row was made and last changed. */
export const createdAndUpdated = { createdAt: timestamptz(), updatedAt: timestamptz() };

/** The columns of a notice table, as libs/mail's notice queue works on them (ADR 51). */
export const noticeColumns = {
  attempts: { type: 'integer' },
  nextAttemptAt: timestamptz(),
  leaseUntil: timestamptz(true),
  sentAt: timestamptz(true),
  gaveUpAt: timestamptz(true),
} as const;
