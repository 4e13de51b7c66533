import type { ErrorRequestHandler } from 'express';
import { PROBLEM_TYPE_BASE, sendProblem } from '@homi/service-kit';
import { GoneError } from '../domain/gone';

/** Answers GoneError as 410 problem+json; everything else goes on to service-kit's error handler. */
export const goneHandler: ErrorRequestHandler = (err, req, res, next) => {
  if (!(err instanceof GoneError)) return next(err);
  sendProblem(res, { type: PROBLEM_TYPE_BASE + err.type, title: 'Gone', status: 410, detail: err.message, instance: req.path, requestId: req.requestId });
};
