import { gone, notFound } from '@homi/service-kit';
import { appendAudit } from '../infrastructure/audit-trail';
import { RequestRepository } from '../infrastructure/request-repository';
import type { Deps } from './deps';

/** The corrections of an open rectification request, for an owner commanded to apply them. */
export async function readCorrections(deps: Deps, owner: string, requestId: string): Promise<Record<string, string>> {
  return deps.db.transaction(async (em) => {
    const repo = new RequestRepository(em);
    const request = await repo.get(requestId);
    if (!request || request.type !== 'rectification' || !(await repo.task(requestId, owner))) throw notFound('Corrections');
    if (!request.corrections) throw gone('The request has been completed and its corrections cleared.', 'corrections-cleared');
    await appendAudit(em, requestId, deps.clock(), owner, 'corrections.read', { fields: Object.keys(request.corrections).length });
    return request.corrections;
  });
}
