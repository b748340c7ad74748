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

test('import, click a highlight, put its suggestion into the editor, confirm it and export', async () => {
  await signIn(page, url, 'Mei');
  await page.getByLabel('Title').fill('Platform launch');
  await page.locator('textarea[name=sourceText]').fill(SOURCE);
  await page.locator('textarea[name=mtText]').fill(MT);
  await page.getByRole('button', { name: 'Import and flag' }).click();
  await page.waitForURL(/\/documents\/\d+$/);
  await expect(page.getByRole('heading', { name: 'Platform launch' }).isVisible()).resolves.toBe(true);

  // The flagged phrase is highlighted on the current text; its explanation is hidden until clicked.
  const row = page.locator('tr.segment', { hasText: 'mutual cooperation' });
  const mark = row.locator('.current-text mark.flag', { hasText: 'mutual cooperation' });
  const card = row.locator('.finding[data-rule="test-mutual-cooperation"]');
  expect(await row.locator('.col-mt mark').count()).toBe(0);
  await expect(card.isVisible()).resolves.toBe(false);
  await mark.click();
  await card.waitFor({ state: 'visible' });
  expect(await card.textContent()).toContain('Cooperation is mutual by definition');
  // The card names the rule by the Chinese expression behind the calque, linked to the Rules page.
  expect(await card.locator('a.rule').textContent()).toBe('相互合作');
  expect(await card.locator('a.rule').getAttribute('href')).toBe('/rules?q=test-mutual-cooperation#rule-test-mutual-cooperation');
  await page.screenshot({ path: screenshotPath('review-finding-open'), fullPage: true });

  // A click on a suggestion puts the edited text into the editor; nothing is saved yet.
  await card.getByRole('button', { name: 'cooperation', exact: true }).click();
  const editor = row.getByRole('textbox', { name: /edit segment/ });
  await editor.waitFor();
  expect(await editor.inputValue()).toBe('The team carried out cooperation with several universities and solved 3 problems.');
  expect(await row.locator('.badge').textContent()).toBe('new');

  // Ctrl+Enter saves it, confirms the segment and goes on.
  await page.keyboard.press('Control+Enter');
  const saved = page.locator('tr.segment', { hasText: 'carried out cooperation' });
  await saved.locator('.badge.status-reviewed').waitFor();
  // The re-rendered row keeps the page's columns: the source stays in the source column.
  expect(await saved.locator('td.col-source').textContent()).toContain('团队与多所高校');
  expect(await saved.locator('.current-text').textContent()).toContain('The team carried out cooperation with several universities');
  expect(await saved.locator('.earlier summary').textContent()).toBe('1 earlier proposal');
  await page.screenshot({ path: screenshotPath('review-accepted'), fullPage: true });

  await page.locator('details.exports summary').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Cleaned text (.txt)' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^platform-launch-\d+\.txt$/);
  const exported = fs.readFileSync((await download.path())!, 'utf8');
  expect(exported).toBe('The company said the new platform will land next year.\n\nThe team carried out cooperation with several universities and solved 3 problems.\n');
});

test('a stale proposal that overlaps the newer edit shows both versions and no Accept button', async () => {
  await signIn(page, url, 'Mei');
  await page.getByLabel('Title').fill('Conflict');
  await page.locator('textarea[name=mtText]').fill('The platform will land soon.');
  await page.getByRole('button', { name: 'Import and flag' }).click();
  await page.waitForURL(/\/documents\/\d+$/);
  const docUrl = page.url();

  // An editor's saves stay proposals.
  const editor = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  editor.on('pageerror', (err) => pageErrors.push(err.message));
  await signIn(editor, url, 'Eddie');
  await editor.goto(docUrl);
  for (const text of ['The platform launches soon.', 'The platform goes live soon.']) {
    await editor.locator('tr.segment .current-text').click();
    await editor.getByRole('textbox', { name: /edit segment/ }).fill(text);
    await editor.keyboard.press('Control+Enter');
    await editor.locator('.proposal.state-pending', { hasText: text.split(' ')[2] }).waitFor();
  }
  await editor.close();

  await page.reload();
  await page.locator('.proposal', { hasText: 'launches' }).getByRole('button', { name: 'Accept' }).click();
  // Both changed the same word: the stale one shows both texts, with no Accept that would fail.
  const stale = page.locator('.proposal.stale');
  await stale.waitFor();
  expect(await stale.locator('.both-texts').textContent()).toContain('Current text: The platform launches soon.');
  expect(await stale.locator('.both-texts').textContent()).toContain('This proposal: The platform goes live soon.');
  expect(await stale.getByRole('button', { name: 'Accept' }).count()).toBe(0);
  expect(await stale.getByRole('button', { name: 'Reject' }).count()).toBe(1);
});
