import fc from 'fast-check';
import type { ApiRoute } from '../../services/gateway/src/http/api-route';
import { API_ROUTES } from '../../services/gateway/src/http/route-table';
import { renewTokens, stageCast, type Caller, type Stage } from './attack/cast';
import { allowedTo, deniedTo, Fuzzer, fuzzable, type Shot } from './attack/fuzz';
import { firstRoutes, lastRoutes, runMatrix, tally, type Cell } from './attack/matrix';
import { changed, settledCounts } from './attack/rows';
import { Fixtures, SAMPLES } from './attack/samples';
import { resolverOf } from './attack/schema';
import { closeConnections, type Request } from './attack/send';
import { client, startPlatform, type Platform } from './platform';

// Issue 12's attack suite: every route of the gateway's route table (and so of the OpenAPI document)
// called by every kind of caller, against the platform running as processes; the expected answer
// is derived from the route's declared rule, so a new route is covered the day it is added.
let p: Platform;
let stage: Stage;
let fixtures: Fixtures;

beforeAll(async () => {
  p = await startPlatform();
  stage = await stageCast(p);
  fixtures = new Fixtures(p, stage);
}, 300_000);
afterAll(async () => {
  closeConnections();
  await p?.stop();
});

describe('the route table', () => {
  it('is exactly what the OpenAPI document describes, and every route has a sample call', async () => {
    const doc = (await client(p.gateway).get('/openapi.json')).body as { paths: Record<string, Record<string, { operationId: string }>> };
    // Besides the routed ones, the gateway documents its own three: this document, its docs page, and
    // the one-click unsubscribe URL opened in a browser (a 303 to the web page; ADR 63).
    const own = ['GET /docs', 'GET /openapi.json', 'GET /reminder-unsubscribes/{code}'];
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .filter((op) => !own.includes(op)).sort();
    const table = API_ROUTES.map((r) => `${r.method.toUpperCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`).sort();
    expect(documented).toEqual(table);
    expect(API_ROUTES.filter((r) => !SAMPLES[r.operationId]).map((r) => r.operationId)).toEqual([]);
  });
});

const cells: Cell[] = [];
const expectAsDeclared = (some: readonly Cell[]) =>
  expect(some.filter((c) => c.got !== c.expected).map((c) => `${c.route} as ${c.caller}: expected ${c.expected}, got ${c.got}`)).toEqual([]);

describe('the access matrix', () => {
  it('answers every route × caller as the declared rule says (all but the routes that change every later call)', async () => {
    await renewTokens(p, stage);
    cells.push(...(await runMatrix(p.gateway, fixtures, stage.callers, firstRoutes())));
    expectAsDeclared(cells);
  }, 600_000);
});

describe('fuzzing every route (fast-check)', () => {
  const shots: Shot[] = [];
  let fuzzer: Fuzzer;
  /** Each (operation, caller) pair with the matrix's valid call (without the token) as the base to vary. */
  const pairs = new Map<string, { route: ApiRoute; caller: Caller; base: Request }>();
  const keyOf = (route: ApiRoute, caller: Caller) => `${route.operationId} as ${caller.name}`;
  const keys = (routes: readonly ApiRoute[], pick: (route: ApiRoute, callers: readonly Caller[]) => Caller[]) =>
    routes.flatMap((route) => pick(route, stage.callers).map((caller) => keyOf(route, caller)));
  /** The shots of one property: a pair's key and a variant of its call; printed small when a run fails. */
  const shotsOf = (candidates: string[], variants: (pair: { route: ApiRoute; base: Request }) => fc.Arbitrary<{ what: string; request: Request }>) =>
    fc.constantFrom(...candidates).chain((pair) => variants(pairs.get(pair)!).map((v) => ({ pair, what: v.what, request: v.request })));
  const fire = async ({ pair, what, request }: { pair: string; what: string; request: Request }) => {
    const { route, caller } = pairs.get(pair)!;
    const shot = await fuzzer.shoot(route, caller, what, { ...request, token: caller.token });
    shots.push(shot);
    return shot;
  };
  const describeShot = (s: Shot) => `${s.route.method.toUpperCase()} ${s.request.path}${s.request.query ? `?${s.request.query}` : ''} as ${s.caller.name} (${s.what}): ${s.status}`;

  beforeAll(async () => {
    const doc = (await client(p.gateway).get('/openapi.json')).body;
    fuzzer = new Fuzzer(p.gateway, fixtures, doc, resolverOf(doc));
    for (const route of API_ROUTES) {
      for (const caller of stage.callers) {
        const { token: _token, ...base } = await fuzzer.base(route, caller);
        pairs.set(keyOf(route, caller), { route, caller, base });
      }
    }
  }, 300_000);

  afterAll(() => {
    const byStatus: Record<string, number> = {};
    for (const s of shots) byStatus[s.status] = (byStatus[s.status] ?? 0) + 1;
    const fives = shots.filter((s) => s.status >= 500).length;
    // eslint-disable-next-line no-console
    console.log(`fuzz: ${shots.length} requests over ${API_ROUTES.length} routes; ${fives} answered 5xx; by status: ${JSON.stringify(byStatus)}`);
  });

  it('refuses every call of a caller the rules refuse, whatever it sends, and changes nothing', async () => {
    await renewTokens(p, stage);
    const before = await settledCounts(p.databases);
    expect(before.size).toBeGreaterThan(30); // every service's tables are counted
    await fc.assert(
      fc.asyncProperty(shotsOf(keys(API_ROUTES, deniedTo), ({ route, base }) => fuzzer.anyVariant(route, base)), async (planned) => {
        const shot = await fire(planned);
        if (shot.status < 400 || shot.status >= 500) throw new Error(describeShot(shot));
      }),
      { numRuns: 1500 },
    );
    expect(changed(before, await settledCounts(p.databases))).toEqual([]);
  }, 900_000);

  it('answers a caller the rules admit with a 4xx for every invalid body, id or query, and changes nothing', async () => {
    await renewTokens(p, stage);
    const before = await settledCounts(p.databases);
    const candidates = keys(API_ROUTES, allowedTo).filter((k) => fuzzer.invalidVariants(pairs.get(k)!.route, pairs.get(k)!.base));
    await fc.assert(
      fc.asyncProperty(shotsOf(candidates, ({ route, base }) => fuzzer.invalidVariants(route, base)!), async (planned) => {
        const shot = await fire(planned);
        if (shot.status < 400 || shot.status >= 500) throw new Error(describeShot(shot));
      }),
      { numRuns: 2000 },
    );
    expect(changed(before, await settledCounts(p.databases))).toEqual([]);
  }, 900_000);

  it('never answers 5xx to anything a caller the rules admit sends', async () => {
    await renewTokens(p, stage);
    await fc.assert(
      fc.asyncProperty(shotsOf(keys(API_ROUTES.filter(fuzzable), allowedTo), ({ route, base }) => fuzzer.anyVariant(route, base)), async (planned) => {
        const shot = await fire(planned);
        if (shot.status >= 500) throw new Error(describeShot(shot));
      }),
      { numRuns: 1600 },
    );
    expect(shots.length).toBeGreaterThanOrEqual(5000);
  }, 900_000);
});

describe('the access matrix, last: a new privacy statement, then every account deleted', () => {
  it('answers those routes × every caller as the declared rule says', async () => {
    await renewTokens(p, stage);
    const last = await runMatrix(p.gateway, fixtures, stage.callers, lastRoutes());
    cells.push(...last);
    const unexpected = cells.filter((c) => c.got !== c.expected);
    // eslint-disable-next-line no-console
    console.log(
      `access matrix: ${API_ROUTES.length} routes × ${stage.callers.length} callers = ${cells.length} calls; ` +
        `${unexpected.length} unexpected; by answer: ${JSON.stringify(tally(cells))}`,
    );
    expectAsDeclared(last);
  }, 600_000);
});
