import { Router } from 'express';
import type { Services } from '../app';
import { badRequest, notFound } from '../errors';
import { importDocument, validateImport } from '../review/import';
import { parseId } from '../review/review';
import { actorOf } from './actor';
import { sendExport } from './export';

/** The JSON API. Handlers validate, call a service and answer; errors go to the error handler. */
export function apiRouter(services: Services): Router {
  const { store, review, flagger, config } = services;
  const router = Router();

  const documentOr404 = (raw: string) => {
    const id = parseId(raw);
    const doc = store.documents.summary(id);
    if (!doc) throw notFound(`Document ${id}`);
    return doc;
  };

  router.get('/documents', (_req, res) => {
    res.json(store.documents.list());
  });

  router.post('/documents', (req, res) => {
    const request = validateImport(req.body, config.limits);
    const id = importDocument(store, flagger, request, actorOf(req), config.limits);
    res.status(201).location(`/api/documents/${id}`).json(store.documents.summary(id));
  });

  router.get('/documents/:id', (req, res) => {
    res.json(documentOr404(req.params.id));
  });

  router.get('/documents/:id/segments', (req, res) => {
    const doc = documentOr404(req.params.id);
    const limit = Math.min(Number(req.query.limit) || 100_000, 100_000);
    const offset = Math.max(Number(req.query.offset) || 0, 0);
    const segments = store.segments.page(doc.id, limit, offset);
    const ids = segments.map((s) => s.id);
    const findings = store.findings.forSegments(ids);
    const proposals = store.proposals.forSegments(ids);
    res.json(segments.map((s) => ({
      ...s,
      findings: (findings.get(s.id) ?? []).filter((f) => f.field === 'text').map(({ segmentId: _s, field: _f, ...f }) => f),
      mtFindings: (findings.get(s.id) ?? []).filter((f) => f.field === 'mt').map(({ segmentId: _s, field: _f, ...f }) => f),
      proposals: proposals.get(s.id) ?? [],
    })));
  });

  router.get('/documents/:id/events', (req, res) => {
    const doc = documentOr404(req.params.id);
    res.json(store.events.forDocument(doc.id, 1000));
  });

  router.get('/documents/:id/export', (req, res) => {
    sendExport(services, documentOr404(req.params.id).id, req.query.format, res);
  });

  router.get('/segments/:id', (req, res) => {
    const segment = review.segment(parseId(req.params.id));
    res.json({ ...segment, findings: store.findings.forSegment(segment.id), proposals: store.proposals.forSegment(segment.id), history: store.events.forSegment(segment.id) });
  });

  router.post('/segments/:id/proposals', (req, res) => {
    const body = req.body ?? {};
    const proposal = body.findingId !== undefined
      ? review.proposeSuggestion(parseId(req.params.id), { findingId: body.findingId, index: body.index, baseVersion: body.baseVersion, author: actorOf(req) })
      : review.propose(parseId(req.params.id), { text: body.text, baseVersion: body.baseVersion, author: actorOf(req) });
    res.status(201).json(proposal);
  });

  router.post('/segments/:id/status', (req, res) => {
    res.json(review.setStatus(parseId(req.params.id), { status: req.body?.status, baseVersion: req.body?.baseVersion, actor: actorOf(req) }));
  });

  router.post('/proposals/:id/accept', (req, res) => {
    res.json(review.accept(parseId(req.params.id), actorOf(req)));
  });

  router.post('/proposals/:id/reject', (req, res) => {
    res.json(review.reject(parseId(req.params.id), actorOf(req), req.body?.reason));
  });

  router.get('/rules', (_req, res) => {
    res.json(flagger.rules);
  });

  router.post('/flag', (req, res) => {
    const text = req.body?.text;
    if (typeof text !== 'string') throw badRequest('invalid-field', '"text" must be a string.');
    res.json(flagger.flag({ text, source: typeof req.body?.source === 'string' ? req.body.source : undefined }));
  });

  return router;
}
