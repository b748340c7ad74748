import path from 'node:path';
import express from 'express';
import { engine } from 'express-handlebars';
import type { Db } from './db/connection';
import { openDatabase } from './db/connection';
import { WalCheckpointer } from './db/checkpointer';
import { Store } from './db/store';
import { defaultFlagger, type Flagger } from './checks/engine';
import { ReviewService } from './review/review';
import { loadConfig, type Config } from './config';
import { PROJECT_ROOT } from './paths';
import { apiRouter } from './routes/api';
import { pagesRouter } from './routes/pages';
import { rulesRouter } from './routes/rules';
import { authRouter } from './routes/auth';
import { authenticate } from './auth/middleware';
import { AccountService } from './auth/accounts';
import { errorHandler, notFoundHandler } from './routes/error-handler';
import { apiContentType, requireUtf8, securityHeaders } from './routes/security';
import { viewHelpers } from './views/helpers';
import { refuseLoneSurrogates } from './validation/unicode';
import { SecondReader } from './llm/second-reader';
import { secondReaderApi, secondReaderPages } from './routes/second-reader';
import { FlagWork, rawFlagBody } from './work/flag-work';
import { wholeDocumentServices, wholeDocumentApi, wholeDocumentPages, type WholeDocumentServices } from './whole-document';
import { createLogger, type Logger } from './log';
import { requestLog } from './routes/request-log';
import { healthRouter } from './routes/health';
import { FindingsRefresh } from './review/findings-refresh';
import { GroupCommit } from './db/group-commit';

/** Everything a route needs, built once per app. */
export interface Services extends WholeDocumentServices {
  config: Config;
  store: Store;
  flagger: Flagger;
  review: ReviewService;
  accounts: AccountService;
  /** Checkpoints a file database's WAL off the event loop; stop it before closing the database. */
  checkpointer: WalCheckpointer | undefined;
  /** The LLM second reader (server/llm/); off, and sending nothing, without CALQUE_LLM_BASE_URL. */
  secondReader: SecondReader;
  /** Big imports and flagging, in worker threads. */
  work: FlagWork;
  /** Brings the findings of documents flagged with older rules up to date; server/main.ts starts it. */
  findingsRefresh: FindingsRefresh;
  /** Confirms sent together commit in one transaction (group commit). */
  writes: GroupCommit;
}

export interface AppOptions {
  config?: Config;
  /** An open database; defaults to the file named by the config (':memory:' in tests). */
  db?: Db;
  flagger?: Flagger;
  /** Where the request log goes; defaults to standard output at the config's level. */
  logger?: Logger;
}

/** The Handlebars views of views/ (layouts, partials, pages) with our helpers. */
export function useViews(app: express.Express): void {
  app.engine('hbs', engine({
    extname: '.hbs',
    defaultLayout: 'main',
    layoutsDir: path.join(PROJECT_ROOT, 'views', 'layouts'),
    partialsDir: path.join(PROJECT_ROOT, 'views', 'partials'),
    helpers: viewHelpers,
  }));
  app.set('view engine', 'hbs');
  app.set('views', path.join(PROJECT_ROOT, 'views', 'pages'));
}

/** Builds the Express app. It never listens by itself: server/main.ts does that. */
export function createApp(options: AppOptions = {}): express.Express & { locals: { services: Services } } {
  const config = options.config ?? loadConfig();
  const db = options.db ?? openDatabase(config.dbFile);
  const store = new Store(db);
  const flagger = options.flagger ?? defaultFlagger(config);
  const checkpointer = WalCheckpointer.start(db);
  if (checkpointer) store.afterWrite = () => checkpointer.written();
  const work = new FlagWork(flagger, { workers: config.workers, dirs: options.flagger ? undefined : config, db });
  const review = new ReviewService(store, flagger, work);
  // Workers rebuild the default flagger from the same knowledge; a flagger given by the caller stays inline.
  const services: Services = { config, store, flagger, review, accounts: new AccountService(store), checkpointer, work, secondReader: new SecondReader(store, review, config.llm),
    findingsRefresh: new FindingsRefresh(store, flagger, review, work), writes: new GroupCommit(store, (batch) => review.editsTogether(batch)), ...wholeDocumentServices(store, flagger, review) };

  const app = express();
  app.locals.services = services;
  app.disable('x-powered-by');
  app.use(requestLog(options.logger ?? createLogger(config.logLevel)));
  app.set('trust proxy', false);
  app.use(securityHeaders());
  useViews(app);

  app.use('/static/client', express.static(config.clientDir, { maxAge: '1h' }));
  app.use('/static', express.static(path.join(PROJECT_ROOT, 'views', 'static'), { maxAge: '1h' }));
  // Browsers ask for it on every site; we have none, and it must not bounce through the login page.
  app.get('/favicon.ico', (_req, res) => void res.status(204).end());
  app.use(healthRouter(db));
  app.use(authenticate(store));
  app.use('/api', apiContentType, rawFlagBody(config.limits.maxBodyBytes), express.json({ limit: config.limits.maxBodyBytes, verify: requireUtf8 }), refuseLoneSurrogates, apiRouter(services), secondReaderApi(services), wholeDocumentApi(services));
  app.use(express.urlencoded({ extended: false, limit: config.limits.maxBodyBytes, parameterLimit: 1000, verify: requireUtf8 }), authRouter(services), pagesRouter(services), secondReaderPages(services), rulesRouter(services), wholeDocumentPages(services));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app as express.Express & { locals: { services: Services } };
}
