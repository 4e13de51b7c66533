import { Router, type NextFunction, type Request, type Response } from 'express';
import { identityApi } from '@homi/contracts';
import { AppError, parseInput } from '@homi/service-kit';
import type { Deps } from '../application/deps';
import { publishPrivacyStatement } from '../application/publish-privacy-statement';
import { presentStatement } from './presenters';

/** Refuses the route unless the token carried the realm role (as the gateway signed it). */
export function requireRealmRole(role: string) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (!req.caller.realmRoles.includes(role)) {
      throw new AppError('forbidden', `This needs the ${role} role.`, { type: 'realm-role-required' });
    }
    next();
  };
}

/** /admin — HOMi operations staff only. */
export function adminRoutes(deps: Deps): Router {
  const router = Router();

  router.post('/privacy-statements', requireRealmRole('operator'), async (req, res) => {
    const input = parseInput(identityApi.PublishPrivacyStatement, req.body);
    const statement = await publishPrivacyStatement(deps, input);
    res.status(201).json(presentStatement(statement));
  });

  return router;
}
