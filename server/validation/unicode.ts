import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { brokenText, LONE_SURROGATE } from './schema';

// Bodies of valid UTF-8 with no "\ud…" escape: valid UTF-8 never decodes to a surrogate, so only
// such an escape in JSON can bring a lone one, and these bodies need no walk.
const withoutSurrogateEscapes = new WeakSet<IncomingMessage>();

/** Called with the raw bytes of a body found to be valid UTF-8. */
export function noteSurrogateEscapes(req: IncomingMessage, raw: Buffer): void {
  if (!raw.includes('\\ud') && !raw.includes('\\uD')) withoutSurrogateEscapes.add(req);
}

/**
 * Refuses a JSON body holding a lone surrogate anywhere ("A \ud800 B"): SQLite would store it as
 * invalid UTF-8 and it would read back as U+FFFD. Only JSON can carry one; forms, multipart and
 * query strings decode broken bytes to U+FFFD before a route sees them.
 */
export const refuseLoneSurrogates: RequestHandler = (req, _res, next) => {
  // A big body left as bytes (rawFlagBody) is parsed in a worker and stored nowhere; walking a
  // Buffer's millions of indexes here would block every other request.
  if (Buffer.isBuffer(req.body) || withoutSurrogateEscapes.has(req)) return next();
  const stack: unknown[] = [req.body];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) return next(brokenText('The request body'));
    } else if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        if (LONE_SURROGATE.test(key)) return next(brokenText('The request body'));
        stack.push(item);
      }
    }
  }
  next();
};
