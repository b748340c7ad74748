import { Router } from 'express';
import multer from 'multer';
import type { Services } from '../app';
import { allow } from '../auth/middleware';
import { badRequest } from '../errors';
import { parseId } from '../review/review';
import { decodeText } from '../formats/decode';
import { actorOf } from './actor';
import { streamChunks } from './export';

/** The glossary API: a document's termbases and entries, import and export. */
export function termsApiRouter(services: Services): Router {
  const { terms, config } = services;
  const router = Router();
  router.use(allow('editor'));
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: config.limits.maxUploadBytes, fieldSize: config.limits.maxBodyBytes, files: 1, fields: 5 } });

  router.get('/termbases', (_req, res) => {
    res.json(terms.termbases());
  });

  router.get('/documents/:id/terms', (req, res) => {
    res.json(terms.ofDocument(parseId(req.params.id)));
  });

  router.post('/documents/:id/terms', allow('reviewer'), (req, res) => {
    res.status(201).json(terms.add(parseId(req.params.id), req.body, actorOf(req)));
  });

  router.delete('/terms/:id', allow('reviewer'), (req, res) => {
    terms.remove(parseId(req.params.id), actorOf(req));
    res.status(204).end();
  });

  router.post('/terms/:id/restore', allow('reviewer'), (req, res) => {
    res.json(terms.remove(parseId(req.params.id), actorOf(req), true));
  });

  // Multipart with a `file`, or JSON {content, format?, fileName?}.
  router.post('/documents/:id/terms/import', allow('reviewer'), upload.single('file'), (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    let text: string;
    let fileName: string;
    if (req.file) {
      if (req.file.buffer.length === 0) throw badRequest('empty-file', `${req.file.originalname} is empty.`);
      text = decodeText(req.file.buffer, req.file.originalname);
      fileName = req.file.originalname;
    } else {
      if (typeof body.content !== 'string' || body.content.trim() === '') throw badRequest('missing-field', 'Send the glossary as a file, or as "content" with its "format" (csv, tsv or tbx).');
      text = body.content;
      fileName = typeof body.fileName === 'string' ? body.fileName : '';
    }
    res.json(terms.import(parseId(req.params.id), text, fileName, body.format, actorOf(req)));
  });

  router.get('/documents/:id/terms/export', (req, res) => {
    const file = terms.export(parseId(req.params.id), req.query.format);
    res.attachment(file.fileName);
    res.setHeader('Content-Type', file.contentType);
    res.set('X-Content-Type-Options', 'nosniff');
    streamChunks(res, file.chunks);
  });

  router.post('/term-imports/:id/undo', allow('reviewer'), (req, res) => {
    res.json(terms.undoImport(parseId(req.params.id), actorOf(req)));
  });

  router.put('/documents/:id/termbases/:termbaseId', allow('reviewer'), (req, res) => {
    res.json(terms.share(parseId(req.params.id), req.params.termbaseId, actorOf(req)));
  });

  router.delete('/documents/:id/termbases/:termbaseId', allow('reviewer'), (req, res) => {
    res.json(terms.unshare(parseId(req.params.id), parseId(req.params.termbaseId), actorOf(req)));
  });

  return router;
}
