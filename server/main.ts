import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { listen } from './http-server';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/connection';
import { DatabaseFileError, describeDatabaseProblem, isDatabaseFileProblem } from './db/database-errors';
import { seedDemo } from './review/demo';

/** Named in the one line a database failure prints. */
let databaseFile = 'the database';

async function start(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`calque: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  databaseFile = config.dbFile;
  const db = openDatabase(config.dbFile);
  const app = createApp({ config, db });
  const { store, flagger } = app.locals.services;
  flagger.prepare();
  // The worker threads load the same knowledge now, not on the first big import.
  app.locals.services.work.warm();
  const demo = seedDemo(store, flagger);
  if (demo !== undefined) console.log(`Imported the demo document (id ${demo}).`);
  const admin = await app.locals.services.accounts.ensureAdmin(process.env);
  if (admin?.password) {
    console.log(`Created the admin account. Sign in as "${admin.name}" with the password ${admin.password}`);
    console.log('It is shown only this once. Set CALQUE_ADMIN_PASSWORD to choose it instead.');
  } else if (admin) {
    console.log(`Created the admin account "${admin.name}" with the password from CALQUE_ADMIN_PASSWORD.`);
  }

  const server: Server = listen(app, config.port, undefined, (err?: Error) => {
    if (err) {
      const inUse = (err as { code?: string }).code === 'EADDRINUSE';
      console.error(`calque: cannot listen on port ${config.port}: ${inUse ? 'another program is using it (set PORT to choose another)' : err.message}`);
      process.exit(1);
    }
    // With PORT=0 the system picks a free port: print the real one (tests read this line).
    const port = (server.address() as AddressInfo).port;
    console.log(`Calque is running at http://localhost:${port} (database: ${config.dbFile})`);
    // Documents flagged with older rules are brought up to date while the server answers.
    app.locals.services.findingsRefresh.run().then(
      ({ documents, segments }) => {
        if (documents > 0) console.log(`Checked ${documents} document${documents === 1 ? '' : 's'} (${segments} segments) again with the updated rules.`);
      },
      (err: unknown) => console.error('calque: checking documents again with the updated rules failed', err),
    );
  });

  // On SIGTERM/SIGINT: stop accepting, let in-flight requests finish, then close the database.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    // Second-reader jobs stop where they are; they show as interrupted, resumable, at the next start.
    app.locals.services.secondReader.stop();
    console.log(`${signal}: finishing open requests, then closing the database.`);
    server.close(async () => {
      await app.locals.services.findingsRefresh.stop();
      app.locals.services.review.flushRechecks();
      // The workers' connections close before ours, which must be the last.
      await app.locals.services.work.close();
      // The checkpointer's connection closes first, so that ours is the last and removes the WAL.
      await app.locals.services.checkpointer?.stop();
      db.close();
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => {
      server.closeAllConnections();
    }, 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

start().catch((err: unknown) => {
  // A database that cannot be used is the operator's to fix: one line naming the file, no stack.
  if (err instanceof DatabaseFileError) console.error(`calque: ${err.message}`);
  else if (isDatabaseFileProblem(err)) console.error(`calque: ${databaseFile}: ${describeDatabaseProblem(databaseFile, err)}`);
  else console.error(err);
  process.exit(1);
});
