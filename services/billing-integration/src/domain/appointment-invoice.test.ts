import { appointmentLines, invoiceableTreatment, splitInclusivePrice } from './appointment-invoice';
import { invoiceTotals } from './invoice';

describe('an appointment invoiced from its treatment', () => {
  it.each([0, 9, 21] as const)('adds up to every price from 0 to €10.000 at %i %% VAT exactly, with at most 2 cents of rounding and no half cent of VAT', (taxRate) => {
    let rounded = 0;
    for (let price = 0; price <= 1_000_000; price += 1) {
      const { exclCents, roundingCents } = splitInclusivePrice(price, taxRate);
      const lines = [{ description: 't', quantity: 1, unitPriceCents: exclCents, taxRate }, { description: 'r', quantity: 1, unitPriceCents: roundingCents, taxRate }];
      const totals = invoiceTotals(lines);
      if (totals.inclTaxCents !== price || roundingCents > 2 || (exclCents * taxRate) % 100 === 50 || (roundingCents * taxRate) % 100 >= 50) {
        throw new Error(`price ${price} at ${taxRate} %: ${JSON.stringify({ exclCents, roundingCents, totals })}`);
      }
      if (roundingCents > 0) rounded += 1;
    }
    // Most prices need no rounding line; at 0 % none does.
    expect(rounded / 1_000_001).toBeLessThan(taxRate === 0 ? Number.EPSILON : 0.2);
  });

  it('names the treatment and its day in Amsterdam, and adds a rounding line only when needed', () => {
    const late = new Date('2026-06-30T22:30:00Z'); // 1 July, 00:30 in Amsterdam
    expect(appointmentLines({ id: 'trt_1', name: 'Pedicure', priceCents: 4500, taxRate: 21 }, late)).toEqual([
      { description: 'Pedicure, 01-07-2026', quantity: 1, unitPriceCents: 3719, taxRate: 21 },
    ]);
    expect(appointmentLines({ id: 'trt_1', name: 'Pedicure', priceCents: 4503, taxRate: 21 }, late)).toEqual([
      { description: 'Pedicure, 01-07-2026', quantity: 1, unitPriceCents: 3721, taxRate: 21 },
      { description: 'Afronding', quantity: 1, unitPriceCents: 1, taxRate: 21 },
    ]);
  });

  it('refuses a free-text appointment, a cancelled one and a no-show with 422', () => {
    const base = { id: 'apt_1', clientId: 'cli_1', startsAt: '2026-07-01T08:00:00.000Z', treatment: { id: 'trt_1', name: 'P', priceCents: 100, taxRate: 21 as const } };
    expect(invoiceableTreatment({ ...base, status: 'completed' })).toBe(base.treatment);
    expect(() => invoiceableTreatment({ ...base, status: 'booked', treatment: null })).toThrow(expect.objectContaining({ status: 422, type: 'appointment-without-treatment' }));
    for (const status of ['cancelled', 'no-show'] as const) {
      expect(() => invoiceableTreatment({ ...base, status })).toThrow(expect.objectContaining({ status: 422, type: 'appointment-not-invoiceable', members: { appointmentStatus: status } }));
    }
  });
});
