import { conflict, forbidden, notFound } from '@homi/service-kit';
import { writePart } from '../export/part-writer';
import { appendAudit } from '../infrastructure/audit-trail';
import { OwnerRegistry } from '../infrastructure/owner-registry';
import { RequestRepository } from '../infrastructure/request-repository';
import type { Deps } from './deps';

/** A part is final once its owner has answered: the package holds what the report counted. */
function checkOpen(requestStatus: string | undefined, taskStatus: string | undefined): void {
  if (requestStatus === 'completed') throw conflict('The request has been completed; its package is final.');
  if (taskStatus === 'completed') throw conflict('This owner has answered; its part is final.');
}

/** What an owner's upload may change: its own part of an open access request it was commanded for. */
async function checkUpload(deps: Deps, requestId: string, owner: string) {
  const em = deps.db.fork();
  const repo = new RequestRepository(em);
  const request = await repo.get(requestId);
  const task = await repo.task(requestId, owner);
  if (!request || !task) throw notFound('Export part');
  if (request.type !== 'access') throw conflict('Only access requests take export parts.');
  checkOpen(request.status, task.status);
  const registered = await new OwnerRegistry(em).get(owner);
  return new Set(registered?.declaration.categories.map((c) => c.name) ?? []);
}

/**
 * Stores an owner's export part from its NDJSON stream, chunk by chunk, and makes it the part
 * only once it arrived whole: an upload that breaks off leaves the previous part (or none).
 * A new upload of the same part replaces the old one.
 */
export async function storeExportPart(deps: Deps, caller: string, requestId: string, owner: string, body: AsyncIterable<Buffer>) {
  if (caller !== owner) throw forbidden('A service may upload only its own part.');
  const categories = await checkUpload(deps, requestId, owner);
  const em = deps.db.fork();
  const uploadId = deps.newId('upl');
  await deps.parts.begin(em, uploadId, requestId, owner, deps.clock());
  try {
    const written = await writePart(body, { maxBytes: deps.settings.partMaxBytes, categories }, (category, seq, data) =>
      deps.parts.writeChunk(em, uploadId, category, seq, data),
    );
    await deps.db.transaction(async (tx) => {
      const repo = new RequestRepository(tx);
      const request = await repo.lock(requestId);
      checkOpen(request?.status, (await repo.task(requestId, owner))?.status);
      const now = deps.clock();
      await deps.parts.finish(tx, uploadId, { requestId, owner, ...written }, now);
      await appendAudit(tx, requestId, now, owner, 'export.part.stored', {
        bytes: written.bytes,
        records: written.records,
        categories: written.categories.map((c) => ({ category: c.category, records: c.records })),
      });
    });
    return written;
  } catch (err) {
    await deps.parts.abort(em, uploadId).catch(() => undefined);
    throw err;
  }
}
