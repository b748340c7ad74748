import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Store } from '../db/store';
import type { Role, User } from '../db/users';
import { AppError } from '../errors';
import { readCookie } from '../routes/actor';

declare module 'express-serve-static-core' {
  interface Request {
    user?: User;
    /** Set for cookie sessions: the token every state-changing request must echo. */
    csrfToken?: string;
  }
}

export const SESSION_COOKIE = 'calque_session';
const RANK: Record<Role, number> = { editor: 1, reviewer: 2, admin: 3 };

/** Finds who is calling: an `Authorization: Bearer` API token, or the session cookie. */
export function authenticate(store: Store): RequestHandler {
  return (req, res, next) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (bearer) {
      req.user = store.users.byToken(bearer[1]);
      if (!req.user) return next(new AppError(401, 'invalid-token', 'The API token is not valid.'));
    } else {
      const cookie = readCookie(req, SESSION_COOKIE);
      const session = cookie ? store.users.session(cookie) : undefined;
      if (session) {
        const { csrfToken, ...user } = session;
        req.user = user;
        req.csrfToken = csrfToken;
      }
    }
    res.locals.user = req.user;
    res.locals.csrfToken = req.csrfToken;
    res.locals.canReview = req.user ? RANK[req.user.role] >= RANK.reviewer : false;
    res.locals.isAdmin = req.user?.role === 'admin';
    next();
  };
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const isApi = (req: Request) => req.originalUrl.startsWith('/api/');

/**
 * Lets the request through when the caller has at least `role`. Anonymous callers get a 401
 * (the API) or are sent to the login page; others a 403. A state-changing request made with a
 * session cookie must carry the session's CSRF token (form field `_csrf` or `X-CSRF-Token`).
 */
export function allow(role: Role): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.user) {
      if (isApi(req) || req.get('x-calque-fragment') !== undefined || req.method !== 'GET') {
        return next(new AppError(401, 'not-signed-in', 'Sign in first (or send an API token as "Authorization: Bearer …").'));
      }
      return res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
    }
    if (RANK[req.user.role] < RANK[role]) {
      return next(new AppError(403, 'forbidden', `This needs the ${role} role; ${req.user.name} is ${req.user.role === 'editor' ? 'an' : 'a'} ${req.user.role}.`));
    }
    if (UNSAFE.has(req.method) && req.csrfToken !== undefined) {
      const sent = req.get('x-csrf-token') ?? (req.body as Record<string, unknown> | undefined)?._csrf ?? req.query._csrf;
      if (sent !== req.csrfToken) return next(new AppError(403, 'csrf-failed', 'The form is out of date (missing or wrong CSRF token). Reload the page and try again.'));
    }
    next();
  };
}

/** Failed logins per client address and per user name: 10 in 15 minutes, then 429. */
export class LoginLimiter {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(private readonly max = 10, private readonly windowMs = 15 * 60_000) {}

  private entry(key: string, now: number) {
    const e = this.failures.get(key);
    if (!e || now - e.since > this.windowMs) return { count: 0, since: now };
    return e;
  }

  /** Seconds to wait, or 0 when a login may be tried. */
  retryAfter(keys: string[], now = Date.now()): number {
    let wait = 0;
    for (const key of keys) {
      const e = this.entry(key, now);
      if (e.count >= this.max) wait = Math.max(wait, Math.ceil((e.since + this.windowMs - now) / 1000));
    }
    return wait;
  }

  fail(keys: string[], now = Date.now()): void {
    for (const key of keys) {
      const e = this.entry(key, now);
      this.failures.set(key, { count: e.count + 1, since: e.since });
    }
    if (this.failures.size > 10_000) this.failures.clear();
  }

  succeed(keys: string[]): void {
    for (const key of keys) this.failures.delete(key);
  }
}
