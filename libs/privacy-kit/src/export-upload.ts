import { Readable } from 'node:stream';
import { privacyInternalPaths, type CategoryResult } from '@homi/contracts';
import { coalesce, serviceCallHeaders, type ServiceKeys } from '@homi/service-kit';
import type { ExportItem } from './data-owner';

/** The audience of the owners' calls. */
const PRIVACY_SERVICE = 'privacy';

export interface PrivacyEndpoint {
  /** Base URL of the privacy service's internal port. */
  url: string;
  /** The owner's own keys: its calls are signed for the privacy service and the one request (ADR 38). */
  keys: Pick<ServiceKeys, 'service' | 'signing'>;
  timeoutMs?: number;
}

/**
 * Streams an owner's export part to the privacy service as NDJSON (one record a line), so a
 * subject with 100,000 records never sits in memory. The PUT replaces any earlier upload of the
 * same part: a redelivered command uploads again and nothing is doubled.
 */
export async function uploadExportPart(
  endpoint: PrivacyEndpoint,
  owner: string,
  requestId: string,
  records: AsyncIterable<ExportItem>,
): Promise<{ results: CategoryResult[]; bytes: number }> {
  const counts = new Map<string, number>();
  let bytes = 0;
  async function* lines() {
    for await (const item of records) {
      let line: Buffer;
      if ('lines' in item) {
        if (!item.lines) continue;
        for (const [category, n] of Object.entries(item.counts)) counts.set(category, (counts.get(category) ?? 0) + n);
        line = Buffer.from(item.lines + '\n');
      } else {
        counts.set(item.category, (counts.get(item.category) ?? 0) + 1);
        // Written as `{"category":…,"data":…}`, the form the privacy service stores without re-serialising.
        line = Buffer.from(`{"category":${JSON.stringify(item.category)},"data":${JSON.stringify(item.data)}}\n`);
      }
      bytes += line.length;
      yield line;
    }
  }
  // Records are batched into 64 kB chunks: one small buffer per record made the upload slow and
  // left memory growing with the export's size until the next collection.
  const body = Readable.toWeb(Readable.from(coalesce(lines()))) as ReadableStream<Uint8Array>;
  const url = endpoint.url + privacyInternalPaths.exportPart(requestId, owner);
  const res = await fetch(url, {
    method: 'PUT',
    headers: { 'content-type': 'application/x-ndjson', ...serviceCallHeaders(endpoint.keys, PRIVACY_SERVICE, 'PUT', url) },
    body,
    duplex: 'half',
    signal: AbortSignal.timeout(endpoint.timeoutMs ?? 120_000),
  } as RequestInit);
  await res.arrayBuffer().catch(() => undefined);
  if (!res.ok) throw new Error(`privacy service refused the export part: HTTP ${res.status}`);
  const results = [...counts].map(([category, records]) => ({ category, records, action: 'exported' as const }));
  return { results, bytes };
}

/** The corrections a rectification request asks for; they never travel on the bus. */
export async function fetchCorrections(endpoint: PrivacyEndpoint, requestId: string): Promise<Record<string, unknown>> {
  const url = endpoint.url + privacyInternalPaths.corrections(requestId);
  const res = await fetch(url, {
    headers: { accept: 'application/json', ...serviceCallHeaders(endpoint.keys, PRIVACY_SERVICE, 'GET', url) },
    signal: AbortSignal.timeout(endpoint.timeoutMs ?? 30_000),
  });
  if (!res.ok) throw new Error(`privacy service refused the corrections: HTTP ${res.status}`);
  const body = (await res.json()) as { corrections?: unknown };
  if (typeof body.corrections !== 'object' || body.corrections === null) throw new Error('corrections missing');
  return body.corrections as Record<string, unknown>;
}
