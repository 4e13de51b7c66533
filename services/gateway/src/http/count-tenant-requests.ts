import type { RequestHandler } from 'express';
import type { UsageModule } from '@homi/contracts';
import type { UsageReporter } from '../infrastructure/usage-reporter';
import type { ApiRoute } from './api-route';

/** The module a tenant route counts under: its access rule's module, `other` for member-only routes. */
export function usageModuleOf(route: ApiRoute): UsageModule | undefined {
  if (route.audience.kind !== 'tenant') return undefined;
  const rule = route.audience.access;
  return rule.kind === 'module' ? rule.module : 'other';
}

/**
 * Counts every call to a tenant route that got past tenant authorisation (the request carries the
 * caller's membership), once the answer is over. Mounted before the API router, it needs no place
 * among the routes' guards: the route express matched says which module the call was for.
 */
export function countTenantRequests(reporter: Pick<UsageReporter, 'record'>, routes: readonly ApiRoute[]): RequestHandler {
  const modules = new Map<string, UsageModule>();
  for (const route of routes) {
    const module = usageModuleOf(route);
    if (module) modules.set(`${route.method.toUpperCase()} ${route.path}`, module);
  }
  return (req, res, next) => {
    res.once('close', () => {
      const path: unknown = req.route?.path;
      const tenantId = req.membership?.tenantId;
      if (typeof path !== 'string' || !tenantId) return;
      const module = modules.get(`${req.method} ${path}`);
      if (module) reporter.record(tenantId, module);
    });
    next();
  };
}
