import { Router } from 'express';
import multer from 'multer';
import type { Services } from '../app';
import { badRequest, notFound } from '../errors';
import { flagRequest } from '../work/tasks';
import { importWarnings } from '../review/import-warnings';
import { parseId } from '../review/review';
import { actorOf, canReview } from './actor';
import { sendExport } from './export';
import { allow } from '../auth/middleware';
import { parseFilter } from './filters';
import * as body from '../validation/routes';
import { segmentsPage } from './segments-page';
import { accountsApiRouter } from './accounts-api';
import { ruleQueryOf, searchRules } from '../checks/rule-search';

/** The JSON API. Handlers validate, call a service and answer; errors go to the error handler. */
export function apiRouter(services: Services): Router {
  const { store, review, flagger, config, work } = services;
  const router = Router();
  // Reading needs an account; each write below names the role it needs.
  router.use(allow('editor'));

  // The summary counts over the whole document: only the route that shows them reads them.
  const documentOr404 = (raw: string) => {
    const id = parseId(raw);
    const doc = store.documents.get(id);
    if (!doc) throw notFound('This document');
    return doc;
  };

  router.get('/documents', (_req, res) => {
    res.json(store.documents.list());
  });

  // JSON with the texts, or multipart with a `file` (XLIFF, TMX, TSV/CSV, .docx, .txt; format detected).
  const upload = multer({ storage: multer.memoryStorage(), defParamCharset: 'utf8', limits: { fileSize: config.limits.maxUploadBytes, fieldSize: config.limits.maxBodyBytes, files: 1, fields: 20 } });
  router.post('/documents', allow('admin'), upload.single('file'), async (req, res) => {
    // Read, flagged and stored in a worker when big (see server/work), in one transaction.
    const id = req.file
      ? await work.importUpload(store, req.file.buffer, req.file.originalname, req.body ?? {}, config.limits, actorOf(req))
      : await work.importText(store, req.body, config.limits, actorOf(req));
    res.status(201).location(`/api/documents/${id}`).json(store.documents.summary(id));
  });

  // What the import form warns about, while the texts are typed or pasted (nothing is stored).
  router.post('/import-warnings', (req, res) => {
    const text = (key: string) => (typeof req.body?.[key] === 'string' ? (req.body[key] as string) : undefined);
    res.json({ warnings: importWarnings({ sourceText: text('sourceText'), mtText: text('mtText'), targetLang: text('targetLang') }) });
  });

  router.get('/documents/:id', (req, res) => {
    const id = parseId(req.params.id);
    const summary = store.documents.summary(id);
    if (!summary) throw notFound('This document');
    res.json(summary);
  });

  // One page of rows (500 by default, 2,000 at most); the Link header names the next page.
  router.get('/documents/:id/segments', (req, res) => {
    const doc = documentOr404(req.params.id);
    const segments = segmentsPage(store, doc.id, req, res);
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
    const input = body.proposalBody.parse(req.body);
    const proposal = input.findingId !== undefined
      ? review.proposeSuggestion(parseId(req.params.id), { findingId: input.findingId, index: input.index, baseVersion: input.baseVersion, author: actorOf(req) })
      : review.propose(parseId(req.params.id), { text: input.text, baseVersion: input.baseVersion, author: actorOf(req) });
    res.status(201).json(proposal);
  });

  // Save and confirm in one step: a reviewer's edit is applied and the segment marked reviewed.
  router.post('/segments/:id/confirm', async (req, res) => {
    const segmentId = parseId(req.params.id);
    const input = { text: req.body?.text, baseVersion: req.body?.baseVersion, actor: actorOf(req), canReview: canReview(req), confirm: req.body?.confirm };
    res.json(await services.writes.run(() => review.confirm(segmentId, input)));
  });

  router.post('/segments/:id/status', allow('reviewer'), (req, res) => {
    const input = body.statusBody.parse(req.body);
    res.json(review.setStatus(parseId(req.params.id), { status: input.status, baseVersion: input.baseVersion, actor: actorOf(req), confirm: input.confirm }));
  });

  router.post('/proposals/:id/accept', allow('reviewer'), (req, res) => {
    res.json(review.accept(parseId(req.params.id), actorOf(req)));
  });

  // A stale proposal: its change merged into the current text (preview), and applied.
  router.get('/proposals/:id/merge', (req, res) => {
    const proposal = review.proposal(parseId(req.params.id));
    const segment = review.segment(proposal.segmentId);
    const stale = proposal.state === 'pending' && proposal.baseVersion !== segment.version;
    const merge = stale ? review.mergeWithCurrent(proposal, segment) : undefined;
    res.json({ stale, current: segment.text, proposed: proposal.text, mergeable: merge?.merged ?? false, merged: merge?.merged ? merge.text : null });
  });

  router.post('/proposals/:id/apply-current', allow('reviewer'), (req, res) => {
    res.json(review.applyToCurrent(parseId(req.params.id), actorOf(req)));
  });

  router.post('/proposals/:id/reject', allow('reviewer'), (req, res) => {
    res.json(review.reject(parseId(req.params.id), actorOf(req), body.rejectApi.parse(req.body).reason));
  });

  router.post('/proposals/:id/undo', allow('reviewer'), (req, res) => {
    res.json(review.undo(parseId(req.params.id), actorOf(req)));
  });

  // {reason?: string, scope?: 'document'}: with scope 'document', wherever the rule flags the phrase.
  router.post('/findings/:id/dismiss', allow('reviewer'), (req, res) => {
    const input = body.dismissForm.parse(req.body ?? {});
    const done = review.dismiss(parseId(req.params.id), actorOf(req), false, { reason: input.reason, everywhere: input.scope === 'document' });
    res.json({ dismissed: true, ...done });
  });

  router.post('/findings/:id/restore', allow('reviewer'), (req, res) => {
    const done = review.dismiss(parseId(req.params.id), actorOf(req), true, { everywhere: body.dismissForm.parse(req.body ?? {}).scope === 'document' });
    res.json({ dismissed: false, ...done });
  });

  router.post('/segments/:id/comments', (req, res) => {
    const input = body.commentBody.parse(req.body);
    const issueType = services.comments.parseIssueType(req.body?.issueType);
    const comment = review.comment(parseId(req.params.id), { body: input.body, parentId: input.parentId, author: actorOf(req) });
    res.status(201).json(services.comments.describe(comment, issueType));
  });

  router.post('/documents/:id/bulk', allow('reviewer'), (req, res) => {
    const input = body.bulkApi.parse(req.body);
    res.json(review.bulk(documentOr404(String(req.params.id)).id, { action: input.action, ruleId: input.ruleId, author: input.proposalAuthor, reason: input.reason }, actorOf(req), !input.dryRun));
  });

  router.post('/documents/:id/bulk/:bulkId/undo', allow('reviewer'), (req, res) => {
    res.json(review.undoBulk(documentOr404(String(req.params.id)).id, parseId(req.params.bulkId), actorOf(req)));
  });

  router.get('/documents/:id/rules', (req, res) => {
    const doc = documentOr404(req.params.id);
    res.json({ disabled: [...store.dismissals.disabledRules(doc.id)], counts: store.query.ruleCounts(doc.id) });
  });

  router.put('/documents/:id/rules/:ruleId', allow('reviewer'), (req, res) => {
    const doc = documentOr404(String(req.params.id));
    const { enabled } = body.ruleSwitchApi.parse(req.body);
    review.setRuleEnabled(doc.id, String(req.params.ruleId), enabled, actorOf(req));
    res.json({ ruleId: req.params.ruleId, enabled });
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

  // All of them without a query (4 MB with the shipped lexicon); ?q= and ?family= search as the Rules page does.
  router.get('/rules', (req, res) => {
    res.json(searchRules(flagger.rules, ruleQueryOf(req.query)));
  });

  router.post('/flag', async (req, res) => {
    // A big body arrives as bytes (rawFlagBody) and is parsed and checked in the worker.
    res.json(Buffer.isBuffer(req.body) ? await work.flagJson(req.body) : await work.flag(body.flagBody.parse(req.body)));
  });

  router.use(accountsApiRouter(services));

  return router;
}
