import type { RequestHandler } from 'express';
import type { SupportGrantStore } from '../application/ports';

/**
 * On an owner's revocation that identity confirmed (200), this replica stops honouring the grant at
 * once rather than when the deleted key reaches its watch, so the support user's very next call here
 * is refused. Registered before the answer is forwarded; runs when it has been sent.
 */
export function forgetRevokedGrant(grants: SupportGrantStore): RequestHandler {
  return (req, res, next) => {
    const requestId = String(req.params.requestId);
    res.on('finish', () => {
      if (res.statusCode === 200) grants.forget(requestId);
    });
    next();
  };
}
