import http, { type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import { finished, Readable } from 'node:stream';
import type { Response } from 'express';
import { AppError, isAppError, type Logger } from '@homi/service-kit';

export interface UpstreamRequest {
  method: string;
  /** Path and query, appended to the upstream's base URL. */
  path: string;
  headers: OutgoingHttpHeaders;
  /**
   * The headers of the credential for this request (ADR 38), made for the upstream service (the
   * audience) and the exact path sent; made again for a retry, which must not look like a replay.
   */
  credential?: (to: { audience: string; path: string }) => OutgoingHttpHeaders;
  /** JSON as the gateway judged it, or an upload streamed through as it arrives. */
  body?: Buffer | Readable;
  /** Until the response headers arrive, instead of the upstream's default. */
  timeoutMs?: number;
  /** Response headers to hand back besides content-type, content-length and location. */
  returnHeaders?: readonly string[];
}

/** A service's whole answer to a call the gateway makes itself (a JSON body, small). */
export interface UpstreamAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * A service behind the gateway; `forward` streams its answer into `res`; `call` hands the answer back
 * to the gateway, for the one route it orchestrates over two services (ADR 44).
 */
export interface Upstream {
  forward(request: UpstreamRequest, res: Response): Promise<void>;
  call(request: UpstreamRequest): Promise<UpstreamAnswer>;
}

/** Bodies of orchestrated calls are a few hundred bytes; anything past this is not read on. */
const MAX_CALL_BODY = 64 * 1024;

export interface HttpUpstreamOptions {
  /** The upstream service's name: in logs and problems, and the audience of the credentials sent to it. */
  name: string;
  logger: Logger;
  /** Until the response headers arrive, and the longest silence of the service while the body streams. */
  timeoutMs?: number;
}

/** Safe to send again when a kept-alive connection turns out to have been closed by the service. */
const RETRYABLE_METHODS = new Set(['GET', 'HEAD']);
/** Below node's default server keep-alive timeout (5 s), so idle sockets are dropped here first. */
const IDLE_SOCKET_MS = 4_000;

/** Response headers handed back to the client; anything else the service sets stays internal. */
const RETURNED = ['content-type', 'content-length', 'location'] as const;

class UpstreamTimeout extends Error {
  constructor() {
    super('upstream timed out');
    this.name = 'UpstreamTimeout';
  }
}

/**
 * Forwards requests over a keep-alive agent and streams responses back. Before the response
 * starts, a failure becomes a 503 problem; after it, the client connection is cut, because a
 * half-sent body must not look complete. A client that goes away aborts the upstream request.
 */
export class HttpUpstream implements Upstream {
  private readonly base: URL;
  private readonly agent: http.Agent;
  private readonly timeoutMs: number;

  constructor(baseUrl: string, private readonly options: HttpUpstreamOptions) {
    this.base = new URL(baseUrl);
    this.timeoutMs = options.timeoutMs ?? 10_000;
    const Agent = this.base.protocol === 'https:' ? https.Agent : http.Agent;
    this.agent = new Agent({ keepAlive: true, maxSockets: 256, timeout: IDLE_SOCKET_MS });
  }

  forward(request: UpstreamRequest, res: Response): Promise<void> {
    return this.attempt(request, res, false);
  }

  close(): void {
    this.agent.destroy();
  }

  /** Sends one request and reads the answer whole; unreachable or silent services are a 503 problem as for `forward`. */
  call(request: UpstreamRequest): Promise<UpstreamAnswer> {
    const { name, logger } = this.options;
    const client = this.base.protocol === 'https:' ? https : http;
    const path = this.base.pathname.replace(/\/$/, '') + request.path;
    const headers = { ...request.headers, ...request.credential?.({ audience: name, path }) };
    return new Promise<UpstreamAnswer>((resolve, reject) => {
      const upstreamReq = client.request(
        { protocol: this.base.protocol, hostname: this.base.hostname, port: this.base.port, path, method: request.method, headers, agent: this.agent },
        (upstreamRes) => {
          const chunks: Buffer[] = [];
          let size = 0;
          upstreamRes.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_CALL_BODY) upstreamReq.destroy(new Error('upstream answer too large'));
            else chunks.push(chunk);
          });
          upstreamRes.on('end', () => {
            const returned: Record<string, string> = {};
            for (const header of RETURNED) {
              const value = upstreamRes.headers[header];
              if (typeof value === 'string') returned[header] = value;
            }
            resolve({ status: upstreamRes.statusCode ?? 502, headers: returned, body: Buffer.concat(chunks) });
          });
        },
      );
      upstreamReq.setTimeout(this.timeoutMs, () => upstreamReq.destroy(new UpstreamTimeout()));
      upstreamReq.on('error', (err: NodeJS.ErrnoException) => {
        const timedOut = err instanceof UpstreamTimeout;
        logger.warn({ upstream: name, code: err.code ?? err.name }, timedOut ? 'upstream timed out' : 'upstream unreachable');
        reject(new AppError('unavailable', `${name} cannot be reached right now.`, { type: timedOut ? 'upstream-timeout' : 'upstream-unavailable', headers: { 'Retry-After': '2' } }));
      });
      upstreamReq.end(request.body instanceof Readable ? undefined : request.body);
    });
  }

  /**
   * Calls `onSilence` when the service has sent nothing for the timeout while the client was ready
   * for more. While the client is not reading (backpressure) the service is not read either, and a
   * large download must not be cut for that. Returns the function that stops watching.
   */
  private watchSilence(upstreamRes: http.IncomingMessage, res: Response, onSilence: () => void): () => void {
    const timer = setTimeout(function check() {
      if (res.writableNeedDrain) timer.refresh();
      else onSilence();
    }, this.timeoutMs);
    const heard = () => timer.refresh();
    upstreamRes.on('data', heard);
    return () => {
      clearTimeout(timer);
      upstreamRes.off('data', heard);
    };
  }

  private attempt(request: UpstreamRequest, res: Response, isRetry: boolean): Promise<void> {
    const { name, logger } = this.options;
    const client = this.base.protocol === 'https:' ? https : http;
    const path = this.base.pathname.replace(/\/$/, '') + request.path;
    const headers = { ...request.headers, ...request.credential?.({ audience: name, path }) };
    return new Promise<void>((resolve, reject) => {
      let responding = false;
      let clientGone = false;
      const upstreamReq = client.request(
        {
          protocol: this.base.protocol,
          hostname: this.base.hostname,
          port: this.base.port,
          path,
          // Not read by node; the HTTP instrumentation takes the span's path from it instead of
          // parsing `path` into a URL again on every request.
          pathname: path.split('?')[0],
          method: request.method,
          headers,
          agent: this.agent,
        },
        (upstreamRes) => {
          responding = true;
          clearTimeout(deadline);
          res.status(upstreamRes.statusCode ?? 502);
          for (const header of [...RETURNED, ...(request.returnHeaders ?? [])]) {
            const value = upstreamRes.headers[header];
            if (value !== undefined) res.setHeader(header, value);
          }
          const stopWatching = this.watchSilence(upstreamRes, res, () => upstreamReq.destroy(new UpstreamTimeout()));
          // The service answered before the upload was through (a refused file): neither connection is
          // used again, so the rest of the file is not sent on, and no client reuses a half-read one.
          const unfinishedUpload = request.body instanceof Readable && !request.body.readableEnded;
          if (unfinishedUpload) res.setHeader('Connection', 'close');
          // pipe + finished rather than stream.pipeline, which makes an AbortController and aborts it
          // (a DOMException with its stack) on every answer. An answer cut short upstream cuts the
          // client's connection (upstreamReq's error handler below): a half-sent body must not look complete.
          finished(res, (err?: NodeJS.ErrnoException | null) => {
            stopWatching();
            if (unfinishedUpload) upstreamReq.destroy();
            if (err && !clientGone) logger.warn({ upstream: name, code: err.code ?? err.name }, 'upstream response interrupted');
            resolve();
          });
          upstreamRes.once('error', () => res.destroy());
          upstreamRes.pipe(res);
        },
      );
      const deadline = setTimeout(() => upstreamReq.destroy(new UpstreamTimeout()), request.timeoutMs ?? this.timeoutMs);
      upstreamReq.setTimeout(request.timeoutMs ?? this.timeoutMs, () => {
        if (!responding) upstreamReq.destroy(new UpstreamTimeout());
      });
      upstreamReq.on('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(deadline);
        if (clientGone) return resolve();
        if (responding) {
          res.destroy();
          return resolve();
        }
        // The upload itself was refused on the way (over the limit): the caller's mistake, not the service's.
        if (isAppError(err)) return reject(err);
        if (!isRetry && upstreamReq.reusedSocket && err.code === 'ECONNRESET' && RETRYABLE_METHODS.has(request.method)) {
          return resolve(this.attempt(request, res, true));
        }
        const timedOut = err instanceof UpstreamTimeout;
        logger.warn({ upstream: name, code: err.code ?? err.name }, timedOut ? 'upstream timed out' : 'upstream unreachable');
        reject(
          timedOut
            ? new AppError('unavailable', `${name} did not answer in time.`, { type: 'upstream-timeout' })
            : new AppError('unavailable', `${name} cannot be reached right now.`, { type: 'upstream-unavailable', headers: { 'Retry-After': '2' } }),
        );
      });
      res.on('close', () => {
        if (res.writableFinished) return;
        clientGone = true;
        upstreamReq.destroy();
      });
      if (request.body instanceof Readable) {
        // A service that answers before reading it all (a refused file) ends the pipe early: not an error here.
        request.body.pipe(upstreamReq);
        request.body.on('error', (err) => upstreamReq.destroy(err));
      } else upstreamReq.end(request.body);
    });
  }
}
