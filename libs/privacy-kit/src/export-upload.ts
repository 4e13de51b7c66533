import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { EXPORT_PART_FINAL, privacyInternalPaths, type CategoryResult } from '@homi/contracts';
import { serviceCallHeaders, type ServiceKeys } from '@homi/service-kit';
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

/** Text gathered into writes of about this many characters (with the last batch, still under V8's 128 kB large-object size; ADR 62). */
const WRITE_CHARS = 32 * 1024;

/**
 * Streams an owner's export part to the privacy service as NDJSON (one record a line), so a
 * subject with 100,000 records never sits in memory. The PUT replaces any earlier upload of the
 * same part: a redelivered command uploads again and nothing is doubled. Null when privacy no longer
 * takes the part because this owner's answer is recorded (EXPORT_PART_FINAL): there is nothing to do.
 *
 * The lines go to the socket as strings (node:http writes a string without a Buffer of its own):
 * a Buffer per record or batch, then a coalesced copy and the web stream's, was garbage outside the
 * JS heap that V8 collects only after tens of MB of it (ADR 54).
 */
export async function uploadExportPart(
  endpoint: PrivacyEndpoint,
  owner: string,
  requestId: string,
  records: AsyncIterable<ExportItem>,
): Promise<{ results: CategoryResult[]; bytes: number } | null> {
  const counts = new Map<string, number>();
  let bytes = 0;
  async function* text() {
    let pending = '';
    for await (const item of records) {
      let line: string;
      if ('lines' in item) {
        if (!item.lines) continue;
        for (const [category, n] of Object.entries(item.counts)) counts.set(category, (counts.get(category) ?? 0) + n);
        line = item.lines;
      } else {
        counts.set(item.category, (counts.get(item.category) ?? 0) + 1);
        // Written as `{"category":…,"data":…}`, the form the privacy service stores without re-serialising.
        line = `{"category":${JSON.stringify(item.category)},"data":${JSON.stringify(item.data)}}`;
      }
      bytes += Buffer.byteLength(line) + 1;
      pending += line + '\n';
      if (pending.length >= WRITE_CHARS) {
        yield pending;
        pending = '';
      }
    }
    if (pending) yield pending;
  }
  const url = endpoint.url + privacyInternalPaths.exportPart(requestId, owner);
  const { status, problemType } = await put(url, { 'content-type': 'application/x-ndjson', ...serviceCallHeaders(endpoint.keys, PRIVACY_SERVICE, 'PUT', url) }, text(), endpoint.timeoutMs ?? 120_000);
  if (status === 409 && problemType?.endsWith(`/${EXPORT_PART_FINAL}`)) return null;
  if (status < 200 || status >= 300) throw new Error(`privacy service refused the export part: HTTP ${status}`);
  const results = [...counts].map(([category, records]) => ({ category, records, action: 'exported' as const }));
  return { results, bytes };
}

/** Until the request takes more (drain) or is gone (close), with no listener left behind. */
function drained(req: ClientRequest): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      req.off('drain', done);
      req.off('close', done);
      resolve();
    };
    req.on('drain', done);
    req.on('close', done);
  });
}

/** The most of a refusal's body read for its problem type. */
const PROBLEM_BYTES = 8 * 1024;

/** A chunked PUT of `body`, written as the socket takes it; the answer's status (and a refusal's problem type) once it is complete. */
function put(url: string, headers: Record<string, string>, body: AsyncIterable<string>, timeoutMs: number): Promise<{ status: number; problemType?: string }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = (target.protocol === 'https:' ? httpsRequest : httpRequest)(target, { method: 'PUT', headers });
    const timer = setTimeout(() => req.destroy(new Error(`the export upload took longer than ${timeoutMs} ms`)), timeoutMs);
    const fail = (err: unknown) => {
      clearTimeout(timer);
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    req.on('error', fail);
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (status >= 400 && text.length < PROBLEM_BYTES) text += chunk;
      });
      res.on('error', fail);
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status, problemType: problemTypeOf(text) });
        // An early answer (a refusal) ends the writing too.
        if (!req.writableFinished) req.destroy();
      });
    });
    void (async () => {
      for await (const chunk of body) {
        if (req.destroyed) return;
        if (!req.write(chunk)) await drained(req);
      }
      req.end();
    })().catch((err: unknown) => req.destroy(err instanceof Error ? err : new Error(String(err))));
  });
}

function problemTypeOf(text: string): string | undefined {
  try {
    const type = (JSON.parse(text) as { type?: unknown }).type;
    return typeof type === 'string' ? type : undefined;
  } catch {
    return undefined;
  }
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
