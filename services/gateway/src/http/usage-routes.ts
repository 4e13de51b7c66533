import { usageApi as api } from '@homi/contracts';
import { needs } from '../domain/access';
import type { ApiRoute } from './api-route';

const common = { upstream: 'privacy', ids: {}, tag: 'Usage', query: api.UsageQuery } as const;

/** Anonymised usage statistics (privacy service): platform-wide for operators, one institute's own for it. */
export const USAGE_ROUTES: readonly ApiRoute[] = [
  {
    ...common, operationId: 'getUsageStatistics', method: 'get', path: '/admin/usage',
    summary: 'Platform usage per day and module, anonymised', audience: { kind: 'realm-role', role: 'operator' },
    success: { status: 200, description: 'Counts per day and module; buckets of fewer than `k` institutes are left out.', schema: api.UsageStatistics },
  },
  {
    ...common, operationId: 'getTenantUsage', method: 'get', path: '/tenants/:tenantId/usage',
    summary: 'This institute\'s own usage per day and module', audience: { kind: 'tenant', access: needs('reports', 'view') },
    success: { status: 200, description: 'The institute\'s counts.', schema: api.TenantUsage },
  },
];
