import type { tenantDataApi } from '@homi/contracts';
import { notFound } from '@homi/service-kit';
import { applyTreatmentChanges, Treatment } from '../domain/treatment';
import type { Deps } from './deps';

/** The institute's treatments, deactivated ones too, by name. */
export function listTreatments(deps: Deps, tenantId: string): Promise<Treatment[]> {
  return deps.uow.forTenant(tenantId, ({ treatments }) => treatments.list(tenantId));
}

export function createTreatment(deps: Deps, tenantId: string, input: tenantDataApi.CreateTreatment): Promise<Treatment> {
  return deps.uow.forTenant(tenantId, async ({ treatments }) => {
    const treatment = new Treatment(deps.newId('trt'), tenantId, input.name, input.durationMinutes, input.priceCents, input.taxRate, deps.clock());
    treatment.active = input.active ?? true;
    treatments.add(treatment);
    return treatment;
  });
}

/** Changes a treatment; appointments already booked keep their times and their treatment text. */
export function updateTreatment(deps: Deps, tenantId: string, id: string, changes: tenantDataApi.UpdateTreatment): Promise<Treatment> {
  return deps.uow.forTenant(tenantId, async ({ treatments }) => {
    const treatment = await treatments.get(tenantId, id);
    if (!treatment) throw notFound('Treatment');
    applyTreatmentChanges(treatment, changes, deps.clock());
    return treatment;
  });
}

/** Deactivates a treatment: it can no longer be booked, and the appointments that refer to it keep it. */
export function deactivateTreatment(deps: Deps, tenantId: string, id: string): Promise<Treatment> {
  return updateTreatment(deps, tenantId, id, { active: false });
}
