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

interface Failures {
  count: number;
  /** The first failure of the window, and the latest. */
  since: number;
  last: number;
}

/**
 * Sign-in throttling, in memory.
 * - Per client address: 10 failures in 15 minutes, then 429 until the window ends. Signing in to
 *   one's own account does not clear it, so it bounds guesses at other people's passwords.
 * - Per account: never a lock-out anyone could cause. From the 10th failure in the window on,
 *   each attempt waits a back-off after the latest failure (2 s, 4 s, 8 s … at most 60 s); a
 *   correct password after the wait signs in from any address, and resets the account's count.
 *   Addresses the account signed in from before skip the back-off (they still have the
 *   per-address limit). Sessions already open are never affected.
 */
export class LoginLimiter {
  private readonly addresses = new Map<string, Failures>();
  private readonly accounts = new Map<string, Failures>();
  private readonly knownAddresses = new Map<string, Set<string>>();

  constructor(
    private readonly max = 10,
    private readonly windowMs = 15 * 60_000,
    private readonly maxBackoffMs = 60_000,
  ) {}

  /** An address's window is fixed from its first failure; an account's slides with its latest. */
  private current(map: Map<string, Failures>, key: string, now: number): Failures | undefined {
    const e = map.get(key);
    if (e && now - (map === this.addresses ? e.since : e.last) > this.windowMs) {
      map.delete(key);
      return undefined;
    }
    return e;
  }

  /** Milliseconds the account's next attempt must wait after its latest failure. */
  backoffMs(count: number): number {
    return count < this.max ? 0 : Math.min(2_000 * 2 ** (count - this.max), this.maxBackoffMs);
  }

  /** Seconds to wait, or 0 when this address may try this account now. */
  retryAfter(address: string, account: string, now = Date.now()): number {
    let waitMs = 0;
    const byAddress = this.current(this.addresses, address, now);
    if (byAddress && byAddress.count >= this.max) waitMs = byAddress.since + this.windowMs - now;
    const byAccount = this.current(this.accounts, account, now);
    if (byAccount && !this.knownAddresses.get(account)?.has(address)) {
      waitMs = Math.max(waitMs, byAccount.last + this.backoffMs(byAccount.count) - now);
    }
    return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
  }

  fail(address: string, account: string, now = Date.now()): void {
    for (const [map, key] of [[this.addresses, address], [this.accounts, account]] as const) {
      const e = this.current(map, key, now);
      map.set(key, { count: (e?.count ?? 0) + 1, since: e?.since ?? now, last: now });
      if (map.size > 10_000) map.clear();
    }
  }

  /** A correct password: the account's count starts again and the address becomes known to it. */
  succeed(address: string, account: string): void {
    this.accounts.delete(account);
    let known = this.knownAddresses.get(account);
    if (!known) {
      if (this.knownAddresses.size > 10_000) this.knownAddresses.clear();
      this.knownAddresses.set(account, (known = new Set()));
    }
    if (known.size >= 20) known.clear();
    known.add(address);
  }
}
