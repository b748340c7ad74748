import { Router } from 'express';
import type { Services } from '../app';
import { allow } from '../auth/middleware';
import { parseId } from '../review/review';
import { roleForm } from '../validation/routes';

/** Accounts over the JSON API (admins only): list users and tokens, change roles, deactivate, revoke. */
export function accountsApiRouter({ store, accounts }: Services): Router {
  const router = Router();

  router.get('/users', allow('admin'), (_req, res) => {
    res.json(store.users.list());
  });

  router.put('/users/:id/role', allow('admin'), (req, res) => {
    res.json(accounts.setRole(parseId(req.params.id), roleForm.parse(req.body).role, req.user!.name));
  });

  router.post('/users/:id/deactivate', allow('admin'), (req, res) => {
    res.json(accounts.deactivate(parseId(req.params.id), req.user!.name));
  });

  router.get('/tokens', allow('admin'), (_req, res) => {
    res.json(store.users.tokens());
  });

  router.delete('/tokens/:id', allow('admin'), (req, res) => {
    accounts.revokeToken(parseId(req.params.id), req.user!.name);
    res.status(204).end();
  });

  return router;
}
