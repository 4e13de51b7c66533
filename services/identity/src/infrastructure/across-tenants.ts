/**
 * Options for a query on tenant rows outside one tenant's unit of work (under acrossTenants or
 * asUser, where the ORM's tenant filter has no parameters): turns the filter off and says in the
 * code that it crosses tenants. Row-level security (`app.all_tenants`) is what bounds it (ADR 4, 35).
 */
export const ACROSS_TENANTS = { filters: { tenant: false } } as const;
