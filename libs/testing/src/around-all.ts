/// <reference types="jest" />
/**
 * For a test file: starts what its tests share before they run, hands it to `use` (which keeps the
 * parts the tests read), and disposes of it after they ran, also when the start failed halfway.
 */
export function startedAroundAll<T extends { dispose(): Promise<unknown> }>(start: () => Promise<T>, use: (started: T) => void, timeoutMs = 60_000): void {
  let started: T | undefined;
  beforeAll(async () => {
    started = await start();
    use(started);
  }, timeoutMs);
  afterAll(() => started?.dispose());
}

/** Disposes of each in the order given (what started last, first), one after the other. */
export async function disposeInOrder(...parts: { dispose(): Promise<unknown> }[]): Promise<void> {
  for (const part of parts) await part.dispose();
}
