import type { ApiRoute } from '../../../services/gateway/src/http/api-route';
import { API_ROUTES } from '../../../services/gateway/src/http/route-table';
import type { Caller } from './cast';
import { verdict } from './oracle';
import { LAST, SAMPLES, type Fixtures } from './samples';
import { pathOf, send } from './send';

export interface Cell {
  route: string;
  caller: string;
  expected: string;
  got: string;
}

/** The routes whose calls change what every later call meets (a new statement to accept, deleted accounts), in their order. */
export const lastRoutes = (): ApiRoute[] => LAST.map((id) => API_ROUTES.find((r) => r.operationId === id)!).filter(Boolean);
export const firstRoutes = (): ApiRoute[] => API_ROUTES.filter((r) => !LAST.includes(r.operationId));

export const routeName = (route: ApiRoute) => `${route.method.toUpperCase()} ${route.path}`;

/**
 * Every route × every caller against the running platform: the expected answer is the gateway's
 * verdict from the route's declared rule, and for a caller let through, the service's success (or
 * the service rule the sample names). Returns every cell, with what was expected and what came.
 */
export async function runMatrix(gateway: string, fixtures: Fixtures, callers: readonly Caller[], routes: readonly ApiRoute[]): Promise<Cell[]> {
  const cells: Cell[] = [];
  for (const route of routes) {
    const sampleOf = SAMPLES[route.operationId];
    if (!sampleOf) throw new Error(`no sample call for ${route.operationId}: add one to e2e/test/attack/samples.ts`);
    for (const caller of callers) {
      const decision = verdict(route, caller);
      fixtures.consuming = decision.pass;
      const sample = await sampleOf(fixtures, caller);
      const outcome = await send(gateway, {
        method: route.method, path: pathOf(route, fixtures.stage.tenantId, sample.params), query: sample.query, body: sample.body, rawBody: sample.rawBody, contentType: sample.contentType, token: caller.token,
      });
      await sample.after?.();
      const expected = decision.pass ? String(sample.expect ?? route.success.status) : `${decision.status} ${decision.type}`;
      const got = decision.pass ? String(outcome.status) : `${outcome.status} ${outcome.type ?? ''}`.trim();
      cells.push({ route: routeName(route), caller: caller.name, expected, got });
    }
  }
  return cells;
}

/** Counts per answer, for the summary the suite prints. */
export function tally(cells: readonly Cell[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { got } of cells) {
    const key = /^2/.test(got) ? '2xx (let through)' : got;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
