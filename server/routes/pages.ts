import { Router, type Request, type Response } from 'express';
import multer from 'multer';
import type { Services } from '../app';
import { AppError, notFound } from '../errors';
import { importDocument, validateImport } from '../review/import';
import { parseId } from '../review/review';
import { decodeText } from '../formats/decode';
import { segmentView, type ConflictNotice } from '../views/segment-view';
import { actorOf, AUTHOR_COOKIE, cleanName, readCookie } from './actor';
import { sendExport } from './export';

/** HTML pages and the forms they post. Every form works without JavaScript (post, then redirect). */
export function pagesRouter(services: Services): Router {
  const { store, review, flagger, config } = services;
  const router = Router();
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: config.limits.maxUploadBytes, files: 2, fields: 20 } });

  router.get('/', (req, res) => {
    res.render('home', { title: 'Documents', documents: store.documents.list(), author: readCookie(req, AUTHOR_COOKIE) });
  });

  router.post('/documents', upload.fields([{ name: 'sourceFile', maxCount: 1 }, { name: 'mtFile', maxCount: 1 }]), (req, res) => {
    const files = (req.files ?? {}) as Record<string, Express.Multer.File[]>;
    const body = { ...(req.body as Record<string, unknown>) };
    const source = files.sourceFile?.[0];
    const mt = files.mtFile?.[0];
    if (source && source.size > 0) body.sourceText = decodeText(source.buffer, source.originalname || 'The source file');
    if (mt && mt.size > 0) body.mtText = decodeText(mt.buffer, mt.originalname || 'The MT file');
    const request = validateImport(body, config.limits);
    const id = importDocument(store, flagger, request, actorOf(req), config.limits);
    res.redirect(303, `/documents/${id}`);
  });

  router.get('/documents/:id', (req, res) => {
    const doc = store.documents.summary(parseId(req.params.id));
    if (!doc) throw notFound(`Document ${req.params.id}`);
    const pages = Math.max(1, Math.ceil(doc.segments / config.pageSize));
    const page = Math.min(Math.max(Number(req.query.page) || 1, 1), pages);
    const segments = store.segments.page(doc.id, config.pageSize, (page - 1) * config.pageSize);
    const ids = segments.map((s) => s.id);
    const findings = store.findings.forSegments(ids);
    const proposals = store.proposals.forSegments(ids);
    res.render('document', {
      title: doc.title,
      doc,
      rows: segments.map((s) => segmentView(doc, s, findings.get(s.id) ?? [], proposals.get(s.id) ?? [])),
      pagination: pages > 1 ? { page, pages, prev: page > 1 ? page - 1 : null, next: page < pages ? page + 1 : null } : null,
      author: readCookie(req, AUTHOR_COOKIE),
    });
  });

  router.get('/documents/:id/export', (req, res) => {
    sendExport(services, parseId(req.params.id), req.query.format, res);
  });

  router.post('/author', (req, res) => {
    const name = cleanName(req.body?.author);
    if (name) res.cookie(AUTHOR_COOKIE, name, { httpOnly: true, sameSite: 'lax', maxAge: 365 * 24 * 3600 * 1000 });
    else res.clearCookie(AUTHOR_COOKIE);
    res.redirect(303, safeBack(req));
  });

  // Segment actions: answer with the re-rendered row to the page's script, or redirect a plain form post.
  const segmentAction = (segmentIdOf: (req: Request) => number, act: (req: Request) => void) => (req: Request, res: Response) => {
    const segmentId = segmentIdOf(req);
    let notice: ConflictNotice | undefined;
    try {
      act(req);
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
      res.status(notice ? 409 : 200).render('row', {
        layout: false,
        row: segmentView(doc, segment, store.findings.forSegment(segmentId), store.proposals.forSegment(segmentId), notice),
      });
      return;
    }
    res.redirect(303, backToSegment(req, segmentId));
  };

  /** Back to the segment's row, on the page of the grid it is on. */
  const backToSegment = (_req: Request, segmentId: number): string => {
    const segment = review.segment(segmentId);
    const page = Math.floor(segment.index / config.pageSize) + 1;
    return `/documents/${segment.documentId}${page > 1 ? `?page=${page}` : ''}#seg-${segmentId}`;
  };

  const segmentParam = (req: Request) => review.segment(parseId(req.params.id)).id;
  const proposalSegment = (req: Request) => review.proposal(parseId(req.params.id)).segmentId;

  router.post('/segments/:id/proposals', segmentAction(segmentParam, (req) => {
    review.propose(parseId(req.params.id), { text: req.body?.text, baseVersion: req.body?.baseVersion, author: actorOf(req) });
  }));
  router.post('/segments/:id/suggestions', segmentAction(segmentParam, (req) => {
    review.proposeSuggestion(parseId(req.params.id), { findingId: req.body?.findingId, index: req.body?.index, baseVersion: req.body?.baseVersion, author: actorOf(req) });
  }));
  router.post('/segments/:id/status', segmentAction(segmentParam, (req) => {
    review.setStatus(parseId(req.params.id), { status: req.body?.status, baseVersion: req.body?.baseVersion, actor: actorOf(req) });
  }));
  router.post('/proposals/:id/accept', segmentAction(proposalSegment, (req) => {
    review.accept(parseId(req.params.id), actorOf(req));
  }));
  router.post('/proposals/:id/reject', segmentAction(proposalSegment, (req) => {
    review.reject(parseId(req.params.id), actorOf(req), req.body?.reason);
  }));

  return router;
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
