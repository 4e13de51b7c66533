/**
 * The periods privacy.ts declares for the categories identity purges itself (ISO 8601 date
 * durations). The retention job reads them from the declaration; the erasure report needs them too,
 * to say until when retained records stay.
 */
export const RETENTION_PERIODS = {
  pendingSignups: 'P1D',
  invitations: 'P30D',
  supportAccess: 'P1Y',
  tenantAuditLog: 'P2Y',
} as const;

/** Computed as privacy-kit computes retention cutoffs (the erasure report and the purge agree). */
export { retentionEnd } from '@homi/privacy-kit';
