import { Router } from 'express';
import type { Services } from './app';
import type { Store } from './db/store';
import type { Flagger } from './checks/engine';
import type { ReviewService } from './review/review';
import { TermbaseService } from './termbase/service';
import { termsApiRouter } from './routes/terms-api';
import { LqaService } from './lqa/service';
import { lqaApiRouter } from './routes/lqa-api';
import { AlignmentService } from './alignment/service';
import { alignmentApiRouter } from './routes/alignment-api';
import { CommentToolsService } from './comments/service';
import { commentsApiRouter } from './routes/comments-api';
import { ReplaceService } from './replace/service';
import { RepetitionService } from './repetitions/service';
import { editsApiRouter } from './routes/edits-api';
import { toolsPagesRouter } from './routes/tools-pages';

/** The services of the whole-document tools (glossary, error annotation, alignment repair). */
export interface WholeDocumentServices {
  terms: TermbaseService;
  lqa: LqaService;
  alignment: AlignmentService;
  comments: CommentToolsService;
  replace: ReplaceService;
  repetitions: RepetitionService;
}

export function wholeDocumentServices(store: Store, flagger: Flagger, review: ReviewService): WholeDocumentServices {
  const repetitions = new RepetitionService(store, review);
  return {
    terms: new TermbaseService(store, review),
    lqa: new LqaService(store),
    alignment: new AlignmentService(store, flagger, review, (documentId) => repetitions.forget(documentId)),
    comments: new CommentToolsService(store),
    repetitions,
    replace: new ReplaceService(store, review, (fn) => repetitions.without(fn)),
  };
}

/** Their JSON routes, mounted under /api beside the main API. */
export function wholeDocumentApi(services: Services): Router {
  const router = Router();
  router.use(termsApiRouter(services), lqaApiRouter(services), alignmentApiRouter(services), commentsApiRouter(services), editsApiRouter(services));
  return router;
}

/** Their pages: the tools page of a document and its forms. */
export function wholeDocumentPages(services: Services): Router {
  return toolsPagesRouter(services);
}
