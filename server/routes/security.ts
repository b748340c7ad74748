import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { AppError } from '../errors';
import { noteSurrogateEscapes } from '../validation/unicode';

/**
 * Security headers. The pages load only the client modules of /static/client/ and /static/app.css and carry no inline
 * script or style, so the policy allows nothing inline and nothing from elsewhere.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        scriptSrcAttr: ["'none'"],
      },
    },
    // The workbench is often reached over plain http on a LAN; don't force https on it.
    strictTransportSecurity: false,
    // Forms redirect back to the page they came from (our own paths only), which needs the Referer.
    referrerPolicy: { policy: 'same-origin' },
  });
}

/**
 * The JSON API reads JSON or multipart uploads only. Any other body on a POST/PUT is a 415, so
 * a client sending text/plain or XML learns why instead of getting "field is required".
 */
export const apiContentType: RequestHandler = (req, _res, next) => {
  if (req.method !== 'POST' && req.method !== 'PUT' && req.method !== 'PATCH') return next();
  const length = req.get('content-length');
  const hasBody = req.get('transfer-encoding') !== undefined || (length !== undefined && length !== '0');
  if (!hasBody || req.is(['application/json', 'multipart/form-data'])) return next();
  next(new AppError(415, 'unsupported-media-type', `Send the body as application/json (or multipart/form-data for a file upload), not ${req.get('content-type') || 'without a Content-Type'}.`));
};

/**
 * A body parser `verify` hook: a body declared (or defaulted) as UTF-8 must be valid UTF-8, so
 * broken bytes are a 400 instead of being stored as U+FFFD. (isUtf8 checks without decoding: a
 * 10 MB import decoded once more here held every other request up for 40 ms.)
 */
export function requireUtf8(req: IncomingMessage, _res: ServerResponse, buf: Buffer): void {
  const charset = /;\s*charset=["']?([^;"'\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return;
  if (!isUtf8(buf)) throw new AppError(400, 'invalid-encoding', 'The request body is not valid UTF-8.');
  noteSurrogateEscapes(req, buf);
}
