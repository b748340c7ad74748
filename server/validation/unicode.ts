import type { RequestHandler } from 'express';
import { brokenText, LONE_SURROGATE } from './schema';

/**
 * Refuses a JSON body holding a lone surrogate anywhere ("A \ud800 B"): SQLite would store it as
 * invalid UTF-8 and it would read back as U+FFFD. Only JSON can carry one; forms, multipart and
 * query strings decode broken bytes to U+FFFD before a route sees them.
 */
export const refuseLoneSurrogates: RequestHandler = (req, _res, next) => {
  // A big body left as bytes (rawFlagBody) is parsed in a worker and stored nowhere; walking a
  // Buffer's millions of indexes here would block every other request.
  if (Buffer.isBuffer(req.body)) return next();
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
