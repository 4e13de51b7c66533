import { gone, notFound } from '@homi/service-kit';
import type { Deps } from './deps';
import { REQUEST_WORK } from './request-work';

/** The corrections of an open rectification request, for an owner commanded to apply them. */
export async function readCorrections(deps: Pick<Deps, 'uow' | 'clock'>, owner: string, requestId: string): Promise<Record<string, string>> {
  return deps.uow.acrossTenants(REQUEST_WORK, async ({ requests, audit }) => {
    const request = await requests.get(requestId);
    if (!request || request.type !== 'rectification' || !(await requests.task(requestId, owner))) throw notFound('Corrections');
    if (!request.corrections) throw gone('The request has been completed and its corrections cleared.', 'corrections-cleared');
    await audit.append(requestId, deps.clock(), owner, 'corrections.read', { fields: Object.keys(request.corrections).length });
    return request.corrections;
  });
}
