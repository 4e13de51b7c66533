import type { tenantDataApi } from '@homi/contracts';
import { AppError } from '@homi/service-kit';
import { ClientImport } from '../domain/client-import';
import { parseRow, readHeader, type ClientFileColumns } from '../domain/client-file';
import { addClient } from './create-client';
import { tenantNotes } from './health-data';
import type { Deps } from './deps';
import type { Repositories } from './ports';

/** Rows looked up and written together: one round trip for what exists, one flush. */
const BATCH = 500;

export interface FileRecord {
  row: number;
  cells: string[];
}

interface Pending {
  input: tenantDataApi.CreateClient;
  key: string;
}

/** Reads the header, or refuses the file as a whole before anything is read further. */
async function header(records: AsyncIterator<FileRecord>): Promise<ClientFileColumns> {
  const first = await records.next();
  if (first.done) throw new AppError('invalid', 'The file is empty.', { type: 'empty-file' });
  const columns = readHeader(first.value.cells);
  if ('missing' in columns) {
    throw new AppError('invalid', `The file has no column for: ${columns.missing.join(', ')}.`, {
      type: 'missing-columns', errors: columns.missing.map((m) => ({ path: 'header', message: `missing column: ${m}` })),
    });
  }
  return columns;
}

/**
 * Imports a client file (ADR 49), or with `dryRun` only reports what it would do. Every bad row is
 * reported with its row number and reasons; good rows become clients through addClient, each with
 * its ClientCreated event. Idempotent: a row whose key or e-mail address the institute already
 * holds is counted as already present, so the same file twice creates nothing the second time. All
 * or nothing: a file that turns out not to be CSV halfway leaves no client behind.
 */
export async function importClients(
  deps: Deps,
  tenantId: string,
  file: AsyncIterable<FileRecord>,
  options: { dryRun: boolean; userId: string },
): Promise<tenantDataApi.ClientImportReport> {
  const records = file[Symbol.asyncIterator]();
  const columns = await header(records);
  return deps.uow.forTenant(tenantId, async (repositories) => {
    if (!options.dryRun) await repositories.clientImports.lock(tenantId);
    const counts = { rows: 0, imported: 0, alreadyPresent: 0, invalid: 0 };
    const problems: tenantDataApi.ClientImportProblem[] = [];
    const seenKeys = new Set<string>();
    const seenEmails = new Set<string>();
    let batch: Pending[] = [];
    const settle = async () => {
      counts.imported += await settleBatch(deps, repositories, tenantId, batch, options.dryRun);
      batch = [];
    };
    for (let next = await records.next(); !next.done; next = await records.next()) {
      const parsed = parseRow(next.value.cells, columns);
      if (parsed.kind === 'blank') continue;
      counts.rows += 1;
      if (parsed.kind === 'client') {
        const email = parsed.input.email;
        if (seenKeys.has(parsed.key) || (email !== undefined && seenEmails.has(email))) {
          problems.push({ row: next.value.row, reasons: ['duplicate-in-file'] });
        } else {
          seenKeys.add(parsed.key);
          if (email !== undefined) seenEmails.add(email);
          batch.push(parsed);
          if (batch.length >= BATCH) await settle();
        }
      } else {
        problems.push({ row: next.value.row, reasons: parsed.reasons });
      }
    }
    await settle();
    counts.invalid = problems.length;
    counts.alreadyPresent = counts.rows - counts.invalid - counts.imported;
    if (counts.rows === 0) throw new AppError('invalid', 'The file has a header but no rows.', { type: 'empty-file' });
    const now = deps.clock();
    if (options.dryRun) {
      return { id: null, dryRun: true, status: 'completed', counts, ignoredColumns: columns.ignored, problems, createdAt: now.toISOString() };
    }
    const record = new ClientImport(deps.newId('imp'), tenantId, options.userId, counts, columns.ignored, problems, now);
    repositories.clientImports.add(record);
    return presentImport(record);
  });
}

/** Creates the batch's clients the institute does not hold yet (none for a dry run); how many were new. */
async function settleBatch(deps: Deps, repositories: Repositories, tenantId: string, batch: Pending[], dryRun: boolean): Promise<number> {
  if (batch.length === 0) return 0;
  const emails = batch.flatMap((p) => (p.input.email ? [p.input.email] : []));
  const existing = await repositories.clientImports.existing(tenantId, batch.map((p) => p.key), emails);
  const fresh = batch.filter((p) => !existing.keys.has(p.key) && !(p.input.email && existing.emails.has(p.input.email)));
  if (dryRun) return fresh.length;
  const now = deps.clock();
  const notes = tenantNotes(deps, repositories, tenantId);
  for (const p of fresh) await addClient(repositories, notes, { id: deps.newId('cli'), tenantId, now, importKey: p.key }, p.input);
  await repositories.clientImports.flush();
  return fresh.length;
}

export function presentImport(record: ClientImport): tenantDataApi.ClientImportReport {
  return {
    id: record.id,
    dryRun: false,
    status: record.status,
    counts: record.counts,
    ignoredColumns: record.ignoredColumns,
    problems: record.problems,
    createdAt: record.createdAt.toISOString(),
  };
}

/** One recorded import of the tenant; another tenant's id is not found. */
export async function getClientImport(deps: Deps, tenantId: string, id: string): Promise<tenantDataApi.ClientImportReport> {
  const record = await deps.uow.forTenant(tenantId, ({ clientImports }) => clientImports.get(tenantId, id));
  if (!record) throw new AppError('not_found', 'Import was not found.');
  return presentImport(record);
}
