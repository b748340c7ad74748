import path from 'node:path';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApp } from '../../server/app';
import { openDatabase } from '../../server/db/connection';
import { loadConfig } from '../../server/config';
import type { Role } from '../../server/db/users';

export const FIXTURES = path.join(__dirname, '..', 'fixtures');

type App = ReturnType<typeof createApp>;

/** A fresh app on an in-memory database. */
export function testApp(env: NodeJS.ProcessEnv = {}, options: { shippedRules?: boolean } = {}) {
  const loaded = loadConfig(env);
  // The small test pack by default; the shipped rules and lexicon when a test needs real flags (screenshots).
  const config = options.shippedRules ? { ...loaded, dbFile: ':memory:' } : { ...loaded, dbFile: ':memory:', rulesDir: path.join(FIXTURES, 'rules'), lexiconDir: '' };
  const db = openDatabase(':memory:');
  const app = createApp({ config, db });
  return { app, db, services: app.locals.services };
}

const agents = new WeakMap<App, Map<string, TestAgent>>();
const tokens = new WeakMap<App, Map<string, string>>();

/** An API token of user `name` with `role` (the account is created on first use, without a usable password). */
export function tokenFor(app: App, name: string, role: Role = 'admin'): string {
  let byName = tokens.get(app);
  if (!byName) tokens.set(app, (byName = new Map()));
  let token = byName.get(name);
  if (!token) {
    const { store } = app.locals.services;
    const user = store.users.byName(name) ?? store.users.insert(name, role, 'no-password');
    byName.set(name, (token = store.users.createToken(user.id)));
  }
  return token;
}

/**
 * A supertest agent that calls the app as user `name` with `role`, through an API token (the
 * account is created on first use; it has no usable password).
 */
export function as(app: App, name: string, role: Role = 'admin'): TestAgent {
  let byName = agents.get(app);
  if (!byName) agents.set(app, (byName = new Map()));
  const key = `${name}:${role}`;
  let agent = byName.get(key);
  if (!agent) {
    agent = request.agent(app).set('Authorization', `Bearer ${tokenFor(app, name, role)}`);
    byName.set(key, agent);
  }
  return agent;
}

/** The app as its admin: what most tests need. */
export const api = (app: App) => as(app, 'ada', 'admin');

export const SOURCE = '公司表示，新平台将于明年落地。\n\n团队与多所高校相互合作，攻克了3项难题。';
export const MT = 'The company said the new platform will land next year.\n\nThe team carried out mutual cooperation with several universities and solved 3 problems.';
