import { Router, type Request, type Response } from 'express';
import multer from 'multer';
import type { Services } from '../app';
import { AppError, notFound } from '../errors';
import { importDocument, validateImport } from '../review/import';
import { parseId } from '../review/review';
import { decodeText } from '../formats/decode';
import { type ConflictNotice } from '../views/segment-view';
import { buildRows } from '../views/rows';
import { wordDiffHtml } from '../views/word-diff';
import { segmentNumbers } from '../db/segment-numbers';
import { eventView } from '../views/event-view';
import { filterQuery, isFiltered, parseFilter } from './filters';
import { actorOf, canReview } from './actor';
import { allow } from '../auth/middleware';
import { sendExport } from './export';
import { importUpload } from '../formats/detect';

/** HTML pages and the forms they post. Every form works without JavaScript (post, then redirect). */
export function pagesRouter(services: Services): Router {
  const { store, review, flagger, config } = services;
  const router = Router();
  // Every page needs an account; each write below names the role it needs.
  router.use(allow('editor'));
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: config.limits.maxUploadBytes, fieldSize: config.limits.maxBodyBytes, files: 3, fields: 20 } });

  router.get('/', (req, res) => {
    res.render('home', { title: 'Documents', documents: store.cached('documents', () => store.documents.list()) });
  });

  router.post('/documents', allow('admin'), upload.fields([{ name: 'sourceFile', maxCount: 1 }, { name: 'mtFile', maxCount: 1 }, { name: 'file', maxCount: 1 }]), async (req, res) => {
    const files = (req.files ?? {}) as Record<string, Express.Multer.File[]>;
    const body = { ...(req.body as Record<string, unknown>) };
    const source = files.sourceFile?.[0];
    const mt = files.mtFile?.[0];
    const bilingual = files.file?.[0];
    if (source && source.size > 0) body.sourceText = decodeText(source.buffer, source.originalname || 'The source file');
    if (mt && mt.size > 0) body.mtText = decodeText(mt.buffer, mt.originalname || 'The MT file');
    const id = bilingual && bilingual.size > 0
      ? await importUpload(store, flagger, bilingual.buffer, bilingual.originalname, body, actorOf(req), config.limits)
      : importDocument(store, flagger, validateImport(body, config.limits), actorOf(req), config.limits);
    res.redirect(303, `/documents/${id}`);
  });

  router.get('/documents/:id', (req, res) => {
    const id = parseId(req.params.id);
    const doc = store.cached(`summary:${id}`, () => store.documents.summary(id));
    if (!doc) throw notFound(`Document ${req.params.id}`);
    const filter = parseFilter(req.query as Record<string, unknown>);
    const showDismissed = req.query.dismissed === '1';
    const matching = isFiltered(filter) ? store.cached(`count:${doc.id}:${JSON.stringify(filter)}`, () => store.query.count(doc.id, filter)) : doc.segments;
    const pages = Math.max(1, Math.ceil(matching / config.pageSize));
    const page = Math.min(Math.max(Number(req.query.page) || 1, 1), pages);
    const segments = store.query.page(doc.id, filter, config.pageSize, (page - 1) * config.pageSize);
    const ruleCounts = store.cached(`rules:${doc.id}`, () => store.query.ruleCounts(doc.id));
    const disabled = store.dismissals.disabledRules(doc.id);
    const keep = (extra: Record<string, string | number | undefined>) => filterQuery(filter, { dismissed: showDismissed ? 1 : undefined, ...extra });
    res.render('document', {
      title: doc.title,
      doc,
      hterPercent: Math.round(doc.hter * 100),
      filter,
      filtered: isFiltered(filter),
      matching,
      showDismissed,
      toggleDismissedUrl: filterQuery(filter, { dismissed: showDismissed ? undefined : 1 }),
      rules: ruleCounts.map((r) => ({ ...r, selected: r.ruleId === filter.rule, name: flagger.rule(r.ruleId)?.name ?? r.ruleId })),
      disabledRules: [...disabled],
      authors: store.proposals.pendingInDocument(doc.id).reduce<string[]>((list, p) => (list.includes(p.author) ? list : [...list, p.author]), []),
      rows: buildRows(store, doc, segments, { showDismissed }),
      page,
      pages,
      activeFilters: countActive(filter),
      filterOpen: countActive(filter) > 0,
      pagination: pages > 1 ? { page, pages, prev: page > 1 ? keep({ page: page - 1 }) : null, next: page < pages ? keep({ page: page + 1 }) : null } : null,
      bulkDone: typeof req.query.bulkDone === 'string' && /^\d+$/.test(req.query.bulkDone) ? Number(req.query.bulkDone) : undefined,
    });
  });

  // "Go to segment N": the page of the grid that holds it, scrolled to its row.
  router.get('/documents/:id/goto', (req, res) => {
    const doc = store.documents.get(parseId(req.params.id));
    if (!doc) throw notFound(`Document ${req.params.id}`);
    const n = Number(req.query.n);
    const target = Number.isSafeInteger(n) && n >= 1 ? store.segments.atIndex(doc.id, n - 1) : undefined;
    if (!target) {
      res.status(404).render('error', { title: 'No such segment', status: 404, message: `This document has no segment ${String(req.query.n ?? '').slice(0, 20)}; its segments are numbered 1 to ${store.segments.count(doc.id)}.`, back: `/documents/${doc.id}` });
      return;
    }
    res.redirect(303, backToSegment(req, target.id));
  });

  router.get('/documents/:id/activity', (req, res) => {
    const doc = store.documents.summary(parseId(req.params.id));
    if (!doc) throw notFound(`Document ${req.params.id}`);
    const events = store.events.forDocument(doc.id, 500);
    const numbers = segmentNumbers(store.db, events.flatMap((e) => (e.segmentId === null ? [] : [e.segmentId])));
    res.render('activity', { title: `Activity · ${doc.title}`, doc, events: events.map((e) => eventView(e, numbers)) });
  });

  router.get('/segments/:id/history', (req, res) => {
    const segment = review.segment(parseId(req.params.id));
    const doc = store.documents.summary(segment.documentId)!;
    const events = store.events.forSegment(segment.id);
    const versions = [{ version: 1, text: segment.mt, by: 'machine translation', at: doc.createdAt, diffHtml: '' }];
    // Every change of text (an accepted proposal, an undone acceptance) logged its version and text.
    for (const e of events) {
      if (typeof e.details?.after === 'string' && typeof e.details.version === 'number') {
        versions.push({ version: e.details.version, text: e.details.after, by: e.actor, at: e.at, diffHtml: wordDiffHtml(segment.mt, e.details.after) });
      }
    }
    res.render('history', {
      title: `Segment ${segment.index + 1} · history`,
      doc,
      segment: { ...segment, number: segment.index + 1 },
      versions: versions.reverse(),
      events: [...events].reverse().map((e) => eventView(e)),
      back: backToSegment(req, segment.id),
    });
  });

  // Bulk actions: the first post shows what would happen and how many; the confirmed post does it.
  router.post('/documents/:id/bulk', allow('reviewer'), (req, res) => {
    const documentId = parseId(req.params.id);
    const input = { action: req.body?.action, ruleId: req.body?.ruleId, author: req.body?.bulkAuthor, reason: req.body?.reason };
    if (req.body?.confirm !== '1') {
      const plan = review.bulk(documentId, input, actorOf(req), false);
      res.render('bulk-confirm', { title: 'Confirm', documentId, plan, input });
      return;
    }
    const done = review.bulk(documentId, input, actorOf(req), true);
    res.redirect(303, `/documents/${documentId}?bulkDone=${done.count}`);
  });

  router.post('/documents/:id/rules/:ruleId', allow('reviewer'), (req, res) => {
    const documentId = parseId(req.params.id);
    review.setRuleEnabled(documentId, String(req.params.ruleId), req.body?.enabled === '1', actorOf(req));
    res.redirect(303, safeBack(req));
  });

  router.get('/documents/:id/export', (req, res) => {
    sendExport(services, parseId(req.params.id), req.query.format, res);
  });

  // Segment actions: answer with the re-rendered row to the page's script, or redirect a plain form post.
  // An action may name the segment to go on to (a confirm goes on to the next unreviewed one).
  const segmentAction = (segmentIdOf: (req: Request) => number, act: (req: Request) => number | void) => (req: Request, res: Response) => {
    const segmentId = segmentIdOf(req);
    let notice: ConflictNotice | undefined;
    let next: number | void = undefined;
    try {
      next = act(req);
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 409) throw err;
      const details = err.details as { proposal?: { text: string } } | undefined;
      notice = { message: err.message, currentText: review.segment(segmentId).text, proposalText: details?.proposal?.text };
      if (req.get('x-calque-fragment') === undefined) {
        res.status(409).render('error', { title: 'Conflict', status: 409, message: err.message, conflict: notice, back: backToSegment(req, segmentId) });
        return;
      }
    }
    if (req.get('x-calque-fragment') !== undefined) {
      const segment = review.segment(segmentId);
      const doc = store.documents.get(segment.documentId)!;
      if (typeof next === 'number') res.set({ 'X-Calque-Next': String(next), 'X-Calque-Next-Url': backToSegment(req, next) });
      res.status(notice ? 409 : 200).render('row', {
        layout: false,
        row: buildRows(store, doc, [segment], { notice, showDismissed: req.get('x-calque-dismissed') === '1' })[0],
      });
      return;
    }
    res.redirect(303, backToSegment(req, typeof next === 'number' ? next : segmentId));
  };

  /** Back to the segment's row, on the page of the grid it is on. */
  const backToSegment = (_req: Request, segmentId: number): string => {
    const segment = review.segment(segmentId);
    const page = Math.floor(segment.index / config.pageSize) + 1;
    return `/documents/${segment.documentId}${page > 1 ? `?page=${page}` : ''}#seg-${segmentId}`;
  };

  const segmentParam = (req: Request) => review.segment(parseId(req.params.id)).id;
  const proposalSegment = (req: Request) => review.proposal(parseId(req.params.id)).segmentId;
  const findingSegment = (req: Request) => {
    const finding = store.findings.get(parseId(req.params.id));
    if (!finding) throw notFound(`Finding ${req.params.id}`);
    return finding.segmentId;
  };

  router.post('/segments/:id/proposals', segmentAction(segmentParam, (req) => {
    review.propose(parseId(req.params.id), { text: req.body?.text, baseVersion: req.body?.baseVersion, author: actorOf(req) });
  }));
  router.post('/segments/:id/confirm', segmentAction(segmentParam, (req) => {
    const { segment } = review.confirm(parseId(req.params.id), { text: req.body?.text, baseVersion: req.body?.baseVersion, actor: actorOf(req), canReview: canReview(req) });
    return store.segments.nextOpen(segment.documentId, segment.index)?.id ?? segment.id;
  }));
  router.post('/segments/:id/suggestions', segmentAction(segmentParam, (req) => {
    review.proposeSuggestion(parseId(req.params.id), { findingId: req.body?.findingId, index: req.body?.index, baseVersion: req.body?.baseVersion, author: actorOf(req) });
  }));
  router.post('/segments/:id/status', allow('reviewer'), segmentAction(segmentParam, (req) => {
    review.setStatus(parseId(req.params.id), { status: req.body?.status, baseVersion: req.body?.baseVersion, actor: actorOf(req) });
  }));
  router.post('/proposals/:id/accept', allow('reviewer'), segmentAction(proposalSegment, (req) => {
    review.accept(parseId(req.params.id), actorOf(req));
  }));
  router.post('/proposals/:id/reject', allow('reviewer'), segmentAction(proposalSegment, (req) => {
    const canned = typeof req.body?.cannedReason === 'string' ? req.body.cannedReason.trim() : '';
    const free = typeof req.body?.reason === 'string' ? req.body.reason.trim() : '';
    review.reject(parseId(req.params.id), actorOf(req), [canned, free].filter(Boolean).join(': '));
  }));
  router.post('/proposals/:id/undo', allow('reviewer'), segmentAction(proposalSegment, (req) => {
    review.undo(parseId(req.params.id), actorOf(req));
  }));
  router.post('/findings/:id/dismiss', allow('reviewer'), segmentAction(findingSegment, (req) => {
    review.dismiss(parseId(req.params.id), actorOf(req), req.body?.restore === '1');
  }));
  router.post('/segments/:id/comments', segmentAction(segmentParam, (req) => {
    const issueType = services.comments.parseIssueType(req.body?.issueType);
    services.comments.describe(review.comment(parseId(req.params.id), { body: req.body?.body, parentId: req.body?.parentId, author: actorOf(req) }), issueType);
  }));

  return router;
}


/** How many filters beyond the search box are set (the collapsed filter line says so). */
function countActive(filter: ReturnType<typeof parseFilter>): number {
  return Object.entries(filter).filter(([key, value]) => key !== 'q' && value !== undefined && value !== false && value !== '').length;
}

/** The Referer when it is one of our own paths, else the home page (no open redirects). */
function safeBack(req: Request): string {
  const referer = req.get('referer');
  if (!referer) return '/';
  try {
    const url = new URL(referer);
    return url.host === req.get('host') ? url.pathname + url.search + url.hash : '/';
  } catch {
    return '/';
  }
}
