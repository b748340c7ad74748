import { Router } from 'express';
import type { Services } from '../app';
import { allow } from '../auth/middleware';
import { parseId } from '../review/review';
import { actorOf, canReview } from './actor';

/** Find and replace over a document, and repetitions. */
export function editsApiRouter(services: Services): Router {
  const { replace, repetitions } = services;
  const router = Router();
  router.use(allow('editor'));

  router.post('/documents/:id/replace/preview', (req, res) => {
    res.json(replace.preview(parseId(req.params.id), req.body));
  });

  router.post('/documents/:id/replace', (req, res) => {
    res.status(201).json(replace.apply(parseId(req.params.id), req.body, actorOf(req), canReview(req)));
  });

  router.post('/replacements/:id/undo', (req, res) => {
    res.json(replace.undo(parseId(req.params.id), actorOf(req), canReview(req)));
  });

  router.get('/documents/:id/repetitions', (req, res) => {
    const id = parseId(req.params.id);
    res.json({ settings: repetitions.settings(id), groups: repetitions.groups(id) });
  });

  router.put('/documents/:id/repetitions/settings', allow('reviewer'), (req, res) => {
    res.json(repetitions.setSettings(parseId(req.params.id), req.body, actorOf(req)));
  });

  router.post('/segments/:id/propagate', (req, res) => {
    res.json(repetitions.propagate(parseId(req.params.id), actorOf(req), canReview(req)));
  });

  router.post('/propagations/:id/undo', (req, res) => {
    res.json(repetitions.undo(parseId(req.params.id), actorOf(req), canReview(req)));
  });

  return router;
}
