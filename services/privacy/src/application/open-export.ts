import { conflict, gone, notFound, type CallerContext } from '@homi/service-kit';
import { csvRows, jsonArray } from '../domain/export-formats';
import { informationJson, readmeText, type PackageOwner } from '../domain/export-information';
import type { StoredPart } from '../domain/export-part';
import { splitLines } from '../domain/lines';
import { isAnswered, type PrivacyRequest } from '../domain/request';
import { privacyDeclaration } from '../privacy';
import type { Deps } from './deps';
import type { PrivacyRequestRepository } from './ports';
import { recordExportDownload } from './record-export-download';
import { REQUEST_WORK } from './request-work';
import { assertStanding } from './view-requests';

/** One file of the package: bytes at hand, or a source opened only when the file is reached. */
export type PackageEntry = { name: string; buffer: Buffer } | { name: string; stream: () => AsyncIterable<Buffer> };

export interface ExportPackage {
  filename: string;
  /** The time the package was made, for its files. */
  madeAt: Date;
  entries: PackageEntry[];
}

const MAX_LINE = 16 * 1024 * 1024;
const OWN_HISTORY_LIMIT = 1000;

/**
 * The access package of a completed request, for those who may follow it (never the privacy officer
 * as such), judged on their rights now, and until it expires: per
 * owner and category a JSON and a CSV file, plus the art. 15 information. Each stored file is read
 * only when the package reaches it, so the package is built while it is sent.
 * The download is on the request's audit trail, and on the institute's audit log when it is about
 * one of its clients, before the first byte goes out.
 */
export async function openExport(deps: Pick<Deps, 'uow' | 'chunks' | 'clock'>, caller: CallerContext, id: string): Promise<ExportPackage> {
  const now = deps.clock();
  const { request, parts, declarations, own } = await deps.uow.snapshot(REQUEST_WORK, async ({ requests, parts, owners }) => {
    const request = await requests.get(id);
    if (!request || request.type !== 'access') throw notFound('Export');
    // The privacy officer follows every request's progress, but opens a package only as anyone else may.
    assertStanding({ ...caller, realmRoles: [] }, request);
    if (!isAnswered(request)) throw conflict('The request is not completed yet.');
    if (!request.exportExpiresAt || now.getTime() >= request.exportExpiresAt.getTime()) throw gone('The export has expired.', 'export-expired');
    return {
      request,
      parts: await parts.ofRequest(id),
      declarations: new Map((await owners.all()).map((o) => [o.owner, o.declaration])),
      own: await ownHistory(requests, request),
    };
  });

  const entries = partEntries(deps.chunks, parts, () => true);
  const owners: PackageOwner[] = parts.map((part) => ({
    owner: part.owner, declaration: declarations.get(part.owner), records: new Map(part.categories.map((c) => [c.category, c.records])),
  }));
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
  await deps.uow.acrossTenants(REQUEST_WORK, (repositories) => recordExportDownload(repositories, caller, request, now, parts.length));
  return { filename: `homi-export-${id}.zip`, madeAt: now, entries };
}

/**
 * Per owner and category a JSON file, and a CSV file where `csv` says so, each read from the stored
 * chunks only when the zip reaches it.
 */
export function partEntries(chunks: Deps['chunks'], parts: StoredPart[], csv: (category: string) => boolean): PackageEntry[] {
  const entries: PackageEntry[] = [];
  for (const part of parts) {
    for (const c of part.categories) {
      const lines = () => splitLines(chunks.read(part.uploadId, c.category), MAX_LINE);
      entries.push({ name: `${part.owner}/${c.category}.json`, stream: () => jsonArray(lines()) });
      if (csv(c.category)) entries.push({ name: `${part.owner}/${c.category}.csv`, stream: () => csvRows(lines(), c.columns) });
    }
  }
  return entries;
}

/** The subject's own request history: what the privacy service itself holds about them. */
async function ownHistory(requests: PrivacyRequestRepository, request: PrivacyRequest) {
  const rows = await requests.bySubject(request.subject, OWN_HISTORY_LIMIT);
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
