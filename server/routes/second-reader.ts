import { Router, type Request, type Response } from 'express';
import type { Services } from '../app';
import { AppError, badRequest } from '../errors';
import { parseId } from '../review/review';
import { allow } from '../auth/middleware';
import { actorOf } from './actor';
import { parseFilter } from './filters';
import { buildRows } from '../views/rows';
import { LLM_RULE_ID, llmAuthor } from '../llm/rule';

/** The second reader's JSON routes, under /api. */
export function secondReaderApi(services: Services): Router {
  const reader = services.secondReader;
  const router = Router();
  router.use(allow('editor'));

  router.post('/segments/:id/second-reader', async (req, res) => {
    const outcome = await reader.askSegment(parseId(req.params.id), actorOf(req));
    const segmentId = outcome.segmentId;
    res.json({
      ...outcome,
      findings: services.store.findings.forSegment(segmentId).filter((f) => f.field === 'text' && f.ruleId === LLM_RULE_ID),
      pendingProposals: services.store.proposals.forSegment(segmentId).filter((p) => p.state === 'pending' && p.author === llmAuthor(outcome.model)),
    });
  });

  router.get('/documents/:id/second-reader', (req, res) => {
    res.json(reader.state(parseId(req.params.id)));
  });

  router.put('/documents/:id/second-reader', allow('reviewer'), (req, res) => {
    const documentId = parseId(req.params.id);
    if (typeof req.body?.optOut !== 'boolean') throw badRequest('invalid-field', '"optOut" must be true or false.');
    reader.setOptOut(documentId, req.body.optOut, actorOf(req));
    res.json(reader.state(documentId));
  });

  router.post('/documents/:id/second-reader/jobs', allow('reviewer'), (req, res) => {
    const filter = req.body?.filter && typeof req.body.filter === 'object' ? parseFilter(req.body.filter as Record<string, unknown>) : {};
    const job = reader.startJob(parseId(req.params.id), filter, actorOf(req));
    res.status(202).location(`/api/second-reader/jobs/${job.id}`).json(job);
  });

  router.get('/second-reader/jobs/:id', (req, res) => {
    res.json(reader.job(parseId(req.params.id)));
  });

  router.post('/second-reader/jobs/:id/cancel', allow('reviewer'), (req, res) => {
    res.json(reader.cancelJob(parseId(req.params.id), actorOf(req)));
  });

  router.post('/second-reader/jobs/:id/resume', allow('reviewer'), (req, res) => {
    res.status(202).json(reader.resumeJob(parseId(req.params.id), actorOf(req)));
  });

  return router;
}

/** The second reader's forms on the review pages; each works without JavaScript (post, then redirect). */
export function secondReaderPages(services: Services): Router {
  const { store, review, config } = services;
  const reader = services.secondReader;
  const router = Router();
  router.use(allow('editor'));

  const backToDocument = (documentId: number) => `/documents/${documentId}#second-reader`;

  router.post('/segments/:id/second-reader', async (req: Request, res: Response) => {
    const segment = review.segment(parseId(req.params.id));
    let message: string | undefined;
    try {
      await reader.askSegment(segment.id, actorOf(req));
    } catch (err) {
      // The endpoint failing, or the reader being off, is said on the segment: never a 5xx of ours.
      if (!(err instanceof AppError) || err.status >= 500 || err.status === 404) throw err;
      message = err.message;
    }
    const fresh = review.segment(segment.id);
    if (req.get('x-calque-fragment') !== undefined) {
      const doc = store.documents.get(fresh.documentId)!;
      res.render('row', {
        layout: false,
        row: buildRows(store, doc, [fresh], { describeRule: (id) => services.flagger.rule(id), showDismissed: req.get('x-calque-dismissed') === '1', secondReader: reader.rowInfo(doc.id, message ? { segmentId: fresh.id, message } : undefined) })[0],
      });
      return;
    }
    const page = Math.floor(fresh.index / config.pageSize) + 1;
    if (message && !reader.notice(fresh.id)) {
      res.status(409).render('error', { title: 'Second reader', status: 409, message, back: `/documents/${fresh.documentId}${page > 1 ? `?page=${page}` : ''}#seg-${fresh.id}` });
      return;
    }
    res.redirect(303, `/documents/${fresh.documentId}${page > 1 ? `?page=${page}` : ''}#seg-${fresh.id}`);
  });

  router.post('/documents/:id/second-reader/jobs', allow('reviewer'), (req, res) => {
    const documentId = parseId(req.params.id);
    const filter = req.body?.scope === 'filter' ? parseFilter(req.body as Record<string, unknown>) : {};
    reader.startJob(documentId, filter, actorOf(req));
    res.redirect(303, backToDocument(documentId));
  });

  router.post('/second-reader/jobs/:id/cancel', allow('reviewer'), (req, res) => {
    const job = reader.cancelJob(parseId(req.params.id), actorOf(req));
    res.redirect(303, backToDocument(job.documentId));
  });

  router.post('/second-reader/jobs/:id/resume', allow('reviewer'), (req, res) => {
    const job = reader.resumeJob(parseId(req.params.id), actorOf(req));
    res.redirect(303, backToDocument(job.documentId));
  });

  router.post('/documents/:id/second-reader/opt-out', allow('reviewer'), (req, res) => {
    const documentId = parseId(req.params.id);
    reader.setOptOut(documentId, req.body?.optOut === '1', actorOf(req));
    res.redirect(303, backToDocument(documentId));
  });

  return router;
}
