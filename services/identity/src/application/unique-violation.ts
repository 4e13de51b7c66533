// The store refuses a duplicate with Postgres' unique violation, which the adapters let through unchanged
// (a flush may happen at commit, outside any repository method); the use cases name the constraint.
/** Whether `err` is Postgres' unique violation (23505), optionally of one named constraint or index. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; constraint?: unknown };
  return e.code === '23505' && (constraint === undefined || e.constraint === constraint);
}
