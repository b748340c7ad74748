import { Router } from 'express';
import multer from 'multer';
import type { Services } from '../app';
import { badRequest, notFound } from '../errors';
import { importDocument, validateImport } from '../review/import';
import { parseId } from '../review/review';
import { actorOf, canReview } from './actor';
import { sendExport } from './export';
import { allow } from '../auth/middleware';
import { importUpload } from '../formats/detect';
import { parseFilter } from './filters';

/** The JSON API. Handlers validate, call a service and answer; errors go to the error handler. */
export function apiRouter(services: Services): Router {
  const { store, review, flagger, config } = services;
  const router = Router();
  // Reading needs an account; each write below names the role it needs.
  router.use(allow('editor'));

  // The summary counts over the whole document: only the route that shows them reads them.
  const documentOr404 = (raw: string) => {
    const id = parseId(raw);
    const doc = store.documents.get(id);
    if (!doc) throw notFound(`Document ${id}`);
    return doc;
  };

  router.get('/documents', (_req, res) => {
    res.json(store.documents.list());
  });

  // JSON with the texts, or multipart with a `file` (XLIFF, TMX, TSV/CSV, .docx, .txt; format detected).
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: config.limits.maxUploadBytes, fieldSize: config.limits.maxBodyBytes, files: 1, fields: 20 } });
  router.post('/documents', allow('admin'), upload.single('file'), async (req, res) => {
    const id = req.file
      ? await importUpload(store, flagger, req.file.buffer, req.file.originalname, req.body ?? {}, actorOf(req), config.limits)
      : importDocument(store, flagger, validateImport(req.body, config.limits), actorOf(req), config.limits);
    res.status(201).location(`/api/documents/${id}`).json(store.documents.summary(id));
  });

  router.get('/documents/:id', (req, res) => {
    const id = parseId(req.params.id);
    const summary = store.documents.summary(id);
    if (!summary) throw notFound(`Document ${id}`);
    res.json(summary);
  });

  router.get('/documents/:id/segments', (req, res) => {
    const doc = documentOr404(req.params.id);
    const limit = Math.min(Number(req.query.limit) || 100_000, 100_000);
    const offset = Math.max(Number(req.query.offset) || 0, 0);
    const segments = store.query.page(doc.id, parseFilter(req.query as Record<string, unknown>), limit, offset);
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
    sendExport(services, parseId(req.params.id), req.query.format, res);
  });

  router.get('/segments/:id', (req, res) => {
    const segment = review.segment(parseId(req.params.id));
    const comments = store.comments.forSegments([segment.id]).get(segment.id) ?? [];
    const dismissals = store.dismissals.forSegments([segment.id]).get(segment.id) ?? [];
    res.json({ ...segment, findings: store.findings.forSegment(segment.id), proposals: store.proposals.forSegment(segment.id), comments, dismissals, history: store.events.forSegment(segment.id) });
  });

  router.post('/segments/:id/proposals', (req, res) => {
    const body = req.body ?? {};
    const proposal = body.findingId !== undefined
      ? review.proposeSuggestion(parseId(req.params.id), { findingId: body.findingId, index: body.index, baseVersion: body.baseVersion, author: actorOf(req) })
      : review.propose(parseId(req.params.id), { text: body.text, baseVersion: body.baseVersion, author: actorOf(req) });
    res.status(201).json(proposal);
  });

  // Save and confirm in one step: a reviewer's edit is applied and the segment marked reviewed.
  router.post('/segments/:id/confirm', (req, res) => {
    res.json(review.confirm(parseId(req.params.id), { text: req.body?.text, baseVersion: req.body?.baseVersion, actor: actorOf(req), canReview: canReview(req) }));
  });

  router.post('/segments/:id/status', allow('reviewer'), (req, res) => {
    res.json(review.setStatus(parseId(req.params.id), { status: req.body?.status, baseVersion: req.body?.baseVersion, actor: actorOf(req) }));
  });

  router.post('/proposals/:id/accept', allow('reviewer'), (req, res) => {
    res.json(review.accept(parseId(req.params.id), actorOf(req)));
  });

  router.post('/proposals/:id/reject', allow('reviewer'), (req, res) => {
    res.json(review.reject(parseId(req.params.id), actorOf(req), req.body?.reason));
  });

  router.post('/proposals/:id/undo', allow('reviewer'), (req, res) => {
    res.json(review.undo(parseId(req.params.id), actorOf(req)));
  });

  router.post('/findings/:id/dismiss', allow('reviewer'), (req, res) => {
    review.dismiss(parseId(req.params.id), actorOf(req));
    res.json({ dismissed: true });
  });

  router.post('/findings/:id/restore', allow('reviewer'), (req, res) => {
    review.dismiss(parseId(req.params.id), actorOf(req), true);
    res.json({ dismissed: false });
  });

  router.post('/segments/:id/comments', (req, res) => {
    const issueType = services.comments.parseIssueType(req.body?.issueType);
    const comment = review.comment(parseId(req.params.id), { body: req.body?.body, parentId: req.body?.parentId, author: actorOf(req) });
    res.status(201).json(services.comments.describe(comment, issueType));
  });

  router.post('/documents/:id/bulk', allow('reviewer'), (req, res) => {
    const body = req.body ?? {};
    res.json(review.bulk(documentOr404(String(req.params.id)).id, { action: body.action, ruleId: body.ruleId, author: body.proposalAuthor, reason: body.reason }, actorOf(req), body.dryRun !== true));
  });

  router.get('/documents/:id/rules', (req, res) => {
    const doc = documentOr404(req.params.id);
    res.json({ disabled: [...store.dismissals.disabledRules(doc.id)], counts: store.query.ruleCounts(doc.id) });
  });

  router.put('/documents/:id/rules/:ruleId', allow('reviewer'), (req, res) => {
    const doc = documentOr404(String(req.params.id));
    if (typeof req.body?.enabled !== 'boolean') throw badRequest('invalid-field', '"enabled" must be true or false.');
    review.setRuleEnabled(doc.id, String(req.params.ruleId), req.body.enabled, actorOf(req));
    res.json({ ruleId: req.params.ruleId, enabled: req.body.enabled });
  });

  router.get('/me', (req, res) => {
    res.json(req.user);
  });

  router.delete('/documents/:id', allow('admin'), (req, res) => {
    const id = documentOr404(String(req.params.id)).id;
    store.transaction(() => {
      store.documents.delete(id);
      store.events.record({ actor: actorOf(req), action: 'document.deleted', documentId: id });
    });
    res.status(204).end();
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
