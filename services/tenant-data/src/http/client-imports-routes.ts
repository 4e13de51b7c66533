import { Router, type Request } from 'express';
import { tenantDataApi } from '@homi/contracts';
import { AppError, parseInput, pathId, requireModule, tenantCaller } from '@homi/service-kit';
import type { Deps } from '../application/deps';
import { getClientImport, importClients } from '../application/import-clients';
import { csvRecords } from '../infrastructure/csv-records';

/** The largest client file taken: some 100,000 clients with notes. */
export const MAX_CLIENT_FILE_BYTES = 20 * 1024 * 1024;

const IMPORTS_PATH = /^\/api\/v1\/tenants\/[^/]+\/client-imports\/?$/;

/** The one request whose body is not JSON: a client file, streamed to the parser (createHttpApp's `streamedBodies`). */
export const isClientFileUpload = (req: Request) => req.method === 'POST' && IMPORTS_PATH.test(req.path);

/** text/csv, in UTF-8 when a charset is named; the size announced, if it is, within the limit. */
function checkUpload(req: Request): void {
  if (!req.is('text/csv')) throw new AppError('unsupported_media_type', 'Send the client file as text/csv.');
  const charset = /charset=([^;]+)/i.exec(req.headers['content-type'] ?? '')?.[1]?.trim().replace(/"/g, '').toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') throw new AppError('unsupported_media_type', 'Send the client file in UTF-8.');
  if (Number(req.headers['content-length'] ?? 0) > MAX_CLIENT_FILE_BYTES) throw new AppError('payload_too_large', 'The file is larger than 20 MB.');
}

/** /tenants/:tenantId/client-imports — a client file imported, or tried first (`?dryRun=true`); taken with clients:edit like a new client. */
export function clientImportsRoutes(deps: Deps): Router {
  const router = Router({ mergeParams: true });
  const edit = requireModule('clients', 'edit');
  const view = requireModule('clients', 'view');

  router.post('/', edit, async (req, res) => {
    const { dryRun } = parseInput(tenantDataApi.ClientImportQuery, req.query, 'query');
    checkUpload(req);
    const caller = tenantCaller(req);
    // A file refused halfway is not read on: node discards the rest once the answer is sent, and the
    // connection stays usable for the gateway, which sends at most the limit.
    const report = await importClients(deps, caller.tenantId, csvRecords(req, MAX_CLIENT_FILE_BYTES), { dryRun, userId: caller.userId });
    if (report.id === null) res.status(200).json(report);
    else res.status(201).location(`${req.baseUrl}/${report.id}`).json(report);
  });

  router.get('/:importId', view, async (req, res) => {
    const caller = tenantCaller(req);
    res.json(await getClientImport(deps, caller.tenantId, pathId(req, 'importId', 'imp', 'Import')));
  });

  return router;
}
