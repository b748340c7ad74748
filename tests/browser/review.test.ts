import fs from 'node:fs';
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, serveTestApp, screenshotPath, signIn } from '../helpers/browser';
import { SOURCE, MT } from '../helpers/app';

jest.setTimeout(60_000);

let browser: Browser;
let server: Server;
let url: string;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  ({ server, url } = await serveTestApp());
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  page.on('pageerror', (err) => pageErrors.push(err.message));
});

afterEach(async () => {
  await page.close();
  expect(pageErrors).toEqual([]);
});

test('import, click a highlight, apply its suggestion, accept it and export', async () => {
  await signIn(page, url, 'Mei');
  await page.getByLabel('Title').fill('Platform launch');
  await page.locator('textarea[name=sourceText]').fill(SOURCE);
  await page.locator('textarea[name=mtText]').fill(MT);
  await page.getByRole('button', { name: 'Import and flag' }).click();
  await page.waitForURL(/\/documents\/\d+$/);
  await expect(page.getByRole('heading', { name: 'Platform launch' }).isVisible()).resolves.toBe(true);

  // The flagged phrase is highlighted in place; its explanation is hidden until clicked.
  const mark = page.locator('mark.flag', { hasText: 'mutual cooperation' });
  const card = page.locator('.finding', { hasText: 'test-mutual-cooperation' });
  await expect(card.isVisible()).resolves.toBe(false);
  await mark.click();
  await card.waitFor({ state: 'visible' });
  expect(await card.textContent()).toContain('Cooperation is mutual by definition');
  await page.screenshot({ path: screenshotPath('review-finding-open'), fullPage: true });

  // One click on a suggestion proposes that edit, shown as a word diff.
  await card.getByRole('button', { name: 'cooperation', exact: true }).click();
  const proposal = page.locator('.proposal.state-pending');
  await proposal.waitFor();
  expect((await proposal.locator('del').textContent())?.trim()).toBe('mutual');
  expect(await proposal.locator('ins').count()).toBe(0);
  expect(await proposal.locator('.who').textContent()).toBe('Mei');

  await proposal.getByRole('button', { name: 'Accept' }).click();
  const row = page.locator('tr.segment', { hasText: 'carried out cooperation' });
  await row.locator('.badge.status-edited').waitFor();
  // The re-rendered row keeps the page's columns: the source stays in the source column.
  expect(await row.locator('td.col-source').textContent()).toContain('团队与多所高校');
  expect(await row.locator('.current-text').textContent()).toContain('The team carried out cooperation with several universities');
  await page.screenshot({ path: screenshotPath('review-accepted'), fullPage: true });

  await page.locator('details.exports summary').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Cleaned text (.txt)' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^platform-launch-\d+\.txt$/);
  const exported = fs.readFileSync((await download.path())!, 'utf8');
  expect(exported).toBe('The company said the new platform will land next year.\n\nThe team carried out cooperation with several universities and solved 3 problems.\n');
});

test('a stale proposal cannot be accepted: the row says so and shows both versions', async () => {
  await signIn(page, url, 'Mei');
  await page.getByLabel('Title').fill('Conflict');
  await page.locator('textarea[name=mtText]').fill('The platform will land soon.');
  await page.getByRole('button', { name: 'Import and flag' }).click();
  await page.waitForURL(/\/documents\/\d+$/);

  for (const text of ['The platform launches soon.', 'The platform goes live soon.']) {
    await page.locator('details.editor summary').click();
    await page.locator('details.editor textarea').fill(text);
    await page.getByRole('button', { name: 'Propose edit' }).click();
    await page.locator('.proposal.state-pending', { hasText: text.split(' ')[2] }).waitFor();
  }
  await page.locator('.proposal', { hasText: 'launches' }).getByRole('button', { name: 'Accept' }).click();
  await page.locator('.proposal.stale').waitFor();
  await page.locator('.proposal.stale').getByRole('button', { name: 'Accept' }).click();
  const notice = page.locator('.notice.conflict');
  await notice.waitFor();
  expect(await notice.textContent()).toContain('was made on version 1');
  expect(await notice.textContent()).toContain('The platform launches soon.');
  expect(await notice.textContent()).toContain('The platform goes live soon.');
});
