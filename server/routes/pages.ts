import { Router, type Request, type Response } from 'express';
import multer from 'multer';
import type { Services } from '../app';
import { AppError, notFound } from '../errors';
import { validateImport } from '../review/import';
import { importWarnings, type ImportWarning } from '../review/import-warnings';
import { parseId, type QaWarning } from '../review/review';
import { decodeText } from '../formats/decode';
import { ruleLabel, type ConflictNotice } from '../views/segment-view';
import { buildRows } from '../views/rows';
import { wordDiffHtml } from '../views/word-diff';
import { segmentNumbers } from '../db/segment-numbers';
import { eventView } from '../views/event-view';
import { filterQuery, isFiltered, parseFilter } from './filters';
import { actorOf, canReview } from './actor';
import { allow } from '../auth/middleware';
import { sendExport } from './export';
import * as body from '../validation/routes';
import { secondReaderPanel } from '../views/second-reader-panel';
import { hterPercent } from '../views/hter';

/** A bulk preview lists this many changes; the rest are counted. */
const BULK_PREVIEW_ROWS = 1000;

/** HTML pages and the forms they post. Every form works without JavaScript (post, then redirect). */
export function pagesRouter(services: Services): Router {
  const { store, review, flagger, config } = services;
  const router = Router();
  const describeRule = (ruleId: string) => flagger.rule(ruleId);
  const ruleChip = (ruleId: string) => ({ ruleId, label: ruleLabel(ruleId, describeRule).label, name: describeRule(ruleId)?.name ?? ruleId });
  // Every page needs an account; each write below names the role it needs.
  router.use(allow('editor'));
  const upload = multer({ storage: multer.memoryStorage(), defParamCharset: 'utf8', limits: { fileSize: config.limits.maxUploadBytes, fieldSize: config.limits.maxBodyBytes, files: 3, fields: 20 } });

  const home = (res: Response, status = 200, form?: ImportFormState) => {
    res.status(status).render('home', { title: 'Documents', documents: store.cached('documents', () => store.documents.list()), form: form ?? { values: { sourceLang: 'zh', targetLang: 'en' } } });
  };

  router.get('/', (_req, res) => home(res));

  // The import form. A mistake, or a warning not yet acknowledged, shows the form again with what
  // was typed or pasted kept (an uploaded text file comes back as pasted text).
  router.post('/documents', allow('admin'), upload.fields([{ name: 'sourceFile', maxCount: 1 }, { name: 'mtFile', maxCount: 1 }, { name: 'file', maxCount: 1 }]), async (req, res) => {
    const files = (req.files ?? {}) as Record<string, Express.Multer.File[]>;
    const fields = { ...(req.body as Record<string, unknown>) };
    const source = files.sourceFile?.[0];
    const mt = files.mtFile?.[0];
    const bilingual = files.file?.[0];
    let id: number;
    try {
      if (source && source.size > 0) fields.sourceText = decodeText(source.buffer, source.originalname || 'The source file');
      if (mt && mt.size > 0) fields.mtText = decodeText(mt.buffer, mt.originalname || 'The MT file');
      const fileName = (source?.size ? source.originalname : '') || (mt?.size ? mt.originalname : '');
      if ((typeof fields.title !== 'string' || fields.title.trim() === '') && fileName) fields.title = fileName.replace(/\.[^.]+$/, '');
      if (bilingual && bilingual.size > 0) {
        id = await services.work.importUpload(store, bilingual.buffer, bilingual.originalname, fields, config.limits, actorOf(req));
      } else {
        const request = validateImport(fields, config.limits);
        const warnings = fields.acknowledge === '1' ? [] : importWarnings(request);
        if (warnings.length > 0) {
          home(res, 200, { values: formValues(fields), warnings });
          return;
        }
        id = await services.work.importText(store, fields, config.limits, actorOf(req));
      }
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      home(res, err.status, { values: formValues(fields), error: err.message, filesLost: Boolean(bilingual?.size) });
      return;
    }
    res.redirect(303, `/documents/${id}`);
  });

  router.get('/documents/:id', (req, res) => {
    const id = parseId(req.params.id);
    const doc = store.cached(`summary:${id}`, () => store.documents.summary(id));
    if (!doc) throw notFound('This document');
    const filter = parseFilter(req.query as Record<string, unknown>);
    const showDismissed = req.query.dismissed === '1';
    const matching = isFiltered(filter) ? store.cached(`count:${doc.id}:${JSON.stringify(filter)}`, () => store.query.count(doc.id, filter)) : doc.segments;
    const pages = Math.max(1, Math.ceil(matching / config.pageSize));
    const page = Math.min(body.gridQuery.parse(req.query).page!, pages);
    const segments = store.query.page(doc.id, filter, config.pageSize, (page - 1) * config.pageSize);
    const ruleCounts = store.cached(`rules:${doc.id}`, () => store.query.ruleCounts(doc.id));
    const disabled = store.dismissals.disabledRules(doc.id);
    const keep = (extra: Record<string, string | number | undefined>) => filterQuery(filter, { dismissed: showDismissed ? 1 : undefined, ...extra });
    // The reviewer is about to confirm segments: their repetitions are looked up from then on.
    services.repetitions.warm(doc.id);
    res.render('document', {
      title: doc.title,
      doc,
      hterPercent: hterPercent(doc.hter),
      filter,
      filtered: isFiltered(filter),
      matching,
      showDismissed,
      toggleDismissedUrl: filterQuery(filter, { dismissed: showDismissed ? undefined : 1 }),
      rules: distinctLabels(ruleCounts.map((r) => ({ ...r, selected: r.ruleId === filter.rule, ...ruleChip(r.ruleId) }))),
      disabledRules: distinctLabels([...disabled].map(ruleChip)),
      authors: store.proposals.pendingInDocument(doc.id).reduce<string[]>((list, p) => (list.includes(p.author) ? list : [...list, p.author]), []),
      rows: buildRows(store, doc, segments, { showDismissed, describeRule, secondReader: services.secondReader.rowInfo(doc.id), justDismissed: typeof req.query.justDismissed === 'string' && /^\d{1,15}$/.test(req.query.justDismissed) ? Number(req.query.justDismissed) : undefined }),
      secondReader: secondReaderPanel(services, doc.id, filter),
      page,
      pages,
      activeFilters: countActive(filter),
      filterOpen: countActive(filter) > 0,
      pagination: pages > 1 ? { page, pages, prev: page > 1 ? keep({ page: page - 1 }) : null, next: page < pages ? keep({ page: page + 1 }) : null } : null,
      bulkDone: typeof req.query.bulkDone === 'string' && /^\d+$/.test(req.query.bulkDone) ? Number(req.query.bulkDone) : undefined,
      bulkNotice: bulkNotice(req.query as Record<string, unknown>, (bulkId) => store.events.get(bulkId)?.documentId === doc.id && !store.events.bulkUndone(doc.id, bulkId)),
    });
  });

  // "Go to segment N": the page of the grid that holds it, scrolled to its row.
  router.get('/documents/:id/goto', (req, res) => {
    const doc = store.documents.get(parseId(req.params.id));
    if (!doc) throw notFound('This document');
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
    if (!doc) throw notFound('This document');
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
    const form = body.bulkForm.parse(req.body);
    const input = { action: form.action, ruleId: form.ruleId, author: form.bulkAuthor, reason: form.reason };
    if (!form.confirm) {
      const plan = review.bulk(documentId, input, actorOf(req), false);
      const shown = plan.changes.slice(0, BULK_PREVIEW_ROWS).map((c) => ({
        ...c,
        diffHtml: c.kind === 'reject' ? '' : wordDiffHtml(c.before, c.after),
        rejected: c.kind === 'reject' ? c.after : undefined,
        link: `/documents/${documentId}${c.number > config.pageSize ? `?page=${Math.ceil(c.number / config.pageSize)}` : ''}#seg-${c.segmentId}`,
      }));
      res.render('bulk-confirm', { title: 'Preview', documentId, plan, input, changes: shown, more: Math.max(0, plan.count - shown.length) });
      return;
    }
    const done = review.bulk(documentId, input, actorOf(req), true);
    res.redirect(303, `/documents/${documentId}?bulkDone=${done.count}${done.bulkId !== null && done.count > 0 ? `&bulk=${done.bulkId}` : ''}`);
  });

  router.post('/documents/:id/bulk/:bulkId/undo', allow('reviewer'), (req, res) => {
    const documentId = parseId(req.params.id);
    const undone = review.undoBulk(documentId, parseId(req.params.bulkId), actorOf(req));
    const kept = undone.kept.map((k) => k.number).join(',');
    res.redirect(303, `/documents/${documentId}?bulkUndone=${undone.restored}${kept ? `&bulkKept=${kept}` : ''}`);
  });

  router.post('/documents/:id/rules/:ruleId', allow('reviewer'), (req, res) => {
    const documentId = parseId(req.params.id);
    review.setRuleEnabled(documentId, String(req.params.ruleId), body.ruleSwitchForm.parse(req.body).enabled, actorOf(req));
    res.redirect(303, safeBack(req));
  });

  router.get('/documents/:id/export', (req, res) => {
    sendExport(services, parseId(req.params.id), req.query.format, res);
  });

  // Segment actions: answer with the re-rendered row to the page's script, or redirect a plain form post.
  // An action may name the segment to go on to (a confirm goes on to the next unreviewed one).
  const segmentAction = (segmentIdOf: (req: Request) => number, act: (req: Request, res: Response) => number | void | Promise<number | void>) => async (req: Request, res: Response) => {
    const segmentId = segmentIdOf(req);
    let notice: ConflictNotice | undefined;
    let next: number | void = undefined;
    try {
      next = await act(req, res);
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 409) throw err;
      const details = err.details as { proposal?: { text: string }; warnings?: QaWarning[] } | undefined;
      const current = review.segment(segmentId);
      notice = { message: err.message, currentText: current.text, proposalText: details?.proposal?.text };
      if (err.reason === 'qa-warning') {
        // Confirming anyway repeats the request with confirm=1: the status change, or the save and confirm of the edit.
        const viaConfirm = req.path.endsWith('/confirm');
        notice.qa = { segmentId, status: String(req.body?.status ?? 'reviewed'), version: current.version, warnings: details?.warnings ?? [],
          action: viaConfirm ? `/segments/${segmentId}/confirm` : `/segments/${segmentId}/status`, text: viaConfirm && typeof req.body?.text === 'string' ? req.body.text : undefined };
      }
      if (req.get('x-calque-fragment') === undefined) {
        res.status(409).render('error', { title: notice.qa ? 'QA warning' : 'Conflict', status: 409, message: err.message, conflict: notice, back: backToSegment(req, segmentId) });
        return;
      }
    }
    if (req.get('x-calque-fragment') !== undefined) {
      const segment = review.segment(segmentId);
      const doc = store.documents.get(segment.documentId)!;
      if (typeof next === 'number') res.set({ 'X-Calque-Next': String(next), 'X-Calque-Next-Url': backToSegment(req, next) });
      res.status(notice ? 409 : 200).render('row', {
        layout: false,
        row: buildRows(store, doc, [segment], { notice, describeRule, showDismissed: req.get('x-calque-dismissed') === '1', secondReader: services.secondReader.rowInfo(doc.id), justDismissed: res.locals.justDismissed as number | undefined, dismissedEverywhere: res.locals.dismissedEverywhere as number | undefined })[0],
      });
      return;
    }
    const back = backToSegment(req, typeof next === 'number' ? next : segmentId);
    // Without the script, the page shows the dismissed finding as "Dismissed — Undo" too.
    const dismissed = res.locals.justDismissed as number | undefined;
    res.redirect(303, dismissed ? back.replace(/(\?[^#]*)?#/, (_m, q?: string) => `${q ? `${q}&` : '?'}justDismissed=${dismissed}#`) : back);
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
    if (!finding) throw notFound('This finding');
    return finding.segmentId;
  };

  router.post('/segments/:id/proposals', segmentAction(segmentParam, (req) => {
    const input = body.proposalBody.parse(req.body);
    review.propose(parseId(req.params.id), { text: input.text, baseVersion: input.baseVersion, author: actorOf(req) });
  }));
  router.post('/segments/:id/confirm', segmentAction(segmentParam, async (req) => {
    const segmentId = parseId(req.params.id);
    const input = { text: req.body?.text, baseVersion: req.body?.baseVersion, actor: actorOf(req), canReview: canReview(req), confirm: req.body?.confirm };
    const { segment } = await services.writes.run(() => review.confirm(segmentId, input));
    return store.segments.nextOpen(segment.documentId, segment.index)?.id ?? segment.id;
  }));
  router.post('/segments/:id/suggestions', segmentAction(segmentParam, (req) => {
    const input = body.proposalBody.parse(req.body);
    review.proposeSuggestion(parseId(req.params.id), { findingId: input.findingId, index: input.index, baseVersion: input.baseVersion, author: actorOf(req) });
  }));
  router.post('/segments/:id/status', allow('reviewer'), segmentAction(segmentParam, (req) => {
    const input = body.statusBody.parse(req.body);
    review.setStatus(parseId(req.params.id), { status: input.status, baseVersion: input.baseVersion, actor: actorOf(req), confirm: input.confirm });
  }));
  router.post('/proposals/:id/accept', allow('reviewer'), segmentAction(proposalSegment, (req) => {
    review.accept(parseId(req.params.id), actorOf(req));
  }));
  router.post('/proposals/:id/apply-current', allow('reviewer'), segmentAction(proposalSegment, (req) => {
    review.applyToCurrent(parseId(req.params.id), actorOf(req));
  }));
  router.post('/proposals/:id/reject', allow('reviewer'), segmentAction(proposalSegment, (req) => {
    const { cannedReason, reason } = body.rejectForm.parse(req.body);
    review.reject(parseId(req.params.id), actorOf(req), [cannedReason, reason].filter(Boolean).join(': '));
  }));
  router.post('/proposals/:id/undo', allow('reviewer'), segmentAction(proposalSegment, (req) => {
    review.undo(parseId(req.params.id), actorOf(req));
  }));
  router.post('/findings/:id/dismiss', allow('reviewer'), segmentAction(findingSegment, (req, res) => {
    const input = body.dismissForm.parse(req.body);
    const restore = input.restore;
    const findingId = parseId(req.params.id);
    const everywhere = input.scope === 'document';
    const done = review.dismiss(findingId, actorOf(req), restore, { reason: input.reason, everywhere });
    if (!restore) res.locals.justDismissed = findingId;
    // The whole document's count (this segment included), so that Undo says what it restores.
    if (!restore && everywhere) res.locals.dismissedEverywhere = done.segments + 1;
    if (everywhere) res.set('X-Calque-Refresh', 'phrase');
  }));
  router.post('/segments/:id/comments', segmentAction(segmentParam, (req) => {
    const input = body.commentBody.parse(req.body);
    const issueType = services.comments.parseIssueType(req.body?.issueType);
    services.comments.describe(review.comment(parseId(req.params.id), { body: input.body, parentId: input.parentId, author: actorOf(req) }), issueType);
  }));

  return router;
}


interface ImportFormState {
  values: Record<string, string>;
  error?: string;
  warnings?: ImportWarning[];
  filesLost?: boolean;
}

/** The import form's fields as they were sent, to fill the form in again. */
function formValues(body: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const key of ['title', 'sourceLang', 'targetLang', 'sourceText', 'mtText']) if (typeof body[key] === 'string') values[key] = body[key] as string;
  return values;
}

/** What the page says after a bulk action ran (with its Undo) or was undone, read from the redirect's query. */
function bulkNotice(query: Record<string, unknown>, canUndo: (bulkId: number) => boolean) {
  const num = (key: string) => (typeof query[key] === 'string' && /^\d{1,9}$/.test(query[key] as string) ? Number(query[key]) : undefined);
  const kept = typeof query.bulkKept === 'string' && /^\d{1,9}(,\d{1,9}){0,200}$/.test(query.bulkKept) ? query.bulkKept.split(',') : [];
  const bulkId = num('bulk');
  // Undo is offered only while it can succeed: not once the action was undone.
  return { bulkId: bulkId !== undefined && canUndo(bulkId) ? bulkId : undefined, undone: num('bulkUndone'), kept: kept.length ? kept.join(', ') : undefined, keptCount: kept.length };
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

/**
 * Rules named by the Chinese term behind them can share a label (two rules of 落地): those get
 * their rule id beside it, the handle the Rules page finds them by, so that a list or a menu never
 * shows the same words twice.
 */
function distinctLabels<T extends { ruleId: string; label: string }>(rules: T[]): T[] {
  const seen = new Map<string, number>();
  for (const r of rules) seen.set(r.label, (seen.get(r.label) ?? 0) + 1);
  return rules.map((r) => (seen.get(r.label)! > 1 ? { ...r, label: `${r.label} (${r.ruleId})` } : r));
}
