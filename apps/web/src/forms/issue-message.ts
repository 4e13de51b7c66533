import type { z } from 'zod';
import type { FieldMessage } from './field-message';

type Issue = z.core.$ZodIssue;

/**
 * What a person reads for a zod issue of a contracts schema, as a catalog key: by the issue's kind,
 * never by the schema's English message. A field's expected format is said by its own hint.
 */
export function issueMessage(issue: Issue): FieldMessage {
  switch (issue.code) {
    case 'invalid_type':
      return { key: issue.input === undefined || issue.input === null ? 'validation.required' : 'validation.invalid' };
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? { key: 'validation.required' } : { key: 'validation.tooShort', values: { minimum: Number(issue.minimum) } };
      }
      if (issue.origin === 'array') return { key: 'validation.chooseAtLeast', values: { minimum: Number(issue.minimum) } };
      return { key: 'validation.tooSmall', values: { minimum: Number(issue.minimum) } };
    case 'too_big':
      return issue.origin === 'string'
        ? { key: 'validation.tooLong', values: { maximum: Number(issue.maximum) } }
        : { key: 'validation.tooBig', values: { maximum: Number(issue.maximum) } };
    case 'invalid_format':
      if (issue.format === 'email') return { key: 'validation.email' };
      if (issue.format === 'date') return { key: 'validation.date' };
      return { key: 'validation.format' };
    case 'invalid_value':
      return { key: 'validation.choice' };
    default:
      return { key: 'validation.invalid' };
  }
}
