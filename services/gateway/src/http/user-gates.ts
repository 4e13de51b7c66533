import type { Request, RequestHandler } from 'express';
import { AppError } from '@homi/service-kit';
import { assertRecentMfa, assertRecentSignIn } from '../application/assert-recent-mfa';
import { assertAccountActive, assertStatementAccepted } from '../application/check-user-gates';
import type { UserAccessStore } from '../application/ports';
import type { StepUpPolicy } from '../domain/step-up';

const principalOf = (req: Request) => {
  if (!req.principal) throw new AppError('unauthenticated', 'Authentication required.');
  return req.principal;
};

/** After `authenticate`: a disabled account gets 401 `account-disabled` on every route. */
export function requireActiveAccount(users: UserAccessStore): RequestHandler {
  return async (req, _res, next) => {
    await assertAccountActive(users, principalOf(req));
    next();
  };
}

/** 403 `privacy-statement-acceptance-required` (with `currentVersion`) until the current statement is accepted. */
export function requireAcceptedStatement(users: UserAccessStore): RequestHandler {
  return async (req, _res, next) => {
    await assertStatementAccepted(users, principalOf(req));
    next();
  };
}

/** 403 `realm-role-required` unless the token carries the realm role. */
export function requireRealmRole(role: string): RequestHandler {
  return (req, _res, next) => {
    if (!principalOf(req).roles.includes(role)) {
      throw new AppError('forbidden', `This needs the realm role ${role}.`, { type: 'realm-role-required' });
    }
    next();
  };
}

/** 401 `step-up-required` (RFC 9470 challenge) unless the token shows a recent multi-factor login. */
export function requireRecentMfa(policy: StepUpPolicy): RequestHandler {
  return (req, _res, next) => {
    assertRecentMfa(principalOf(req), policy);
    next();
  };
}

/** 401 `reauthentication-required` (RFC 9470 challenge with `max_age`) unless the sign-in is recent enough. */
export function requireRecentSignIn(maxAgeSeconds: number): RequestHandler {
  return (req, _res, next) => {
    assertRecentSignIn(principalOf(req), maxAgeSeconds);
    next();
  };
}
