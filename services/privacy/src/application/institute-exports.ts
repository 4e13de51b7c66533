import { AppError, forbidden, gone, notFound, type CallerContext } from '@homi/service-kit';
import { isAnswered, isOpen, type PrivacyRequest } from '../domain/request';
import type { OwnerTask } from '../domain/task';
import type { Deps } from './deps';
import { partEntries, type ExportPackage } from './open-export';
import { openRequest } from './open-request';
import { REQUEST_WORK } from './request-work';

/** The categories that are tables to a spreadsheet: these get a CSV beside their JSON (ADR 54). */
export const TABULAR_CATEGORIES: ReadonlySet<string> = new Set(['client-profile', 'appointments', 'treatments', 'invoices', 'memberships']);

const LISTED = 20;

export interface InstituteExportView {
  request: PrivacyRequest;
  tasks: OwnerTask[];
  now: Date;
}

/**
 * Only the institute's owners, as the signed caller context says they are now, never HOMi support
 * under a grant: the export holds every client's health data (ADR 54). Another tenant: not found.
 */
function assertOwner(caller: CallerContext, tenantId: string): void {
  if (caller.tenantId !== tenantId || !caller.role) throw notFound('Tenant');
  if (caller.role !== 'owner' || caller.support) throw forbidden('Only an owner of the institute may export all its data.', 'role-required');
}

/**
 * Starts an export of everything the institute holds: one access request with the institute as its
 * subject, run by every data owner like any other, but marked as the institute's own export so it
 * never shows as a privacy request. While one is under way, that one is answered instead of a second.
 */
export async function startInstituteExport(deps: Pick<Deps, 'uow' | 'clock' | 'settings' | 'newId'>, caller: CallerContext, tenantId: string): Promise<PrivacyRequest> {
  assertOwner(caller, tenantId);
  return deps.uow.acrossTenants(REQUEST_WORK, async (repositories) => {
    const [latest] = await repositories.requests.instituteExports(tenantId, 1);
    if (latest && isOpen(latest)) return latest;
    return openRequest(repositories, deps, {
      id: deps.newId('dsr'), type: 'access', subject: { kind: 'tenant', tenantId }, requester: { userId: caller.userId, tenantId },
      source: 'api', purpose: 'institute-export',
    });
  });
}

/** The institute's recent exports with their progress, newest first, for its owners. */
export async function listInstituteExports(deps: Pick<Deps, 'uow' | 'clock'>, caller: CallerContext, tenantId: string): Promise<InstituteExportView[]> {
  assertOwner(caller, tenantId);
  const { requests, tasks } = await deps.uow.snapshot(REQUEST_WORK, async ({ requests }) => {
    const found = await requests.instituteExports(tenantId, LISTED);
    return { requests: found, tasks: await requests.tasksOf(found.map((r) => r.id)) };
  });
  const now = deps.clock();
  return requests.map((request) => ({ request, tasks: tasks.filter((t) => t.requestId === request.id), now }));
}

/**
 * The export's zip once every owner answered (or its deadline passed, naming the owners missing), for
 * the institute's owners until it expires: per owner and category a JSON file, a CSV for the tabular
 * ones, and a manifest with the counts. The download is on the request's audit trail before the first
 * byte; the gateway has put it on the institute's audit log before forwarding.
 */
export async function openInstituteExport(deps: Pick<Deps, 'uow' | 'chunks' | 'clock'>, caller: CallerContext, tenantId: string, id: string): Promise<ExportPackage> {
  assertOwner(caller, tenantId);
  const now = deps.clock();
  const { request, parts, tasks } = await deps.uow.snapshot(REQUEST_WORK, async ({ requests, parts }) => {
    const request = await requests.get(id);
    if (!request || request.purpose !== 'institute-export' || request.subject.kind !== 'tenant' || request.subject.tenantId !== tenantId) throw notFound('Export');
    if (!isAnswered(request)) throw new AppError('conflict', 'The export is not ready yet.', { type: 'export-not-ready' });
    if (!request.exportExpiresAt || now.getTime() >= request.exportExpiresAt.getTime()) throw gone('The export has expired.', 'export-expired');
    return { request, parts: await parts.ofRequest(id), tasks: await requests.tasks(id) };
  });
  const entries = partEntries(deps.chunks, parts, (category) => TABULAR_CATEGORIES.has(category));
  const manifest = {
    kind: 'homi-institute-export',
    version: 1,
    tenantId,
    exportId: request.id,
    requestedAt: request.receivedAt.toISOString(),
    completedAt: request.completedAt?.toISOString() ?? null,
    madeAt: now.toISOString(),
    complete: request.status === 'completed',
    missingServices: tasks.filter((t) => t.status !== 'completed').map((t) => t.owner),
    records: Object.fromEntries(parts.flatMap((p) => p.categories.map((c) => [`${p.owner}/${c.category}`, c.records]))),
    files: entries.map((e) => e.name),
  };
  entries.unshift(
    { name: 'README.txt', buffer: Buffer.from(README) },
    { name: 'manifest.json', buffer: Buffer.from(JSON.stringify(manifest, null, 2)) },
  );
  await deps.uow.acrossTenants(REQUEST_WORK, ({ audit }) => audit.append(request.id, now, caller.userId, 'export.downloaded', { parts: parts.length }));
  return { filename: `homi-institute-export-${request.id}.zip`, madeAt: now, entries };
}

const README = `HOMi — export van alle gegevens van uw instituut / export of everything your institute holds

NL: Alle ingevoerde gegevens zijn eigendom van u. Deze map bevat alles wat HOMi voor uw instituut bewaart:
per dienst en soort gegevens een JSON-bestand (volledig, machineleesbaar) en voor tabellen (klanten,
afspraken, behandelingen, facturen, medewerkers) ook een CSV-bestand voor een spreadsheet.
manifest.json noemt elk bestand en het aantal records. Gezondheidsgegevens (waarschuwingen en
behandelnotities) staan er ontsleuteld in: bewaar dit bestand zorgvuldig.

EN: Everything you entered is yours. This archive holds everything HOMi keeps for your institute:
per service and kind of data a JSON file (complete, machine-readable), and for tables (clients,
appointments, treatments, invoices, members) a CSV file for a spreadsheet as well. manifest.json
names every file and its number of records. Health data (alerts and treatment notes) is in it
decrypted: keep this file safe.
`;
