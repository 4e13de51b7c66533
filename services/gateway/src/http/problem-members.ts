import type { ErrorRequestHandler } from 'express';
import { problemFromError, sendProblem, type Problem } from '@homi/service-kit';
import { ProblemWithMembers } from '../application/problem-with-members';

/** Answers a ProblemWithMembers as problem+json with its extra members; passes everything else on. */
export const problemMembersHandler: ErrorRequestHandler = (err, req, res, next) => {
  if (!(err instanceof ProblemWithMembers) || res.headersSent) return next(err);
  const problem: Problem & Record<string, unknown> = { ...problemFromError(err, req.path, req.requestId) };
  // The standard members win: an extension must not be able to change type or status.
  for (const [name, value] of Object.entries(err.members)) if (!(name in problem)) problem[name] = value;
  sendProblem(res, problem, err.headers);
};
