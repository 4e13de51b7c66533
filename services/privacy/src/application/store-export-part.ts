import { EXPORT_PART_FINAL } from '@homi/contracts';
import { conflict, forbidden, notFound } from '@homi/service-kit';
import { writePart } from '../domain/export-part';
import type { Deps } from './deps';
import { REQUEST_WORK } from './request-work';

/** A part is final once its owner has answered: the package holds what the report counted. */
function checkOpen(requestStatus: string | undefined, taskStatus: string | undefined): void {
  if (requestStatus === 'completed') throw conflict('The request has been completed; its package is final.', EXPORT_PART_FINAL);
  if (taskStatus === 'completed') throw conflict('This owner has answered; its part is final.', EXPORT_PART_FINAL);
}

/** What an owner's upload may change: its own part of an open access request it was commanded for. */
function checkUpload(deps: Pick<Deps, 'uow'>, requestId: string, owner: string): Promise<Set<string>> {
  return deps.uow.acrossTenants(REQUEST_WORK, async ({ requests, owners }) => {
    const request = await requests.get(requestId);
    const task = await requests.task(requestId, owner);
    if (!request || !task) throw notFound('Export part');
    if (request.type !== 'access') throw conflict('Only access requests take export parts.');
    checkOpen(request.status, task.status);
    const registered = await owners.get(owner);
    return new Set(registered?.declaration.categories.map((c) => c.name) ?? []);
  });
}

/**
 * Stores an owner's export part from its NDJSON stream, chunk by chunk, and makes it the part
 * only once it arrived whole: an upload that breaks off leaves the previous part (or none).
 * A new upload of the same part replaces the old one.
 */
export async function storeExportPart(deps: Pick<Deps, 'uow' | 'chunks' | 'clock' | 'newId' | 'settings'>, caller: string, requestId: string, owner: string, body: AsyncIterable<Buffer>) {
  if (caller !== owner) throw forbidden('A service may upload only its own part.');
  const categories = await checkUpload(deps, requestId, owner);
  const uploadId = deps.newId('upl');
  await deps.chunks.begin(uploadId, requestId, owner, deps.clock());
  try {
    const written = await writePart(body, { maxBytes: deps.settings.partMaxBytes, categories }, (category, seq, data) => deps.chunks.write(uploadId, category, seq, data));
    await deps.uow.acrossTenants(REQUEST_WORK, async ({ requests, parts, audit }) => {
      const request = await requests.lock(requestId);
      checkOpen(request?.status, (await requests.task(requestId, owner))?.status);
      const now = deps.clock();
      await parts.finish(uploadId, { requestId, owner, ...written }, now);
      await audit.append(requestId, now, owner, 'export.part.stored', {
        bytes: written.bytes,
        records: written.records,
        categories: written.categories.map((c) => ({ category: c.category, records: c.records })),
      });
    });
    return written;
  } catch (err) {
    await deps.chunks.abort(uploadId).catch(() => undefined);
    throw err;
  }
}
