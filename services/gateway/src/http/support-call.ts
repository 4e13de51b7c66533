import type { Request } from 'express';
import { SupportAccessRefused } from '@homi/contracts';
import type { SupportCall } from '../application/authorize-support-call';
import type { ApiRoute } from './api-route';

const Method = SupportAccessRefused.schema.shape.method;

/**
 * A call as a refusal names it in the tenant's audit log: method, route template and only the ids
 * that are well formed (the path is not checked yet when a support user is refused, and a malformed
 * value is no id worth keeping); undefined for a method the log does not name (HEAD, OPTIONS).
 */
export function supportCallOf(req: Request, route: ApiRoute): SupportCall | undefined {
  const method = Method.safeParse(req.method);
  if (!method.success) return undefined;
  const resourceIds: Record<string, string> = { ...(route.auditIds?.(req.body) ?? {}) };
  for (const [name, id] of Object.entries(route.ids)) {
    const value = String(req.params[name]);
    if (id.accepts(value)) resourceIds[name] = value;
  }
  return { method: method.data, route: route.path, resourceIds };
}
