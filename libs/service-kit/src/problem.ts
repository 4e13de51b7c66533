import { ERROR_KINDS, type AppError } from './errors';

/** RFC 9457 problem details as HOMi answers them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: { path: string; message: string }[];
}

export const PROBLEM_TYPE_BASE = 'https://docs.homi.nl/problems/';
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemFromError(error: AppError, instance?: string, requestId?: string): Problem & Record<string, unknown> {
  const problem: Problem & Record<string, unknown> = {
    type: PROBLEM_TYPE_BASE + error.type,
    title: ERROR_KINDS[error.kind].title,
    status: error.status,
    detail: error.message,
    instance,
    requestId,
    ...(error.errors ? { errors: error.errors } : {}),
  };
  // The standard members win: an extension must not be able to change type or status.
  for (const [name, value] of Object.entries(error.members ?? {})) if (!(name in problem)) problem[name] = value;
  return problem;
}

export function internalProblem(instance?: string, requestId?: string): Problem {
  return {
    type: PROBLEM_TYPE_BASE + 'internal',
    title: 'Internal error',
    status: 500,
    detail: 'An unexpected error occurred. It has been logged with the request id.',
    instance,
    requestId,
  };
}
