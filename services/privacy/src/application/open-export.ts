import type { Readable } from 'node:stream';
import { conflict, gone, notFound, type CallerContext } from '@homi/service-kit';
import type { PrivacyRequest } from '../domain/request';
import { csvRows, jsonArray } from '../export/formats';
import { informationJson, readmeText, type PackageOwner } from '../export/information';
import { splitLines } from '../export/lines';
import { zipPackage, type ZipEntry } from '../export/zip-package';
import { OwnerRegistry } from '../infrastructure/owner-registry';
import { RequestRepository } from '../infrastructure/request-repository';
import { privacyDeclaration } from '../privacy';
import type { Deps } from './deps';
import { recordExportDownload } from './record-export-download';
import { assertStanding } from './view-requests';

const MAX_LINE = 16 * 1024 * 1024;
const OWN_HISTORY_LIMIT = 1000;

/**
 * The access package of a completed request, for those who may follow it (never the privacy officer
 * as such), judged on their rights now, and until it expires: per
 * owner and category a JSON and a CSV file, plus the art. 15 information. Built while it is sent.
 * The download is on the request's audit trail, and on the institute's audit log when it is about
 * one of its clients, before the first byte goes out.
 */
export async function openExport(deps: Deps, caller: CallerContext, id: string): Promise<{ filename: string; stream: Readable }> {
  const em = deps.db.fork();
  const request = await new RequestRepository(em).get(id);
  if (!request || request.type !== 'access') throw notFound('Export');
  // The privacy officer follows every request's progress, but opens a package only as anyone else may.
  assertStanding({ ...caller, realmRoles: [] }, request);
  if (request.status !== 'completed') throw conflict('The request is not completed yet.');
  const now = deps.clock();
  if (!request.exportExpiresAt || now.getTime() >= request.exportExpiresAt.getTime()) throw gone('The export has expired.', 'export-expired');

  const parts = await deps.parts.ofRequest(em, id);
  const declarations = new Map((await new OwnerRegistry(em).all()).map((o) => [o.owner, o.declaration]));
  const entries: ZipEntry[] = [];
  const owners: PackageOwner[] = [];
  for (const part of parts) {
    owners.push({ owner: part.owner, declaration: declarations.get(part.owner), records: new Map(part.categories.map((c) => [c.category, c.records])) });
    for (const c of part.categories) {
      const lines = () => splitLines(deps.parts.read(deps.db.fork(), part.uploadId, c.category), MAX_LINE);
      entries.push({ name: `${part.owner}/${c.category}.json`, stream: () => jsonArray(lines()) });
      entries.push({ name: `${part.owner}/${c.category}.csv`, stream: () => csvRows(lines(), c.columns) });
    }
  }
  const own = await ownHistory(deps, request);
  owners.push({ owner: privacyDeclaration.owner, declaration: privacyDeclaration, records: new Map([['privacy-requests', own.length]]) });
  const ownLines = async function* () {
    for (const r of own) yield Buffer.from(JSON.stringify(r));
  };
  entries.push({ name: 'privacy/privacy-requests.json', stream: () => jsonArray(ownLines()) });
  entries.push({ name: 'privacy/privacy-requests.csv', stream: () => csvRows(ownLines(), privacyDeclaration.categories[0]!.fields) });

  const information = informationJson(request, owners, now);
  entries.unshift(
    { name: 'README.txt', buffer: Buffer.from(readmeText(information)) },
    { name: 'information.json', buffer: Buffer.from(JSON.stringify(information, null, 2)) },
  );
  await deps.db.transaction((tx) => recordExportDownload(tx, caller, request, now, parts.length));
  return { filename: `homi-export-${id}.zip`, stream: zipPackage(entries, now) };
}

/** The subject's own request history: what the privacy service itself holds about them. */
async function ownHistory(deps: Deps, request: PrivacyRequest) {
  const rows = await new RequestRepository(deps.db.fork()).bySubject(request.subject, OWN_HISTORY_LIMIT);
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    status: r.status,
    receivedAt: r.receivedAt.toISOString(),
    dueAt: r.dueAt.toISOString(),
    extendedUntil: r.extension ? r.dueAt.toISOString() : null,
    completedAt: r.completedAt?.toISOString() ?? null,
  }));
}
