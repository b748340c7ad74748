import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../log';

/** An id a proxy in front of us may already have given the request; anything else is replaced by ours. */
const FORWARDED_ID = /^[A-Za-z0-9._:-]{1,100}$/;

const path = (req: IncomingMessage) => (req as Request).originalUrl?.split('?')[0] ?? req.url?.split('?')[0];

const PROBES = new Set(['/healthz', '/readyz']);

/** The level of a request's line: server faults are errors, a full disk or a busy database a warning. */
function levelOf(req: IncomingMessage, res: ServerResponse, err?: Error): 'debug' | 'info' | 'warn' | 'error' {
  // A supervisor asks every few seconds; only its failures are news.
  if (PROBES.has(path(req) ?? '') && res.statusCode < 400) return 'debug';
  if (res.statusCode === 503 || res.statusCode === 507) return 'warn';
  return err || res.statusCode >= 500 ? 'error' : 'info';
}

/**
 * One JSON line per request once it is answered: method, path (without the query, which can carry
 * a CSRF token or search text), status, time in ms, user and request id. Headers, cookies and
 * bodies are never logged. A server error's line carries the error (set as res.err by the error
 * handler), so each error is logged once, with its request id.
 */
export function requestLog(logger: Logger): RequestHandler {
  const fields = (req: IncomingMessage, res: ServerResponse, responseTime: number) => ({
    method: req.method,
    path: path(req),
    status: res.statusCode,
    responseTime,
    user: (req as Request).user?.name,
  });
  const middleware = pinoHttp({
    logger,
    // The logger's own error serializer (server/log.ts), not the standard one that copies every field.
    wrapSerializers: false,
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { reqId: 'requestId' },
    genReqId: (req, res) => {
      const forwarded = req.headers['x-request-id'];
      const id = typeof forwarded === 'string' && FORWARDED_ID.test(forwarded) ? forwarded : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel: levelOf,
    customSuccessObject: (req, res, value: { responseTime: number }) => fields(req, res, value.responseTime),
    customErrorObject: (req, res, err, value: { responseTime: number }) => ({ ...fields(req, res, value.responseTime), ...(res.statusCode >= 500 ? { err } : {}) }),
    customSuccessMessage: (req, res) => `${req.method} ${path(req)} ${res.statusCode}${res.writableEnded ? '' : ' (aborted by the client)'}`,
    customErrorMessage: (req, res) => `${req.method} ${path(req)} ${res.statusCode}`,
  });
  return middleware as unknown as RequestHandler;
}

/** The id of the request, as sent in X-Request-Id. */
export const requestId = (req: Request, res: Response): string | undefined => (res.getHeader('X-Request-Id') as string | undefined) ?? (req.id as string | undefined);
