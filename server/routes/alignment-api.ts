import { Router } from 'express';
import type { Services } from '../app';
import { allow } from '../auth/middleware';
import { parseId } from '../review/review';
import { actorOf } from './actor';

/** Alignment repairs: merge, split, move a sentence, undo; and what the import found. */
export function alignmentApiRouter(services: Services): Router {
  const { alignment } = services;
  const router = Router();
  router.use(allow('editor'));
  const body = (raw: unknown) => (typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {});

  router.get('/documents/:id/alignment', (req, res) => {
    res.json(alignment.status(parseId(req.params.id)));
  });

  router.post('/segments/:id/merge', allow('reviewer'), (req, res) => {
    res.json(alignment.merge(parseId(req.params.id), body(req.body), actorOf(req)));
  });

  router.post('/segments/:id/split', allow('reviewer'), (req, res) => {
    res.status(201).json(alignment.split(parseId(req.params.id), body(req.body), actorOf(req)));
  });

  router.post('/segments/:id/move', allow('reviewer'), (req, res) => {
    res.json(alignment.move(parseId(req.params.id), body(req.body), actorOf(req)));
  });

  router.post('/alignment/:id/undo', allow('reviewer'), (req, res) => {
    res.json(alignment.undo(parseId(req.params.id), actorOf(req)));
  });

  return router;
}
