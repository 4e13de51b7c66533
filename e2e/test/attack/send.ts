import http from 'node:http';
import type { ApiRoute } from '../../../services/gateway/src/http/api-route';

export interface Outcome {
  status: number;
  /** The last segment of a problem's type, when the answer is a problem. */
  type?: string;
}

export interface Request {
  method: string;
  /** Under /api/v1, ids filled in, no query. */
  path: string;
  query?: string;
  /** A value is sent as JSON; a string as it is (with `contentType`, default JSON), to send what is not JSON. */
  body?: unknown;
  rawBody?: string;
  contentType?: string;
  token?: string;
}

/** The route's path with its parameters: the stage's tenant unless named, every other id from `params`. */
export function pathOf(route: ApiRoute, tenantId: string, params: Record<string, string> = {}): string {
  return route.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? (name === 'tenantId' ? tenantId : `missing-${name}`)));
}

/**
 * One request to the gateway over a real socket, the path sent as it is (no URL normalisation of
 * `..` or encoded characters, as a hostile client would send it); the answer's status and problem
 * type (the body is read in full, a zip too).
 */
export function send(gateway: string, req: Request): Promise<Outcome> {
  const headers: Record<string, string | number> = {};
  if (req.token) headers.authorization = `Bearer ${req.token}`;
  let body: Buffer | undefined;
  if (req.rawBody !== undefined) body = Buffer.from(req.rawBody);
  else if (req.body !== undefined) body = Buffer.from(JSON.stringify(req.body));
  if (body !== undefined) {
    headers['content-type'] = req.contentType ?? 'application/json';
    headers['content-length'] = body.length;
  }
  const { hostname, port } = new URL(gateway);
  const path = `/api/v1${req.path}${req.query ? `?${req.query}` : ''}`;
  return new Promise((resolve, reject) => {
    const call = http.request({ hostname, port, path, method: req.method.toUpperCase(), headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (!(res.headers['content-type'] ?? '').includes('application/problem+json')) return resolve({ status });
        try {
          resolve({ status, type: String((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type?: string }).type ?? '').split('/').pop() });
        } catch {
          resolve({ status, type: 'unparseable-problem' });
        }
      });
    });
    call.on('error', reject);
    call.end(body);
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

/** Closes the kept-alive sockets (at the end of a suite). */
export const closeConnections = () => agent.destroy();
