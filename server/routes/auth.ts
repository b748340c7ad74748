import { Router, type Request } from 'express';
import type { Services } from '../app';
import { allow, LoginLimiter, SESSION_COOKIE } from '../auth/middleware';
import { randomSecret } from '../auth/secrets';
import { AppError } from '../errors';
import { ROLES } from '../db/users';
import { parseId } from '../review/review';
import { readCookie } from './actor';
import { loginForm, newUserForm } from '../validation/routes';

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
    const body = loginForm.parse(req.body);
    const name = body.name ?? '';
    const password = body.password ?? '';
    const next = safeNext(body.next);
    const cookieToken = readCookie(req, LOGIN_CSRF_COOKIE);
    if (!cookieToken || body._login !== cookieToken) throw new AppError(403, 'csrf-failed', 'The sign-in form is out of date. Reload the page and try again.');
    const address = req.ip ?? '';
    const account = name.toLowerCase();
    const wait = limiter.retryAfter(address, account);
    if (wait > 0) {
      res.set('Retry-After', String(wait));
      throw new AppError(429, 'too-many-attempts', `Too many failed sign-ins. Try again in ${wait < 120 ? `${wait} seconds` : `${Math.ceil(wait / 60)} minutes`}.`);
    }
    const user = name && password ? await accounts.check(name, password) : undefined;
    if (!user) {
      limiter.fail(address, account);
      res.status(401).render('login', { title: 'Sign in', loginToken: cookieToken, next, name, error: 'Wrong name or password.' });
      return;
    }
    limiter.succeed(address, account);
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

  // The Users page: each account with its role, its API tokens (revocable) and whether it is active.
  const usersPage = (extra: Record<string, unknown> = {}) => {
    const tokens = store.users.tokens();
    const users = store.users.list().map((u) => ({ ...u, active: u.deactivatedAt === null, tokens: tokens.filter((t) => t.userId === u.id) }));
    return { title: 'Users', users, roles: ROLES, ...extra };
  };

  router.get('/admin/users', allow('admin'), (_req, res) => {
    res.render('users', usersPage());
  });

  router.post('/admin/users', allow('admin'), async (req, res) => {
    const { name, role } = newUserForm.parse(req.body);
    const created = await accounts.createUser(name ?? '', role ?? '');
    res.render('users', usersPage({ created: { name: created.user.name, password: created.password } }));
  });

  router.post('/admin/users/:id/role', allow('admin'), (req, res) => {
    const role = String(req.body?.role ?? '');
    accounts.setRole(parseId(req.params.id), role, req.user!.name);
    res.redirect(303, '/admin/users');
  });

  router.post('/admin/users/:id/deactivate', allow('admin'), (req, res) => {
    accounts.deactivate(parseId(req.params.id), req.user!.name);
    res.redirect(303, '/admin/users');
  });

  router.post('/admin/tokens/:id/revoke', allow('admin'), (req, res) => {
    accounts.revokeToken(parseId(req.params.id), req.user!.name);
    res.redirect(303, '/admin/users');
  });

  router.post('/admin/users/:id/token', allow('admin'), (req, res) => {
    const id = parseId(req.params.id);
    const user = store.users.get(id);
    if (!user) throw new AppError(404, 'not-found', 'This user does not exist.');
    if (user.deactivatedAt !== null) throw new AppError(409, 'user-deactivated', `${user.name} is deactivated and cannot have API tokens.`);
    const token = store.users.createToken(id);
    store.events.record({ actor: req.user!.name, action: 'token.created', details: { for: user.name } });
    res.render('users', usersPage({ token: { name: user.name, token } }));
  });

  return router;
}

/** Only our own paths are followed after signing in (no open redirect). */
function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?!\/)[^\s\\]*$/.test(value) ? value : '/';
}
