/** What an empty input means to the API: absent (a new resource) or cleared (`null`, a change). */
export type EmptyAs = 'undefined' | 'null';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Form values as the API's schema expects them: an empty text is absent or null, and so is a group
 * of fields (an address) left wholly empty — never the form itself, which the schema must see.
 */
export function cleanFormValues(values: unknown, emptyAs: EmptyAs, root = true): unknown {
  const empty = emptyAs === 'null' ? null : undefined;
  if (typeof values === 'string') return values.trim() === '' ? empty : values;
  if (!isPlainObject(values)) return values;
  const cleaned: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const one = cleanFormValues(value, emptyAs, false);
    if (one !== undefined) cleaned[key] = one;
  }
  const filled = Object.values(cleaned).some((v) => v !== null && v !== undefined);
  return filled || root ? cleaned : empty;
}
