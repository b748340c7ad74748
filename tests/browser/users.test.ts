import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, serveTestApp, signIn } from '../helpers/browser';

/** The Users page: an admin revokes a token and deactivates a user, and cannot demote the last admin. */
jest.setTimeout(60_000);

let browser: Browser;
let server: Server;
let url: string;
let services: Awaited<ReturnType<typeof serveTestApp>>['services'];
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  ({ server, url, services } = await serveTestApp());
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

const rowOf = (name: string) => page.locator('tr', { has: page.getByRole('cell', { name, exact: true }) });

test('revoke a token and deactivate a user from the Users page', async () => {
  const lee = services.store.users.byName('Lee')!;
  const token = services.store.users.createToken(lee.id);
  await signIn(page, url, 'Mei');
  await page.goto(`${url}/admin/users`);
  expect(await rowOf('Lee').innerText()).toContain('never used');
  await rowOf('Lee').getByRole('button', { name: /revoke the token of Lee/ }).click();
  await page.waitForURL(`${url}/admin/users`);
  expect(await rowOf('Lee').getByRole('button', { name: /revoke/i }).count()).toBe(0);
  expect(services.store.users.byToken(token)).toBeUndefined();

  await rowOf('Eddie').getByRole('button', { name: 'deactivate Eddie' }).click();
  await page.waitForURL(`${url}/admin/users`);
  expect(await rowOf('Eddie').innerText()).toMatch(/Deactivated \d{4}-/);
  expect(services.store.users.get(services.store.users.byName('Eddie')!.id)!.deactivatedAt).not.toBeNull();

  // Mei is the only admin: demoting herself is refused with a page that says why.
  await rowOf('Mei').getByLabel('role of Mei').selectOption('editor');
  await rowOf('Mei').getByRole('button', { name: 'Change' }).click();
  expect(await page.locator('body').innerText()).toContain('Mei is the only admin');
  expect(services.store.users.byName('Mei')!.role).toBe('admin');
});
