import type { Browser } from 'playwright-core';
import { startPlatform, type Platform, type PlatformOptions } from '../platform';
import { axeSummary, launchBrowser } from './browser';

/** A journey is many page loads; the root jest config's 30 s per test is for API tests. */
export const JOURNEY_TIMEOUT_MS = 150_000;
export const unique = () => Math.random().toString(36).slice(2, 8);

/** What a journey runs against: the file's platform and its Chromium. */
export interface JourneyWorld {
  p: Platform;
  browser: Browser;
}

export interface WebJourneys {
  /** The platform and browser, each readable once the file's beforeAll has run (in a later beforeAll or a helper). */
  world: JourneyWorld;
  /** A test (`it`) with a journey's timeout, given the started platform and browser. */
  journey(name: string, run: (world: JourneyWorld) => Promise<void>, timeoutMs?: number): void;
}

/**
 * One platform, started as `npm start` starts it, and one Chromium for a journey file (each start
 * costs ~30 s): started before its journeys, stopped after them, the run's axe summary printed.
 */
export function webJourneys(options?: PlatformOptions): WebJourneys {
  const started: Partial<JourneyWorld> = {};
  beforeAll(async () => {
    [started.p, started.browser] = await Promise.all([startPlatform(options), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await started.browser?.close();
    await started.p?.stop();
    process.stdout.write(`\n${axeSummary()}\n`);
  });
  const get = <K extends keyof JourneyWorld>(key: K): JourneyWorld[K] => {
    const value = started[key];
    if (!value) throw new Error(`the journeys' ${key} did not start (see the beforeAll failure above)`);
    return value as JourneyWorld[K];
  };
  const world: JourneyWorld = {
    get p() {
      return get('p');
    },
    get browser() {
      return get('browser');
    },
  };
  return {
    world,
    journey: (name, run, timeoutMs = JOURNEY_TIMEOUT_MS) => it(name, () => run(world), timeoutMs),
  };
}
