import type { PrivacyRequest } from '../../api/privacy-requests';
import { TENANT_ID } from '../../test/render';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A request as GET /privacy/requests/{id} answers it, due `daysLeft` days from now (component tests). */
export function privacyRequest(overrides: Partial<PrivacyRequest> = {}, daysLeft = 20): PrivacyRequest {
  return {
    id: 'dsr_testrequest0001', parentId: null, ticketId: null, type: 'access', subject: { kind: 'client', tenantId: TENANT_ID, clientId: 'cli_abcdefgh1234' },
    status: 'in_progress', receivedAt: new Date(Date.now() - 8 * DAY_MS).toISOString(), dueAt: new Date(Date.now() + daysLeft * DAY_MS - Math.sign(daysLeft) * 60_000).toISOString(),
    overdue: false, extension: null, completedAt: null, escalatedAt: null, silentOwners: ['tenant-data'],
    owners: [{ owner: 'tenant-data', status: 'pending', attempts: 1, lastCommandedAt: new Date().toISOString(), answeredAt: null, results: [], exportBytes: null, error: null }],
    report: [], export: { available: false, expiresAt: null },
    ...overrides,
  };
}
