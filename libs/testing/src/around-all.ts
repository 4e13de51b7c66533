/// <reference types="jest" />
/**
 * For a test file (or a describe block): starts what its tests share before they run, hands it to
 * `use` (which keeps the parts the tests read), and disposes of it (or stops it) after they ran.
 */
export function startedAroundAll<T extends { dispose(): Promise<unknown> } | { stop(): Promise<unknown> }>(
  start: () => Promise<T>,
  use: (started: T) => void,
  timeoutMs = 60_000,
): void {
  let started: T | undefined;
  beforeAll(async () => {
    started = await start();
    use(started);
  }, timeoutMs);
  afterAll(async () => {
    if (started) await ('dispose' in started ? started.dispose() : started.stop());
  });
}

/** Disposes of each in the order given (what started last, first), one after the other. */
export async function disposeInOrder(...parts: { dispose(): Promise<unknown> }[]): Promise<void> {
  for (const part of parts) await part.dispose();
}

/**
 * Polls `probe` every `intervalMs` until its value is `done`, and returns that value; throws
 * `timed out waiting for <what>` once `timeoutMs` has passed without.
 */
export async function pollUntil<T>(
  probe: () => Promise<T>,
  options: { done: (value: T) => boolean; timeoutMs: number; intervalMs: number; what: string },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await probe();
    if (options.done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${options.what}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
  }
}
