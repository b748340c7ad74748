import type { Browser, Page } from 'playwright-core';
import { USERS, screenshotPath, signIn, useBrowserApp, type BrowserApp } from '../helpers/browser';
import { SOURCE, MT } from '../helpers/app';
import { importDocument } from '../../server/review/import';

jest.setTimeout(60_000);

let browser: Browser;
let url: string;
let services: BrowserApp['services'];
let page: Page;
let pageErrors: string[];

useBrowserApp({}, (app) => ({ browser, url, services } = app));
afterEach(async () => {
  await page?.close();
  expect(pageErrors).toEqual([]);
});

const REPEATED = ['They carried out mutual cooperation on chips.', 'Firms carried out mutual cooperation on batteries.', 'Labs carried out mutual cooperation on research.'].join('\n\n');

function newDocument(title: string, mtText: string, sourceText?: string): number {
  return importDocument(services.store, services.flagger, { title, sourceLang: 'zh', targetLang: 'en', sourceText, mtText }, 'Mei');
}

async function open(who: keyof typeof USERS, path: string): Promise<void> {
  pageErrors = [];
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await signIn(page, url, who);
  await page.goto(`${url}${path}`);
}

/** A mark set on the window: still there only if the page was never reloaded. */
const markPage = () => page.evaluate(() => Object.assign(window, { calqueNoReload: true }));
const stillSamePage = () => page.evaluate(() => (window as unknown as { calqueNoReload?: boolean }).calqueNoReload === true);

const rowOf = (docId: number, n: number) => page.locator(`tr.segment[data-number="${n}"]`);

test('marking reviewed with an open major finding warns in the row; confirming the warning marks it', async () => {
  const id = newDocument('QA warning', MT, SOURCE);
  await open('Lee', `/documents/${id}`);
  await markPage();
  const row = rowOf(id, 1);
  await row.getByRole('button', { name: 'Mark reviewed' }).click();
  const warning = row.locator('.notice.qa-warning');
  await warning.waitFor();
  expect(await warning.textContent()).toContain('a major finding is still open');
  expect(await rowOf(id, 1).getAttribute('class')).toContain('status-new');
  // The confirm button holds the focus: Enter confirms.
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Mark reviewed anyway');
  await page.screenshot({ path: screenshotPath('qa-warning') });
  await page.keyboard.press('Enter');
  await page.locator('tr.segment[data-number="1"].status-reviewed').waitFor();
  expect(await rowOf(id, 1).locator('.notice.qa-warning').count()).toBe(0);
  expect(await stillSamePage()).toBe(true);
});

test('a bulk action shows every change before it runs, and is undone in one step', async () => {
  const id = newDocument('Bulk', REPEATED);
  await open('Lee', `/documents/${id}`);
  await page.locator('details.bulk > summary').click();
  await page.locator('details.bulk select[name="ruleId"]').selectOption('test-mutual-cooperation');
  await page.locator('details.bulk form', { has: page.locator('input[value="accept-rule"]') }).getByRole('button').click();
  await page.getByRole('heading', { name: 'Accept 3 suggestions of rule test-mutual-cooperation?' }).waitFor();
  const previews = page.locator('table.bulk-changes tbody tr');
  expect(await previews.count()).toBe(3);
  expect(await previews.nth(1).locator('del').textContent()).toBe('mutual ');
  await page.screenshot({ path: screenshotPath('bulk-preview') });
  expect(services.store.segments.page(id, 10, 0).map((s) => s.text)).toEqual(REPEATED.split('\n\n'));

  await page.getByRole('button', { name: /^Yes, accept 3 suggestions/ }).click();
  await page.getByText('Bulk action done: 3 segments changed.').waitFor();
  expect(services.store.segments.page(id, 10, 0)[0].text).toBe('They carried out cooperation on chips.');

  await page.getByRole('button', { name: 'Undo the whole bulk action' }).click();
  await page.getByText('Bulk action undone: 3 segments restored.').waitFor();
  expect(services.store.segments.page(id, 10, 0).map((s) => s.text)).toEqual(REPEATED.split('\n\n'));
});

test('dismissing shows "Dismissed — Undo" in place; Undo restores it without a reload or losing the place', async () => {
  const id = newDocument('Dismiss', REPEATED);
  await open('Lee', `/documents/${id}`);
  await markPage();
  const row = rowOf(id, 2);
  await row.locator('mark.flag', { hasText: 'mutual cooperation' }).click();
  const card = row.locator('.finding[data-rule="test-mutual-cooperation"]');
  await card.getByRole('button', { name: 'Dismiss' }).click();
  const line = rowOf(id, 2).locator('.just-dismissed');
  await line.waitFor();
  expect(await line.textContent()).toContain('Dismissed “mutual cooperation” —');
  expect(await rowOf(id, 2).locator('mark.flag').count()).toBe(0);
  // The focus stays in the row, on Undo.
  expect(await page.evaluate(() => [document.activeElement?.textContent, document.activeElement?.closest('tr')?.getAttribute('data-number')])).toEqual(['Undo', '2']);

  // An optional reason, kept in place.
  await line.getByLabel('reason for dismissing').fill('House style');
  await line.getByRole('button', { name: 'Save reason' }).click();
  await rowOf(id, 2).locator('.just-dismissed input[value="House style"]').waitFor();
  await page.screenshot({ path: screenshotPath('dismissed-undo') });

  await rowOf(id, 2).getByRole('button', { name: 'Undo' }).click();
  await rowOf(id, 2).locator('mark.flag', { hasText: 'mutual cooperation' }).waitFor();
  expect(await rowOf(id, 2).locator('.just-dismissed').count()).toBe(0);
  expect(await page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-number'))).toBe('2');
  expect(await stillSamePage()).toBe(true);
});

test('"dismiss this phrase in the whole document" clears it from every row on the page, and Undo brings it back', async () => {
  const id = newDocument('Dismiss everywhere', REPEATED);
  await open('Lee', `/documents/${id}`);
  await markPage();
  await rowOf(id, 1).locator('mark.flag').click();
  await rowOf(id, 1).locator('.finding').getByRole('button', { name: 'Dismiss' }).click();
  await rowOf(id, 1).getByRole('button', { name: /in the whole document \(2 more segments\)/ }).click();
  await rowOf(id, 1).getByText('Dismissed “mutual cooperation” in 3 segments —').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('mark.flag').length === 0);
  await rowOf(id, 1).getByRole('button', { name: 'Undo' }).click();
  await page.waitForFunction(() => document.querySelectorAll('mark.flag').length === 3);
  expect(await stillSamePage()).toBe(true);
});

test('the import form warns while pasting, keeps the pasted text on an error, and shows progress', async () => {
  await open('Mei', '/');
  const fifteen = Array.from({ length: 15 }, (_, i) => `第${i + 1}段。`).join('\n\n');
  await page.locator('textarea[name=sourceText]').fill(fifteen);
  // No MT yet: the server says so in words, and the fifteen paragraphs are still there.
  await page.getByRole('button', { name: 'Import and flag' }).click();
  await page.getByText('The machine translation is missing: paste it or upload it as a .txt file.').waitFor();
  expect(await page.locator('textarea[name=sourceText]').inputValue()).toBe(fifteen);

  // Fourteen paragraphs of MT: warned while typing, before anything is sent.
  const fourteen = Array.from({ length: 14 }, (_, i) => `Paragraph ${i + 1}.`).join('\n\n');
  await page.locator('textarea[name=mtText]').fill(fourteen);
  const warning = page.locator('[data-import-warnings] li[data-kind="paragraph-count"]');
  await warning.waitFor();
  expect(await warning.textContent()).toContain('The source has 15 paragraphs and the machine translation 14 paragraphs.');
  // The refusal no longer holds once the MT is there: it is not left on screen.
  expect(await page.getByText('The machine translation is missing').isVisible()).toBe(false);
  await page.screenshot({ path: screenshotPath('import-warning') });

  // While the import runs the button is disabled and the progress shows (the post is held back
  // here to look at the form while it waits, then sent).
  await page.evaluate(() => document.querySelector('form[data-import-form]')!.addEventListener('submit', (e) => e.preventDefault(), { once: true }));
  await page.getByRole('button', { name: 'Import anyway' }).click();
  await page.locator('[data-import-progress]').waitFor({ state: 'visible' });
  expect(await page.locator('[data-import-submit]').isDisabled()).toBe(true);
  await page.evaluate(() => document.querySelector<HTMLFormElement>('form[data-import-form]')!.submit());
  await page.waitForURL(/\/documents\/\d+/);
  // The title came from the first line.
  expect(await page.locator('h1').first().textContent()).toBe('Paragraph 1.');
});

test('a stale proposal whose change does not overlap the newer one is applied to the current text in one click', async () => {
  const id = newDocument('Stale', 'The company said the new platform will land next year.');
  const [segment] = services.store.segments.page(id, 10, 0);
  const early = services.review.propose(segment.id, { text: 'The company said the new platform will go live next year.', baseVersion: 1, author: 'Eddie' });
  const later = services.review.propose(segment.id, { text: 'The firm said the new platform will land next year.', baseVersion: 1, author: 'Eddie' });
  services.review.accept(later.id, 'Lee');
  await open('Lee', `/documents/${id}`);
  await markPage();
  const stale = page.locator(`.proposal[data-proposal="${early.id}"]`);
  expect(await stale.getByRole('button', { name: 'Accept', exact: true }).count()).toBe(0);
  await stale.getByRole('button', { name: 'Apply to the current text' }).click();
  await page.locator('tr.segment .current-text', { hasText: 'The firm said the new platform will go live next year.' }).waitFor();
  expect(services.store.segments.get(segment.id)!.text).toBe('The firm said the new platform will go live next year.');
  expect(await stillSamePage()).toBe(true);
});

test('Ctrl+Enter on a segment with an open major finding warns in the row first; Ctrl+Enter again confirms', async () => {
  const id = newDocument('QA on confirm', MT, SOURCE);
  await open('Lee', `/documents/${id}`);
  await page.keyboard.press('e');
  const row = rowOf(id, 1);
  await row.locator('textarea:focus').waitFor();
  await page.keyboard.type(' Checked.');
  await page.keyboard.press('Control+Enter');
  await row.locator('.notice.qa-warning').waitFor();
  const [segment] = services.store.segments.page(id, 1, 0);
  expect(segment).toMatchObject({ version: 1, status: 'new' });
  // The edit is still in the editor, not lost.
  expect(await row.locator('textarea[name="text"]').inputValue()).toMatch(/ Checked\.$/);
  await page.keyboard.press('Control+Enter');
  await rowOf(id, 1).locator('.badge.status-reviewed').waitFor();
  expect(services.store.segments.get(segment.id)).toMatchObject({ version: 2, status: 'reviewed' });
  expect(services.store.segments.get(segment.id)!.text).toMatch(/ Checked\.$/);
});
