import { Router } from 'express';
import { identityApi } from '@homi/contracts';
import { parseInput } from '@homi/service-kit';
import type { Deps } from '../application/deps';
import { getCurrentStatement, listStatements } from '../application/privacy-statements';
import { signUp } from '../application/sign-up';
import { presentStatement } from './presenters';

/** Routes without a caller: the statement a visitor reads, and sign-up (the gateway rate limits it per address). */
export function publicRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/privacy-statement', async (_req, res) => {
    res.json(presentStatement(await getCurrentStatement(deps)));
  });

  router.get('/privacy-statements', async (_req, res) => {
    res.json({ items: (await listStatements(deps)).map(presentStatement) });
  });

  router.post('/signup', async (req, res) => {
    const input = parseInput(identityApi.Signup, req.body);
    res.status(201).json(await signUp(deps, input));
  });

  return router;
}
