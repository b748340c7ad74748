import { Router } from 'express';
import type { Services } from './app';
import type { Store } from './db/store';
import type { Flagger } from './checks/engine';
import type { ReviewService } from './review/review';
import { TermbaseService } from './termbase/service';
import { termsApiRouter } from './routes/terms-api';

/** The services of the whole-document tools (glossary, error annotation, alignment repair). */
export interface WholeDocumentServices {
  terms: TermbaseService;
}

export function wholeDocumentServices(store: Store, _flagger: Flagger, review: ReviewService): WholeDocumentServices {
  return { terms: new TermbaseService(store, review) };
}

/** Their JSON routes, mounted under /api beside the main API. */
export function wholeDocumentApi(services: Services): Router {
  const router = Router();
  router.use(termsApiRouter(services));
  return router;
}
