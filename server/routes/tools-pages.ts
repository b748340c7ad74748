import { Router, type Request, type Response } from 'express';
import multer from 'multer';
import type { Services } from '../app';
import { allow } from '../auth/middleware';
import { AppError, badRequest, notFound } from '../errors';
import { parseId } from '../review/review';
import { decodeText } from '../formats/decode';
import { ANNOTATION_SEVERITIES, MQM_CATEGORIES, MQM_FORMULA } from '../lqa/mqm';
import { splitSentences } from '../text/segment';
import type { ReplacePreview } from '../replace/service';
import { actorOf, canReview } from './actor';

/**
 * The whole-document tools page (/documents/:id/tools): glossary, find and replace, repetitions,
 * error annotations and the MQM score, alignment repair. Plain forms that post and redirect, so
 * every tool works without the page's script.
 */
export function toolsPagesRouter(services: Services): Router {
  const { store, terms, lqa, alignment, replace, repetitions, config } = services;
  const router = Router();
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: config.limits.maxUploadBytes, files: 1, fields: 5 } });
  /** Back to the tools page with a notice, and the form that undoes what was done when it can be. */
  const back = (res: Response, documentId: number, notice: string, anchor = '', undo?: string) =>
    res.redirect(303, `/documents/${documentId}/tools?notice=${encodeURIComponent(notice)}${undo ? `&undo=${encodeURIComponent(undo)}` : ''}${anchor}`);
  const UNDO: Record<string, string> = { term: '/terms/%/restore', 'term-import': '/term-imports/%/undo', replace: '/replacements/%/undo', alignment: '/alignment/%/undo', annotation: '/annotations/%/restore', repetitions: '/propagations/%/undo' };

  const render = (req: Request, res: Response, documentId: number, extra: { preview?: ReplacePreview; error?: string } = {}) => {
    const doc = store.documents.summary(documentId);
    if (!doc) throw notFound(`Document ${documentId}`);
    const glossary = terms.ofDocument(doc.id);
    const score = lqa.score(doc.id);
    const status = alignment.status(doc.id);
    const chosen = Number(req.query.repair);
    const picked = Number.isInteger(chosen) ? store.segments.atIndex(doc.id, chosen - 1) : undefined;
    const rows = [...(picked ? [{ segmentId: picked.id, index: picked.index, reason: 'Chosen for repair.' }] : []), ...status.suspects.filter((m) => m.segmentId !== picked?.id).slice(0, 50)];
    const suspects = rows.map((m) => {
      const s = store.segments.get(m.segmentId)!;
      const sentences = (text: string, lang: string) => splitSentences(text, lang).map((x, i) => ({ n: i + 1, end: x.end, text: x.text }));
      return { ...m, number: m.index + 1, source: s.source, mt: s.mt, version: s.version, sourceSentences: sentences(s.source, doc.sourceLang), mtSentences: sentences(s.mt, doc.targetLang) };
    });
    const annotations = lqa.forDocument(doc.id).map((a) => ({ ...a, number: (store.segments.get(a.segmentId)?.index ?? 0) + 1 }));
    res.render('tools', {
      title: `Tools · ${doc.title}`,
      doc,
      notice: typeof req.query.notice === 'string' ? req.query.notice.slice(0, 300) : undefined,
      // Sharing a glossary is undone by stopping, and stopping by sharing again.
      undo: undoAction(req.query.undo, { ...UNDO, unshare: `/documents/${doc.id}/tools/termbases/%/unshare`, share: `/documents/${doc.id}/tools/termbases/%/share` }),
      error: extra.error,
      canReview: canReview(req),
      glossary: { ...glossary, own: glossary.termbases.find((t) => t.own), shared: glossary.termbases.filter((t) => !t.own) },
      otherTermbases: terms.termbases().filter((t) => !glossary.termbases.some((g) => g.id === t.id)),
      preview: extra.preview && { ...extra.preview, segments: extra.preview.segments.map((s) => ({ ...s, key: `${s.segmentId}:${s.version}` })) },
      repetitions: { settings: repetitions.settings(doc.id), groups: repetitions.groups(doc.id).slice(0, 50) },
      mqm: { ...score, formula: MQM_FORMULA, severities: ANNOTATION_SEVERITIES.map((s) => ({ name: s, weight: score.weights[s], count: score.bySeverity[s] })) },
      categories: Object.entries(MQM_CATEGORIES).map(([name, subs]) => ({ name, subs: Object.keys(subs) })),
      severities: ANNOTATION_SEVERITIES,
      annotations,
      alignment: { note: status.note, suspects, repairs: status.repairs.filter((r) => !r.undoneAt).slice(0, 10).map((r) => ({ id: r.id, kind: r.kind, by: r.createdBy, at: r.createdAt, number: (r.details.before[0]?.index ?? 0) + 1 })) },
    });
  };

  router.get('/documents/:id/tools', allow('editor'), (req, res) => {
    render(req, res, parseId(req.params.id));
  });

  // Glossary
  router.post('/documents/:id/tools/terms', allow('reviewer'), (req, res) => {
    const id = parseId(req.params.id);
    const entry = terms.add(id, { sourceTerm: req.body?.sourceTerm, targetTerm: req.body?.targetTerm, note: req.body?.note, forbidden: req.body?.forbidden }, actorOf(req));
    back(res, id, `Added “${entry.sourceTerm}” to the glossary.`, '#glossary');
  });
  router.post('/documents/:id/tools/terms/:entryId/delete', allow('reviewer'), (req, res) => {
    const id = parseId(req.params.id);
    const entry = terms.remove(parseId(req.params.entryId), actorOf(req));
    back(res, id, `Deleted “${entry.sourceTerm}” from the glossary.`, '#glossary', `term:${entry.id}`);
  });
  router.post('/terms/:id/restore', allow('reviewer'), (req, res) => {
    const entry = terms.remove(parseId(req.params.id), actorOf(req), true);
    const documentId = store.terms.documentsUsing(entry.termbaseId)[0];
    if (documentId === undefined) throw notFound(`A document using glossary entry ${entry.id}`);
    back(res, documentId, `Restored “${entry.sourceTerm}” to the glossary.`, '#glossary');
  });
  router.post('/documents/:id/tools/terms/import', upload.single('file'), allow('reviewer'), (req, res) => {
    const id = parseId(req.params.id);
    if (!req.file) throw badRequest('missing-field', 'Choose a glossary file (CSV, TSV or TBX).');
    const result = terms.import(id, decodeText(req.file.buffer, req.file.originalname), req.file.originalname, undefined, actorOf(req));
    back(res, id, `Imported ${result.imported} glossary entries.`, '#glossary', `term-import:${result.importId}`);
  });
  router.post('/term-imports/:id/undo', allow('reviewer'), (req, res) => {
    const done = terms.undoImport(parseId(req.params.id), actorOf(req));
    back(res, done.documentId, 'The glossary import was undone.', '#glossary');
  });
  router.post('/documents/:id/tools/termbases/:termbaseId/unshare', allow('reviewer'), (req, res) => {
    const id = parseId(req.params.id);
    const termbaseId = parseId(req.params.termbaseId);
    terms.unshare(id, termbaseId, actorOf(req));
    back(res, id, 'This document no longer uses that glossary.', '#glossary', `share:${termbaseId}`);
  });
  router.post('/documents/:id/tools/termbases/:termbaseId/share', allow('reviewer'), (req, res) => {
    const id = parseId(req.params.id);
    terms.share(id, req.params.termbaseId, actorOf(req));
    back(res, id, 'This document uses that glossary again.', '#glossary', `unshare:${req.params.termbaseId}`);
  });
  router.post('/documents/:id/tools/termbases', allow('reviewer'), (req, res) => {
    const id = parseId(req.params.id);
    const termbaseId = parseId(req.body?.termbaseId, 'termbaseId');
    terms.share(id, termbaseId, actorOf(req));
    back(res, id, 'This document now uses that glossary too.', '#glossary', `unshare:${termbaseId}`);
  });

  // Find and replace: the first post previews, the second applies the ticked segments.
  router.post('/documents/:id/tools/replace', allow('editor'), (req, res) => {
    const id = parseId(req.params.id);
    let preview: ReplacePreview;
    try {
      preview = replace.preview(id, req.body);
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 400) throw err;
      return render(req, res.status(400), id, { error: err.message });
    }
    render(req, res, id, { preview });
  });
  router.post('/documents/:id/tools/replace/apply', allow('editor'), (req, res) => {
    const id = parseId(req.params.id);
    const ticked = ([] as unknown[]).concat(req.body?.segment ?? []).map(String).map((key) => {
      const [segmentId, version] = key.split(':').map(Number);
      return { segmentId, version };
    });
    const done = replace.apply(id, { ...req.body, segments: ticked }, actorOf(req), canReview(req));
    back(res, id, `Replaced in ${done.segments} segment${done.segments === 1 ? '' : 's'}${canReview(req) ? '' : ' (as proposals)'}.`, '#replace', `replace:${done.batchId}`);
  });
  router.post('/replacements/:id/undo', allow('editor'), (req, res) => {
    const batch = store.batches.get(parseId(req.params.id));
    if (!batch) throw notFound(`Replacement ${req.params.id}`);
    replace.undo(batch.id, actorOf(req), canReview(req));
    back(res, batch.documentId, 'The replacement was undone.', '#replace');
  });

  // Repetitions
  router.post('/documents/:id/tools/repetitions', allow('reviewer'), (req, res) => {
    const id = parseId(req.params.id);
    repetitions.setSettings(id, { autoPropagate: req.body?.autoPropagate === '1' }, actorOf(req));
    back(res, id, 'Saved the repetitions setting.', '#repetitions');
  });
  router.post('/segments/:id/propagate', allow('editor'), (req, res) => {
    const segment = store.segments.get(parseId(req.params.id));
    if (!segment) throw notFound(`Segment ${req.params.id}`);
    const done = repetitions.propagate(segment.id, actorOf(req), canReview(req));
    back(res, segment.documentId, done.segments.length ? `Copied segment ${segment.index + 1}'s text to segment${done.segments.length === 1 ? '' : 's'} ${done.segments.join(', ')}.` : 'Its repetitions already have this text.', '#repetitions', done.batchId ? `repetitions:${done.batchId}` : undefined);
  });
  router.post('/propagations/:id/undo', allow('editor'), (req, res) => {
    const batch = store.batches.get(parseId(req.params.id));
    if (!batch) throw notFound(`Propagation ${req.params.id}`);
    repetitions.undo(batch.id, actorOf(req), canReview(req));
    back(res, batch.documentId, 'The copies to the repetitions were undone.', '#repetitions');
  });

  // Error annotations: the words are looked up in the segment (the grid's script sends offsets instead).
  router.post('/documents/:id/tools/annotations', allow('reviewer'), (req, res) => {
    const id = parseId(req.params.id);
    const number = Number(req.body?.segment);
    const segment = Number.isInteger(number) ? store.segments.atIndex(id, number - 1) : undefined;
    if (!segment) throw badRequest('invalid-field', `There is no segment ${String(req.body?.segment).slice(0, 10)} in this document.`);
    const row = store.segments.get(segment.id)!;
    const field = req.body?.field === 'mt' ? 'mt' : 'text';
    const words = typeof req.body?.words === 'string' ? req.body.words.trim() : '';
    const text = field === 'mt' ? row.mt : row.text;
    const start = words === '' ? text.length : text.indexOf(words);
    if (start < 0) throw badRequest('invalid-span', `Segment ${number} does not contain “${words.slice(0, 60)}”.`);
    const [category, subcategory] = String(req.body?.category ?? '').split('/');
    lqa.annotate(row.id, { field, start, end: start + words.length, category, subcategory: subcategory || null, severity: req.body?.severity, note: req.body?.note }, actorOf(req));
    back(res, id, `Marked an error in segment ${number}.`, '#annotations');
  });
  router.post('/annotations/:id/remove', allow('reviewer'), (req, res) => {
    const a = lqa.setRemoved(parseId(req.params.id), true, actorOf(req));
    back(res, store.segments.get(a.segmentId)!.documentId, 'Removed the annotation.', '#annotations', `annotation:${a.id}`);
  });
  router.post('/annotations/:id/restore', allow('reviewer'), (req, res) => {
    const a = lqa.setRemoved(parseId(req.params.id), false, actorOf(req));
    back(res, store.segments.get(a.segmentId)!.documentId, 'Restored the annotation.', '#annotations');
  });
  router.post('/documents/:id/tools/mqm', allow('reviewer'), (req, res) => {
    const id = parseId(req.params.id);
    const num = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : undefined);
    const weights = Object.fromEntries(ANNOTATION_SEVERITIES.map((s) => [s, num(req.body?.[`weight-${s}`])]).filter(([, v]) => v !== undefined));
    lqa.setSettings(id, { weights, threshold: num(req.body?.threshold) }, actorOf(req));
    back(res, id, 'Saved the MQM weights and threshold.', '#annotations');
  });

  // Comment threads: resolved and reopened from the grid, back to the row.
  for (const [action, resolved] of [['resolve', true], ['reopen', false]] as const) {
    router.post(`/comments/:id/${action}`, allow('editor'), (req, res) => {
      const comment = services.comments.setResolved(parseId(req.params.id), resolved, actorOf(req));
      const segment = store.segments.get(comment.segmentId)!;
      const page = Math.floor(segment.index / config.pageSize) + 1;
      res.redirect(303, `/documents/${segment.documentId}${page > 1 ? `?page=${page}` : ''}#seg-${segment.id}`);
    });
  }

  // Alignment repair
  const repaired = (res: Response, documentId: number, what: string, opId: number) => back(res, documentId, what, '#alignment', `alignment:${opId}`);
  router.post('/segments/:id/merge', allow('reviewer'), (req, res) => {
    const done = alignment.merge(parseId(req.params.id), { baseVersion: num(req.body?.baseVersion) }, actorOf(req));
    repaired(res, done.segment.documentId, `Merged segment ${done.segment.index + 1} with the next one.`, done.opId);
  });
  router.post('/segments/:id/split', allow('reviewer'), (req, res) => {
    const done = alignment.split(parseId(req.params.id), { sourceAt: num(req.body?.sourceAt), mtAt: num(req.body?.mtAt), baseVersion: num(req.body?.baseVersion) }, actorOf(req));
    repaired(res, done.segment.documentId, `Split segment ${done.segment.index + 1} in two.`, done.opId);
  });
  router.post('/segments/:id/move', allow('reviewer'), (req, res) => {
    const done = alignment.move(parseId(req.params.id), { side: req.body?.side, direction: req.body?.direction, baseVersion: num(req.body?.baseVersion) }, actorOf(req));
    repaired(res, done.segment.documentId, `Moved a sentence of segment ${done.segment.index + 1}.`, done.opId);
  });
  router.post('/alignment/:id/undo', allow('reviewer'), (req, res) => {
    const op = store.alignment.op(parseId(req.params.id));
    if (!op) throw notFound(`Alignment repair ${req.params.id}`);
    alignment.undo(op.id, actorOf(req));
    back(res, op.documentId, 'The alignment repair was undone.', '#alignment');
  });

  return router;
}

function undoAction(value: unknown, actions: Record<string, string>): string | undefined {
  const m = typeof value === 'string' ? /^([\w-]+):(\d{1,12})$/.exec(value) : null;
  return m && actions[m[1]] ? actions[m[1]].replace('%', m[2]) : undefined;
}

function num(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  return typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : undefined;
}
