import http from 'node:http';
import { identityApi } from '@homi/contracts';
import { devServiceKeys, PROBLEM_TYPE_BASE, SERVICE_HEADER, serviceVerifier, verifyService } from '@homi/service-kit';

export interface StubAnswer {
  status: number;
  body?: unknown;
}

export interface StubIdentity {
  url: string;
  /** Every call to the institute details route, with the service its credential named. */
  calls: { tenantId: string; service: string }[];
  /** Every institute name told (PUT …/name, ADR 74), with the service its credential named; a known tenant's is taken (204). */
  names: { tenantId: string; name: unknown; service: string }[];
  /** Answers for one tenant, in order; the last one repeats. Unknown tenants get tenant-not-found. */
  answer(tenantId: string, ...answers: StubAnswer[]): void;
  callsFor(tenantId: string): number;
  close(): Promise<void>;
}

export const details = (body: identityApi.InstituteDetails): StubAnswer => ({ status: 200, body });
const unauthenticated: StubAnswer = { status: 401, body: { type: PROBLEM_TYPE_BASE + 'unauthenticated' } };
export const tenantNotFound: StubAnswer = {
  status: 404,
  body: { type: PROBLEM_TYPE_BASE + identityApi.TENANT_NOT_FOUND_PROBLEM, title: 'Not found', status: 404 },
};

/**
 * identity's internal institute routes on a real socket (the details, and the name told back after a
 * change): it checks the service credential as identity does (401 without one, or one not made for
 * identity and this request) and answers what the test set up.
 */
export async function startStubIdentity(): Promise<StubIdentity> {
  const verifier = serviceVerifier(devServiceKeys('identity'));
  const prefix = identityApi.identityInternalPaths.tenant('');
  const answers = new Map<string, StubAnswer[]>();
  const calls: StubIdentity['calls'] = [];
  const server = http.createServer((req, res) => {
    const send = ({ status, body }: StubAnswer) =>
      res.writeHead(status, { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' }).end(JSON.stringify(body ?? {}));
    const url = req.url ?? '';
    const naming = req.method === 'PUT' && url.startsWith(prefix) && url.endsWith('/name');
    if ((req.method !== 'GET' && !naming) || !url.startsWith(prefix)) return send({ status: 404, body: { type: PROBLEM_TYPE_BASE + 'not-found' } });
    if (naming) return void takeName(req, url).then((status) => (status === 204 ? res.writeHead(204).end() : send(status === 401 ? unauthenticated : tenantNotFound)));
    verifyService(req.headers[SERVICE_HEADER] as string | undefined, verifier, { method: 'GET', path: url }).then(
      (service) => {
        const tenantId = url.slice(prefix.length);
        calls.push({ tenantId, service });
        const queue = answers.get(tenantId) ?? [tenantNotFound];
        send(queue.length > 1 ? (queue.shift() as StubAnswer) : (queue[0] as StubAnswer));
      },
      () => send(unauthenticated),
    );
  });
  const names: StubIdentity['names'] = [];
  /** A name told for a tenant the test set answers for is taken; another tenant is not found. */
  const takeName = async (req: http.IncomingMessage, url: string): Promise<number> => {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    try {
      const service = await verifyService(req.headers[SERVICE_HEADER] as string | undefined, verifier, { method: 'PUT', path: url });
      const tenantId = url.slice(prefix.length, -'/name'.length);
      names.push({ tenantId, name: (JSON.parse(body) as { name?: unknown }).name, service });
      return answers.has(tenantId) ? 204 : 404;
    } catch {
      return 401;
    }
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    calls,
    names,
    answer: (tenantId, ...given) => void answers.set(tenantId, given),
    callsFor: (tenantId) => calls.filter((c) => c.tenantId === tenantId).length,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
