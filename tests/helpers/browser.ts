import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';
import { testApp } from './app';
import { builtClientDir } from './client-build';
import { listen } from '../../server/http-server';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const SCREENSHOTS = path.join(__dirname, '..', 'output');

/** Debian's Chromium, headless, with the flags this sandbox needs (no network chatter). */
export function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The accounts every browser test can sign in with (password: PASSWORD). */
export const PASSWORD = 'browser-test-password';
export const USERS = { Mei: 'admin', Lee: 'reviewer', Eddie: 'editor' } as const;

/** The app on a free loopback port, with a fresh in-memory database and the USERS accounts. */
export async function serveTestApp(options: { shippedRules?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<{ url: string; server: Server; services: ReturnType<typeof testApp>['services'] }> {
  const { app, services } = testApp({ ...options.env, CALQUE_CLIENT_DIR: builtClientDir() }, options);
  for (const [name, role] of Object.entries(USERS)) await services.accounts.createUser(name, role, PASSWORD);
  // Served as `npm start` serves it, so that the browser tests cover that server too.
  const server = await new Promise<Server>((resolve, reject) => {
    const s = listen(app, 0, '127.0.0.1', (err) => (err ? reject(err) : resolve(s)));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, services };
}

export interface BrowserApp {
  browser: Browser;
  url: string;
  services: ReturnType<typeof testApp>['services'];
}

/**
 * Starts Chromium and the test app (serveTestApp) before a test file's tests, hands them to
 * `ready`, and stops both after the last test.
 */
export function useBrowserApp(options: Parameters<typeof serveTestApp>[0], ready: (app: BrowserApp) => void): void {
  let browser: Browser | undefined;
  let server: Server | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    const served = await serveTestApp(options);
    server = served.server;
    ready({ browser, url: served.url, services: served.services });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });
}

export function screenshotPath(name: string): string {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, `${name}.png`);
}

/** Signs in through the login page, as a user would. */
export async function signIn(page: Page, url: string, name: keyof typeof USERS): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${url}/`);
}
