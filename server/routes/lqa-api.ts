import { Router } from 'express';
import type { Services } from '../app';
import { allow } from '../auth/middleware';
import { parseId } from '../review/review';
import { MQM_CATEGORIES, MQM_FORMULA } from '../lqa/mqm';
import { actorOf } from './actor';

/** The reviewer's error annotations (LQA) and the document's MQM score. */
export function lqaApiRouter(services: Services): Router {
  const { lqa } = services;
  const router = Router();
  router.use(allow('editor'));

  router.get('/mqm/categories', (_req, res) => {
    res.json(Object.fromEntries(Object.entries(MQM_CATEGORIES).map(([c, subs]) => [c, Object.keys(subs)])));
  });

  router.get('/segments/:id/annotations', (req, res) => {
    res.json(lqa.forSegment(parseId(req.params.id)));
  });

  router.post('/segments/:id/annotations', allow('reviewer'), (req, res) => {
    res.status(201).json(lqa.annotate(parseId(req.params.id), req.body, actorOf(req)));
  });

  router.patch('/annotations/:id', allow('reviewer'), (req, res) => {
    res.json(lqa.update(parseId(req.params.id), req.body, actorOf(req)));
  });

  router.delete('/annotations/:id', allow('reviewer'), (req, res) => {
    res.json(lqa.setRemoved(parseId(req.params.id), true, actorOf(req)));
  });

  router.post('/annotations/:id/restore', allow('reviewer'), (req, res) => {
    res.json(lqa.setRemoved(parseId(req.params.id), false, actorOf(req)));
  });

  router.get('/documents/:id/annotations', (req, res) => {
    res.json(lqa.forDocument(parseId(req.params.id)));
  });

  router.get('/documents/:id/mqm', (req, res) => {
    const id = parseId(req.params.id);
    res.json({ ...lqa.score(id), formula: MQM_FORMULA });
  });

  router.put('/documents/:id/mqm', allow('reviewer'), (req, res) => {
    const id = parseId(req.params.id);
    lqa.setSettings(id, req.body, actorOf(req));
    res.json({ ...lqa.score(id), formula: MQM_FORMULA });
  });

  return router;
}
