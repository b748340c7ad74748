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
import { createLogger, type Logger } from './log';
import { requestLog } from './routes/request-log';
import { healthRouter } from './routes/health';

/** Everything a route needs, built once per app. */
export interface Services {
  config: Config;
  store: Store;
  flagger: Flagger;
  review: ReviewService;
  accounts: AccountService;
  /** Checkpoints a file database's WAL off the event loop; stop it before closing the database. */
  checkpointer: WalCheckpointer | undefined;
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
  const services: Services = { config, store, flagger, review: new ReviewService(store, flagger), accounts: new AccountService(store), checkpointer };

  const app = express();
  app.locals.services = services;
  app.disable('x-powered-by');
  app.use(requestLog(options.logger ?? createLogger(config.logLevel)));
  app.set('trust proxy', false);
  app.use(securityHeaders());
  useViews(app);

  app.use('/static', express.static(path.join(PROJECT_ROOT, 'views', 'static'), { maxAge: '1h' }));
  // Browsers ask for it on every site; we have none, and it must not bounce through the login page.
  app.get('/favicon.ico', (_req, res) => void res.status(204).end());
  app.use(healthRouter(db));
  app.use(authenticate(store));
  app.use('/api', apiContentType, express.json({ limit: config.limits.maxBodyBytes, verify: requireUtf8 }), apiRouter(services));
  app.use(express.urlencoded({ extended: false, limit: config.limits.maxBodyBytes, parameterLimit: 1000, verify: requireUtf8 }), authRouter(services), pagesRouter(services), rulesRouter(services));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app as express.Express & { locals: { services: Services } };
}
