import path from 'node:path';
import { createApp } from '../../server/app';
import { openDatabase } from '../../server/db/connection';
import { loadConfig } from '../../server/config';

export const FIXTURES = path.join(__dirname, '..', 'fixtures');

/** A fresh app on an in-memory database. */
export function testApp(env: NodeJS.ProcessEnv = {}) {
  const config = { ...loadConfig(env), dbFile: ':memory:', rulesDir: path.join(FIXTURES, 'rules') };
  const db = openDatabase(':memory:');
  const app = createApp({ config, db });
  return { app, db, services: app.locals.services };
}

export const SOURCE = '公司表示，新平台将于明年落地。\n\n团队与多所高校相互合作，攻克了3项难题。';
export const MT = 'The company said the new platform will land next year.\n\nThe team carried out mutual cooperation with several universities and solved 3 problems.';
