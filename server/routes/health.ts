import { Router } from 'express';
import type { Db } from '../db/connection';
import { readiness } from '../db/health';

/**
 * Probes for a supervisor or load balancer; no sign-in needed and nothing private in them.
 * /healthz: the process answers. /readyz: it can do its work (database writable, schema current).
 */
export function healthRouter(db: Db): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', (_req, res) => {
    const state = readiness(db);
    res.set('Cache-Control', 'no-store');
    if (state.ready) res.json({ status: 'ready', schemaVersion: state.schemaVersion });
    else res.status(503).json({ status: 'not-ready', error: { reason: state.reason, message: state.message, requestId: res.getHeader('X-Request-Id') } });
  });
  return router;
}
