/** One step of a saga: what it does, and how to undo it once a later step has failed. */
export interface SagaStep<C> {
  name: string;
  run(ctx: C): Promise<void>;
  compensate?(ctx: C, failedStep: string): Promise<void>;
}

/**
 * Runs the steps in order. When one fails, the steps done before it are compensated in reverse
 * order and the original error is rethrown. A compensation that fails stops the unwinding: the
 * steps before it stay as they are (for a sign-up, the pending saga row), so that the sweeper,
 * which finds them later, finishes the compensation instead of the record being lost (ADR 8).
 */
export async function runSaga<C>(
  ctx: C,
  steps: readonly SagaStep<C>[],
  onCompensationFailed: (step: string, err: unknown) => void,
): Promise<void> {
  const done: SagaStep<C>[] = [];
  for (const step of steps) {
    try {
      await step.run(ctx);
      done.push(step);
    } catch (err) {
      for (const previous of done.reverse()) {
        try {
          await previous.compensate?.(ctx, step.name);
        } catch (compensationError) {
          onCompensationFailed(previous.name, compensationError);
          break;
        }
      }
      throw err;
    }
  }
}
