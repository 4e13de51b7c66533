import type { Browser } from 'playwright-core';
import { startPlatform, type Platform, type PlatformOptions } from '../platform';
import { axeSummary, launchBrowser } from './browser';

/** A journey is many page loads; the root jest config's 30 s per test is for API tests. */
export const JOURNEY_TIMEOUT_MS = 150_000;
export const unique = () => Math.random().toString(36).slice(2, 8);

/**
 * One platform, started as `npm start` starts it, and one Chromium for a journey file (each start
 * costs ~30 s): started before its journeys, stopped after them, the run's axe summary printed.
 * Read `p` and `browser` inside the journeys (or in a later beforeAll).
 */
export function webJourneys(options?: PlatformOptions): { readonly p: Platform; readonly browser: Browser } {
  const running = {} as { p: Platform; browser: Browser };
  beforeAll(async () => {
    [running.p, running.browser] = await Promise.all([startPlatform(options), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await running.browser?.close();
    await running.p?.stop();
    process.stdout.write(`\n${axeSummary()}\n`);
  });
  return running;
}
