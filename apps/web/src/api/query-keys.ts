// The query keys of the client and agenda caches, apart from their hooks: each side invalidates the
// other's after a change (a booking changes the card's counts, an erased client its appointments).

export interface ClientListParams {
  q?: string;
  cursor?: string;
  limit?: number;
}

export type ClientAppointmentsWhen = 'upcoming' | 'past';

/** Query keys of one institute's clients: invalidate `all(tenantId)` after any change. */
export const clientKeys = {
  all: (tenantId: string) => ['tenants', tenantId, 'clients'] as const,
  list: (tenantId: string, params: ClientListParams) => [...clientKeys.all(tenantId), 'list', params] as const,
  detail: (tenantId: string, clientId: string) => [...clientKeys.all(tenantId), 'detail', clientId] as const,
};

/** Query keys of one institute's agenda: invalidate `all(tenantId)` after any change. */
export const appointmentKeys = {
  all: (tenantId: string) => ['tenants', tenantId, 'appointments'] as const,
  period: (tenantId: string, from: string, to: string) => [...appointmentKeys.all(tenantId), 'period', { from, to }] as const,
  ofClient: (tenantId: string, clientId: string, when: ClientAppointmentsWhen, now: string) =>
    [...appointmentKeys.all(tenantId), 'client', clientId, when, now] as const,
  detail: (tenantId: string, id: string) => [...appointmentKeys.all(tenantId), 'detail', id] as const,
};
