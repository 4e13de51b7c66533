import type { NextFunction, Request, Response } from 'express';
import { newId } from '../ids';

const ACCEPTABLE = /^[A-Za-z0-9._-]{8,128}$/;

declare module 'express-serve-static-core' {
  interface Request {
    requestId: string;
  }
}

/** Takes a well-formed `X-Request-Id` from the caller or makes one, and echoes it back. */
export function requestId(req: Request, res: Response, next: NextFunction): void {
  const given = req.header('x-request-id');
  req.requestId = given && ACCEPTABLE.test(given) ? given : newId('req');
  res.setHeader('X-Request-Id', req.requestId);
  next();
}
