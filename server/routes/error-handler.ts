import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from '../errors';
import { requestId } from './request-log';
import { isDiskFull } from '../db/database-errors';

/** Errors raised by body parsers and multer, mapped to what the client did wrong. */
function classify(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { type?: string; status?: number; code?: string; message?: string; limit?: number };
  if (e?.type === 'entity.too.large' || e?.code === 'LIMIT_FILE_SIZE' || e?.code === 'LIMIT_FIELD_VALUE') {
    return new AppError(413, 'too-large', `The request is larger than the limit${e.limit ? ` of ${e.limit.toLocaleString('en')} bytes` : ''}.`);
  }
  if (e?.type === 'entity.parse.failed') return new AppError(400, 'invalid-json', 'The request body is not valid JSON.');
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') return new AppError(415, 'unsupported-encoding', 'Send the body as UTF-8.');
  if (typeof e?.code === 'string' && e.code.startsWith('LIMIT_')) return new AppError(400, 'invalid-upload', e.message ?? 'The upload was refused.');
  // Another writer held the database longer than busy_timeout: a retry will succeed, nothing was written.
  if (typeof e?.code === 'string' && (e.code.startsWith('SQLITE_BUSY') || e.code.startsWith('SQLITE_LOCKED'))) {
    return new AppError(503, 'busy', 'The database is busy with other edits; nothing was saved. Try again in a moment.');
  }
  // The transaction was rolled back whole; once space is freed the next write succeeds, nothing to reset.
  if (isDiskFull(err)) {
    return new AppError(507, 'disk-full', 'The server\'s disk is full, so nothing was saved. Try again once the administrator has freed some space.');
  }
  // The file or its file system turned read-only under us (the start refuses such a database).
  if (typeof e?.code === 'string' && e.code.startsWith('SQLITE_READONLY')) {
    return new AppError(503, 'database-read-only', 'The server cannot write to its database right now, so nothing was saved. Tell the administrator.');
  }
  // busboy (under multer) rejects a malformed multipart body with a plain Error.
  if (err instanceof Error && /^(Unexpected end of (form|file)|Malformed (part header|content type|urlencoded form)|Multipart: Boundary not found|Request (aborted|closed|error))/.test(err.message)) {
    return new AppError(400, 'invalid-upload', `The upload is not a well-formed multipart form (${err.message}).`);
  }
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return new AppError(e.status, 'bad-request', e.message ?? 'The request could not be read.');
  }
  return new AppError(500, 'internal-error', 'Something went wrong on the server. The error has been logged.');
}

const wantsJson = (req: Parameters<RequestHandler>[0]) => req.originalUrl.startsWith('/api/') || req.get('x-calque-fragment') !== undefined;

export const notFoundHandler: RequestHandler = (req, res) => {
  const message = `There is nothing at ${req.path}.`;
  if (wantsJson(req)) res.status(404).json({ error: { reason: 'not-found', message, requestId: requestId(req, res) } });
  else res.status(404).render('error', { title: 'Not found', status: 404, message });
};

/** One place turns every error into a response: JSON for the API, a page for the browser. */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const error = classify(err);
  // The request log writes the error on the request's line, with its id: logged once.
  if (error.status >= 500) (res as typeof res & { err?: unknown }).err = err;
  const id = requestId(req, res);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (error.status === 503) res.set('Retry-After', '1');
  if (req.originalUrl.startsWith('/api/')) {
    res.status(error.status).json({ error: { reason: error.reason, message: error.message, details: error.details, requestId: id } });
  } else if (req.get('x-calque-fragment') !== undefined) {
    res.status(error.status).type('text/plain').send(error.message);
  } else {
    res.status(error.status).render('error', { title: 'Something is wrong', status: error.status, message: error.message, reason: error.reason, requestId: error.status >= 500 ? id : undefined });
  }
};
