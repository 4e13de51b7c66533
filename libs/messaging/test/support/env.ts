import { NATS_NAMESPACE } from '@homi/contracts';
export const DATABASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
export const NATS_URL = process.env.NATS_URL || 'nats://127.0.0.1:4222';
/**
 * The database this run's test files share (each in schemas of its own): named after the run's
 * namespace, so the jest global teardown drops it with the run's other databases (ADR 37).
 */
export const TEST_DB = NATS_NAMESPACE ? `homi_messaging_test_${NATS_NAMESPACE}_run` : 'homi_messaging_test';

/** A short random suffix that keeps this file's streams, consumers and schemas its own. */
export function uniqueSuffix(): string {
  return Math.random().toString(36).slice(2, 10);
}

export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 10_000, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
