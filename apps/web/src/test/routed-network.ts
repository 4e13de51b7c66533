import { jsonResponse } from './render';

type Answer = Response | (() => Response);

/**
 * A fetch stand-in that answers by `METHOD path` (the path without the API prefix and query), for
 * pages whose queries fetch again on their own schedule: each route answers with its next response,
 * the last one repeated; an unknown route fails like a lost network. Records every request.
 */
export function routedNetwork(routes: Record<string, Answer | Answer[]>) {
  const queues = new Map(Object.entries(routes).map(([route, answers]) => [route, Array.isArray(answers) ? [...answers] : [answers]]));
  const requests: { url: string; method: string; body?: unknown }[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    const method = init.method ?? 'GET';
    requests.push({ url, method, body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined });
    const queue = queues.get(`${method} ${url.replace(/^\/api\/v1/, '').split('?')[0]}`);
    const next = queue && (queue.length > 1 ? queue.shift() : queue[0]);
    if (!next) throw new TypeError('Failed to fetch');
    return typeof next === 'function' ? next() : next.clone();
  };
  return { fetch, requests };
}

export const listOf = (items: unknown[]) => () => jsonResponse(200, { items });
