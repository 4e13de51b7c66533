import { invoiceTotals, retainedUntil } from './invoice';

describe('invoice rules', () => {
  it('rounds each line to cents and taxes per line, as the invoice prints it', () => {
    expect(invoiceTotals([
      { description: 'Knippen', quantity: 1, unitPriceCents: 3000, taxRate: 21 },
      { description: 'Harsen', quantity: 2, unitPriceCents: 1050, taxRate: 9 },
      { description: 'Korting', quantity: 1, unitPriceCents: -500, taxRate: 21 },
      { description: 'Halve behandeling', quantity: 0.5, unitPriceCents: 1999, taxRate: 0 },
    ])).toEqual({ exclTaxCents: 5600, taxCents: 714, inclTaxCents: 6314 });
  });

  it('keeps a copy seven years from its date, never a day less on a leap day', () => {
    expect(retainedUntil('2026-11-25')).toBe('2033-11-25');
    expect(retainedUntil('2028-02-29')).toBe('2035-03-01');
  });
});
