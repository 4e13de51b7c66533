import { describe, expect, it } from 'vitest';
import { cleanFormValues } from './clean-values';

describe('cleanFormValues', () => {
  const form = { name: '', email: 'a@b.nl', address: { street: '', city: '' }, notes: '  ' };

  it('leaves out empty texts and wholly empty groups for a new resource', () => {
    expect(cleanFormValues(form, 'undefined')).toEqual({ email: 'a@b.nl' });
  });

  it('clears them (null) for a change', () => {
    expect(cleanFormValues(form, 'null')).toEqual({ name: null, email: 'a@b.nl', address: null, notes: null });
  });

  it('keeps a partly filled group for the schema to judge', () => {
    expect(cleanFormValues({ address: { street: 'Dorpsweg', city: '' } }, 'undefined')).toEqual({ address: { street: 'Dorpsweg' } });
  });

  it('never collapses the form itself, so an empty form still gets its errors per field', () => {
    expect(cleanFormValues({ name: '', email: '' }, 'undefined')).toEqual({});
  });
});
