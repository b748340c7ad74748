import type { Browser, Page } from 'playwright-core';
import { signIn, useBrowserApp, type BrowserApp } from '../helpers/browser';
import { importDocument } from '../../server/review/import';

jest.setTimeout(90_000);

// 25 segments on pages of 10: the keys must cross from page to page.
const MT = Array.from({ length: 25 }, (_, i) => `Sentence number ${i + 1} is here.`).join('\n\n');

let browser: Browser;
let url: string;
let services: BrowserApp['services'];
let page: Page;
let pageErrors: string[];

useBrowserApp({ env: { CALQUE_PAGE_SIZE: '10' } }, (app) => ({ browser, url, services } = app));
afterEach(async () => {
  await page?.close();
  expect(pageErrors).toEqual([]);
});

function newDocument(title: string): number {
  return importDocument(services.store, services.flagger, { title, sourceLang: 'zh', targetLang: 'en', mtText: MT }, 'test', services.config.limits);
}

async function open(docId: number, javaScriptEnabled = true): Promise<void> {
  pageErrors = [];
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, javaScriptEnabled });
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await signIn(page, url, 'Lee');
  await page.goto(`${url}/documents/${docId}`);
}

const focusedNumber = () => page.evaluate(() => document.activeElement?.closest('tr.segment')?.getAttribute('data-number') ?? null);

test('j and k cross page boundaries', async () => {
  await open(newDocument('Pages'));
  expect(await focusedNumber()).toBe('1');
  for (let i = 0; i < 9; i++) await page.keyboard.press('j');
  expect(await focusedNumber()).toBe('10');
  await page.keyboard.press('j');
  await page.waitForURL(/page=2/);
  await page.waitForFunction(() => document.activeElement?.closest('tr.segment')?.getAttribute('data-number') === '11');
  await page.keyboard.press('k');
  await page.waitForURL((u) => !/page=2/.test(u.search));
  await page.waitForFunction(() => document.activeElement?.closest('tr.segment')?.getAttribute('data-number') === '10');
});

test('Ctrl+Enter on the last open segment of a page goes on to the next page, editor open; m does too', async () => {
  const docId = newDocument('Confirm across pages');
  await open(docId);
  await page.keyboard.press('g');
  await page.keyboard.type('10');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.closest('tr.segment')?.getAttribute('data-number') === '10');
  await page.keyboard.press('e');
  await page.keyboard.type(' Edited.');
  await page.keyboard.press('Control+Enter');
  await page.waitForURL(/page=2/);
  await page.locator('tr.segment[data-number="11"] textarea:focus').waitFor();
  await page.keyboard.press('Escape');
  // m on the last row of page 2 goes on to page 3.
  await page.keyboard.press('g');
  await page.keyboard.type('20');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.closest('tr.segment')?.getAttribute('data-number') === '20');
  await page.keyboard.press('m');
  await page.waitForURL(/page=3/);
  await page.waitForFunction(() => document.activeElement?.closest('tr.segment')?.getAttribute('data-number') === '21');
  const seg10 = services.store.segments.page(docId, 1, 9)[0];
  expect(seg10).toMatchObject({ text: 'Sentence number 10 is here. Edited.', status: 'reviewed' });
  expect(services.store.segments.page(docId, 1, 19)[0].status).toBe('reviewed');
});

test('go to segment N on another page', async () => {
  await open(newDocument('Go to'));
  await page.getByLabel('go to segment number').fill('17');
  await page.keyboard.press('Enter');
  await page.waitForURL(/page=2#seg-\d+$/);
  await page.waitForFunction(() => document.activeElement?.closest('tr.segment')?.getAttribute('data-number') === '17');
});

test('without JavaScript the same flows are forms: edit and confirm, go to the next segment, go to N', async () => {
  const docId = newDocument('No script');
  await open(docId, false);
  const first = page.locator('tr.segment[data-number="1"]');
  await first.locator('details.editor summary').click();
  await first.getByRole('textbox', { name: /edit segment/ }).fill('The first sentence, fixed.');
  await first.getByRole('button', { name: 'Save and confirm' }).click();
  await page.waitForURL(/#seg-\d+$/);
  const second = services.store.segments.page(docId, 1, 1)[0];
  expect(page.url()).toContain(`#seg-${second.id}`);
  expect(await first.locator('.badge').textContent()).toBe('reviewed');
  expect(await first.locator('.current-text').textContent()).toBe('The first sentence, fixed.');
  // Unchanged text: the same button just confirms.
  const secondRow = page.locator('tr.segment[data-number="2"]');
  await secondRow.locator('details.editor summary').click();
  await secondRow.getByRole('button', { name: 'Save and confirm' }).click();
  await page.locator('tr.segment[data-number="2"] .badge.status-reviewed').waitFor();
  await page.getByLabel('go to segment number').fill('23');
  await page.keyboard.press('Enter');
  await page.waitForURL(/page=3#seg-\d+$/);
  expect(await page.locator('tr.segment[data-number="23"]').count()).toBe(1);
});

test('Enter opens the editor of the focused row; Ctrl+Enter on an unchanged row just confirms it and moves on', async () => {
  const docId = newDocument('Enter and confirm');
  await open(docId);
  await page.keyboard.press('Enter');
  const editor = page.locator('tr.segment[data-number="1"] .confirm-form textarea');
  await page.locator('tr.segment[data-number="1"] textarea:focus').waitFor();
  // Unchanged: Ctrl+Enter confirms without a new version; the next row gets its editor (we were editing).
  await page.keyboard.press('Control+Enter');
  await page.locator('tr.segment[data-number="1"] .badge.status-reviewed').waitFor();
  await page.locator('tr.segment[data-number="2"] textarea:focus').waitFor();
  expect(await editor.inputValue()).toBe('Sentence number 1 is here.');
  await page.keyboard.press('Escape');
  // Not editing: Ctrl+Enter confirms and moves the focus on, without opening an editor.
  await page.keyboard.press('Control+Enter');
  await page.locator('tr.segment[data-number="2"] .badge.status-reviewed').waitFor();
  await page.waitForFunction(() => document.activeElement?.closest('tr.segment')?.getAttribute('data-number') === '3');
  expect(await page.locator('tr.segment.editing').count()).toBe(0);
  const [first, second] = services.store.segments.page(docId, 2, 0);
  expect([first.version, second.version]).toEqual([1, 1]);
  expect(services.store.proposals.forSegment(first.id)).toEqual([]);
});
