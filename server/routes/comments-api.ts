import { Router } from 'express';
import type { Services } from '../app';
import { allow } from '../auth/middleware';
import { parseId } from '../review/review';
import { ISSUE_TYPES } from '../comments/service';
import { actorOf } from './actor';

/** Comment threads: issue types, mentions, resolve and reopen. */
export function commentsApiRouter(services: Services): Router {
  const { comments } = services;
  const router = Router();
  router.use(allow('editor'));

  router.get('/comment-issue-types', (_req, res) => {
    res.json(ISSUE_TYPES);
  });

  router.get('/segments/:id/comments', (req, res) => {
    res.json(comments.forSegment(parseId(req.params.id)));
  });

  router.get('/me/mentions', (req, res) => {
    res.json(comments.mentioning(actorOf(req)));
  });

  router.post('/comments/:id/resolve', (req, res) => {
    res.json(comments.setResolved(parseId(req.params.id), true, actorOf(req)));
  });

  router.post('/comments/:id/reopen', (req, res) => {
    res.json(comments.setResolved(parseId(req.params.id), false, actorOf(req)));
  });

  return router;
}
