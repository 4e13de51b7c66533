import { ApiProblem, NETWORK_ERROR, type ProblemBody } from './problem';

export const API_BASE = '/api/v1';

type Query = Record<string, string | number | boolean | undefined | null>;

interface ApiClientSettings {
  /** The current access token, if signed in. */
  accessToken: () => string | undefined;
  /** Called once when the API answers 401 with a token: renew it, resolve true to retry the call. */
  renew: () => Promise<boolean>;
}

let settings: ApiClientSettings = { accessToken: () => undefined, renew: async () => false };

/** Wires the client to the sign-in (main.tsx does it once). */
export function configureApiClient(next: ApiClientSettings): void {
  settings = next;
}

function urlOf(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

async function problemOf(res: Response): Promise<ApiProblem> {
  const retryAfter = Number(res.headers.get('retry-after'));
  const seconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
  let body: ProblemBody = { status: res.status };
  if (/json/.test(res.headers.get('content-type') ?? '')) {
    body = await res.json().catch(() => body);
  }
  return new ApiProblem(res.status, body, seconds);
}

/**
 * 401s a renewed token answers the same: a disabled (deleted) account, and actions that need a new
 * sign-in with the password (and, for HOMi staff, the second factor) rather than a renewal.
 */
const UNRENEWABLE = new Set(['account-disabled', 'reauthentication-required', 'step-up-required']);

interface SendOptions {
  query?: Query;
  body?: unknown;
  /** A file sent as it is instead of a JSON body (a client file). */
  file?: { data: Blob; contentType: string };
  /** What the answer may be besides a problem; JSON unless a file is asked for. */
  accept?: string;
}

async function send(method: string, path: string, options: SendOptions, retried = false): Promise<Response> {
  const token = settings.accessToken();
  const headers: Record<string, string> = { accept: `${options.accept ?? 'application/json'}, application/problem+json` };
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.file) headers['content-type'] = options.file.contentType;
  let res: Response;
  try {
    res = await fetch(urlOf(path, options.query), {
      method,
      headers,
      body: options.file ? options.file.data : options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new ApiProblem(0, { type: NETWORK_ERROR, status: 0 });
  }
  if (!res.ok) {
    const problem = await problemOf(res);
    // A fresh token helps an expired one, never a refusal that a token of this sign-in cannot lift.
    if (res.status === 401 && token && !retried && !UNRENEWABLE.has(problem.code) && (await settings.renew())) return send(method, path, options, true);
    throw problem;
  }
  return res;
}

async function json<T>(res: Response): Promise<T> {
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** A downloaded file: its bytes and the name `Content-Disposition` gives it. */
export interface DownloadedFile {
  blob: Blob;
  filename?: string;
}

function filenameOf(disposition: string | null): string | undefined {
  const name = /filename="?([^";]+)"?/i.exec(disposition ?? '')?.[1];
  return name && /^[\w.-]+$/.test(name) ? name : undefined;
}

/**
 * The one way the web app calls the gateway: adds the bearer token, renews it once on a 401, and
 * turns every failure (problem+json, any other error answer, no answer at all) into an ApiProblem.
 */
export const api = {
  get: async <T>(path: string, query?: Query) => json<T>(await send('GET', path, { query })),
  post: async <T>(path: string, body?: unknown) => json<T>(await send('POST', path, { body })),
  put: async <T>(path: string, body?: unknown) => json<T>(await send('PUT', path, { body })),
  patch: async <T>(path: string, body?: unknown) => json<T>(await send('PATCH', path, { body })),
  delete: async <T = void>(path: string) => json<T>(await send('DELETE', path, {})),
  /** A file as the request body, with its media type; the answer is JSON. */
  upload: async <T>(path: string, file: { data: Blob; contentType: string }, query?: Query) => json<T>(await send('POST', path, { file, query })),
  /** A file (a zip), fetched with the bearer token in the header: never a link that carries the token. */
  download: async (path: string, accept: string): Promise<DownloadedFile> => {
    const res = await send('GET', path, { accept });
    return { blob: await res.blob(), filename: filenameOf(res.headers.get('content-disposition')) };
  },
};
