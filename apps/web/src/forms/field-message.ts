import type { ParseKeys } from 'i18next';

/**
 * A field error as react-hook-form keeps it: a catalog key and its values, encoded in the error's
 * `message`, so FormField translates it when it renders (and again when the language changes).
 */
export interface FieldMessage {
  key: ParseKeys;
  values?: Record<string, string | number>;
}

export const encodeFieldMessage = (message: FieldMessage): string => JSON.stringify(message);

export function decodeFieldMessage(message: string | undefined): FieldMessage | undefined {
  if (!message) return undefined;
  try {
    const parsed = JSON.parse(message) as FieldMessage;
    return typeof parsed.key === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}
