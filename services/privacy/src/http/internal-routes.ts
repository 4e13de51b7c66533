import { Router, type Request } from 'express';
import { AppError, pathId, requireService, type ServiceVerifier } from '@homi/service-kit';
import type { Deps } from '../application/deps';
import { readCorrections } from '../application/read-corrections';
import { storeExportPart } from '../application/store-export-part';
import { OWNER_NAME } from './validators';

const NDJSON_TYPES = ['application/x-ndjson', 'application/jsonl'];

function params(req: Request): { id: string; owner?: string } {
  const id = pathId(req, 'id', 'dsr', 'Privacy request');
  const { owner } = req.params as Record<string, unknown>;
  if (owner !== undefined && (typeof owner !== 'string' || !OWNER_NAME.test(owner))) throw new AppError('not_found', 'Privacy request was not found');
  return { id, owner };
}

/** The export-part upload: a streamed NDJSON body, mounted before any JSON body parser. */
export function uploadRoutes(deps: Deps, verifier: ServiceVerifier): Router {
  const router = Router();
  router.put('/internal/v1/privacy/requests/:id/parts/:owner', requireService(verifier), async (req, res) => {
    const { id, owner } = params(req);
    if (!req.is(NDJSON_TYPES)) throw new AppError('unsupported_media_type', 'Send the export part as application/x-ndjson.');
    const written = await storeExportPart(deps, req.service ?? '', id, owner ?? '', req);
    res.status(200).json({ bytes: written.bytes, records: written.records });
  });
  return router;
}

/** Owners read a rectification's corrections here; they never travel on the bus. */
export function internalRoutes(deps: Deps, verifier: ServiceVerifier): Router {
  const router = Router();
  router.get('/internal/v1/privacy/requests/:id/corrections', requireService(verifier), async (req, res) => {
    const { id } = params(req);
    res.set('Cache-Control', 'no-store').json({ corrections: await readCorrections(deps, req.service ?? '', id) });
  });
  return router;
}
