import type { ErrorRequestHandler, RequestHandler } from 'express';
import { trace, SpanStatusCode } from '@opentelemetry/api';
import { AppError, isAppError } from '../errors';
import { internalProblem, problemFromError, PROBLEM_CONTENT_TYPE, type Problem } from '../problem';
import type { Logger } from '../logger';
import { dependencyOutage, OutageLog, OUTAGE_RETRY_AFTER_SECONDS } from '../outage';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
}

/** Errors raised by express.json() before a route runs, mapped to the caller's mistake. */
function fromBodyParser(err: BodyParserError): AppError | undefined {
  switch (err.type) {
    case 'entity.parse.failed':
      return new AppError('invalid', 'The request body is not valid JSON.', { type: 'malformed-json' });
    case 'entity.too.large':
      return new AppError('payload_too_large', 'The request body is larger than this route accepts.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('unsupported_media_type', 'The request body encoding is not supported.');
    case 'request.aborted':
    case 'request.size.invalid':
      return new AppError('invalid', 'The request body was incomplete.');
    default:
      return undefined;
  }
}

export function sendProblem(res: Parameters<RequestHandler>[1], problem: Problem, headers?: Record<string, string>) {
  if (headers) for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

/**
 * Answers every failure as application/problem+json: a request that met a Postgres or NATS outage
 * gets 503 `service-unavailable` with Retry-After (the outage logged once, not per request);
 * unknown errors become a generic 500.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  const outages = new OutageLog((fields, message) => logger.warn(fields, message));
  return (err, req, res, _next) => {
    const dependency = isAppError(err) ? undefined : dependencyOutage(err);
    if (dependency) outages.failed(dependency, err);
    const known = isAppError(err)
      ? err
      : dependency
        ? new AppError('unavailable', 'The service cannot reach what it needs right now; try again shortly.', {
            type: 'service-unavailable',
            headers: { 'Retry-After': String(OUTAGE_RETRY_AFTER_SECONDS) },
          })
        : fromBodyParser(err as BodyParserError);
    if (res.headersSent) {
      logger.error({ err, requestId: req.requestId }, 'error after response started');
      res.destroy();
      return;
    }
    if (known) {
      sendProblem(res, problemFromError(known, req.path, req.requestId), known.headers);
      return;
    }
    const span = trace.getActiveSpan();
    span?.recordException(err as Error);
    span?.setStatus({ code: SpanStatusCode.ERROR });
    logger.error({ err, requestId: req.requestId, method: req.method, path: req.route?.path }, 'unhandled error');
    sendProblem(res, internalProblem(req.path, req.requestId));
  };
}

/** The catch-all for routes nobody serves. */
export const notFoundHandler: RequestHandler = (req) => {
  throw new AppError('not_found', `No route ${req.method} ${req.path}.`);
};
