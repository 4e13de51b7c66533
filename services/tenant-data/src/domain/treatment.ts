import type { tenantDataApi } from '@homi/contracts';

/** A treatment the institute offers: what it takes in the agenda and what it costs (VAT included). */
export class Treatment {
  active = true;
  createdAt: Date;
  updatedAt: Date;

  constructor(
    readonly id: string,
    readonly tenantId: string,
    public name: string,
    public durationMinutes: number,
    public priceCents: number,
    public taxRate: tenantDataApi.TaxRate,
    now: Date,
  ) {
    this.createdAt = now;
    this.updatedAt = now;
  }
}

export type TreatmentChanges = tenantDataApi.UpdateTreatment;

/** Applies a partial change; `undefined` leaves a field as it is. */
export function applyTreatmentChanges(treatment: Treatment, changes: TreatmentChanges, now: Date): void {
  for (const key of ['name', 'durationMinutes', 'priceCents', 'taxRate', 'active'] as const) {
    const value = changes[key];
    if (value !== undefined) (treatment as unknown as Record<string, unknown>)[key] = value;
  }
  treatment.updatedAt = now;
}
