import { Router, type Request } from 'express';
import type { Services } from '../app';
import { allow, LoginLimiter, SESSION_COOKIE } from '../auth/middleware';
import { randomSecret } from '../auth/secrets';
import { AppError } from '../errors';
import { ROLES, type Role } from '../db/users';
import { parseId } from '../review/review';
import { readCookie } from './actor';

const LOGIN_CSRF_COOKIE = 'calque_login';

/** Signing in and out, and the admin's user management. */
export function authRouter({ store, config, accounts }: Services): Router {
  const router = Router();
  const limiter = new LoginLimiter();
  const cookieOptions = (req: Request) => ({ httpOnly: true, sameSite: 'lax' as const, secure: req.secure || config.secureCookies, path: '/' });

  // Before a session exists, the login form is protected by a double-submit token.
  router.get('/login', (req, res) => {
    // Reuse the token of an earlier visit: a second tab (or a background request sent here)
    // must not invalidate the form already on screen.
    const token = readCookie(req, LOGIN_CSRF_COOKIE) ?? randomSecret(16);
    res.cookie(LOGIN_CSRF_COOKIE, token, { ...cookieOptions(req), maxAge: 3600_000 });
    res.render('login', { title: 'Sign in', loginToken: token, next: safeNext(req.query.next) });
  });

  router.post('/login', async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const name = typeof body.name === 'string' ? body.name.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const next = safeNext(body.next);
    const cookieToken = readCookie(req, LOGIN_CSRF_COOKIE);
    if (!cookieToken || body._login !== cookieToken) throw new AppError(403, 'csrf-failed', 'The sign-in form is out of date. Reload the page and try again.');
    const keys = [`ip:${req.ip}`, `name:${name.toLowerCase()}`];
    const wait = limiter.retryAfter(keys);
    if (wait > 0) {
      res.set('Retry-After', String(wait));
      throw new AppError(429, 'too-many-attempts', `Too many failed sign-ins. Try again in ${Math.ceil(wait / 60)} minutes.`);
    }
    const user = name && password ? await accounts.check(name, password) : undefined;
    if (!user) {
      limiter.fail(keys);
      res.status(401).render('login', { title: 'Sign in', loginToken: cookieToken, next, name, error: 'Wrong name or password.' });
      return;
    }
    limiter.succeed(keys);
    const session = store.users.createSession(user.id);
    res.clearCookie(LOGIN_CSRF_COOKIE, { path: '/' });
    res.cookie(SESSION_COOKIE, session.token, { ...cookieOptions(req), maxAge: 14 * 86_400_000 });
    store.events.record({ actor: user.name, action: 'user.signed-in' });
    res.redirect(303, next);
  });

  router.post('/logout', allow('editor'), (req, res) => {
    const cookie = readCookie(req, SESSION_COOKIE);
    if (cookie) store.users.endSession(cookie);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.redirect(303, '/login');
  });

  router.get('/admin/users', allow('admin'), (_req, res) => {
    res.render('users', { title: 'Users', users: store.users.list(), roles: ROLES });
  });

  router.post('/admin/users', allow('admin'), async (req, res) => {
    const { name, role } = (req.body ?? {}) as Record<string, string>;
    const created = await accounts.createUser(String(name ?? '').trim(), String(role ?? ''));
    res.render('users', { title: 'Users', users: store.users.list(), roles: ROLES, created: { name: created.user.name, password: created.password } });
  });

  router.post('/admin/users/:id/role', allow('admin'), (req, res) => {
    const role = String(req.body?.role ?? '');
    if (!(ROLES as string[]).includes(role)) throw new AppError(400, 'invalid-role', `The role must be one of ${ROLES.join(', ')}.`);
    store.transaction(() => {
      store.users.setRole(parseId(req.params.id), role as Role);
      store.events.record({ actor: req.user!.name, action: 'user.role', details: { userId: Number(req.params.id), role } });
    });
    res.redirect(303, '/admin/users');
  });

  router.post('/admin/users/:id/token', allow('admin'), (req, res) => {
    const id = parseId(req.params.id);
    const user = store.users.list().find((u) => u.id === id);
    if (!user) throw new AppError(404, 'not-found', 'This user does not exist.');
    const token = store.users.createToken(id);
    store.events.record({ actor: req.user!.name, action: 'token.created', details: { for: user.name } });
    res.render('users', { title: 'Users', users: store.users.list(), roles: ROLES, token: { name: user.name, token } });
  });

  return router;
}

/** Only our own paths are followed after signing in (no open redirect). */
function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?!\/)[^\s\\]*$/.test(value) ? value : '/';
}
