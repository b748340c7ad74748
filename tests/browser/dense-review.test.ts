import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { signIn, useBrowserApp, type BrowserApp } from '../helpers/browser';
import { seedDemo } from '../../server/review/demo';

jest.setTimeout(90_000);

// The README's screenshots are rewritten only when asked (CALQUE_UPDATE_SCREENSHOTS=1), so that a
// test run leaves the working tree as it found it; otherwise they go to tests/output.
const DOCS = process.env.CALQUE_UPDATE_SCREENSHOTS === '1' ? path.join(__dirname, '..', '..', 'docs') : path.join(__dirname, '..', 'output');
fs.mkdirSync(DOCS, { recursive: true });

let browser: Browser;
let url: string;
let demoId: number;
let services: BrowserApp['services'];
let page: Page;
let pageErrors: string[];

useBrowserApp({ shippedRules: true }, (app) => {
  ({ browser, url, services } = app);
  demoId = seedDemo(services.store, services.flagger)!;
});
afterEach(async () => {
  await page?.close();
  expect(pageErrors).toEqual([]);
});

async function open(width: number, height: number, who: 'Mei' | 'Lee' | 'Eddie' = 'Lee', docId = demoId): Promise<void> {
  pageErrors = [];
  page = await browser.newPage({ viewport: { width, height } });
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await signIn(page, url, who);
  await page.goto(`${url}/documents/${docId}`);
}

/** Rows whose whole box lies inside the viewport. */
const fullyVisibleRows = () => page.locator('tr.segment').evaluateAll((rows) => rows.filter((r) => {
  const box = r.getBoundingClientRect();
  return box.top >= 0 && box.bottom <= window.innerHeight;
}).length);

const focusedRowText = () => page.evaluate(() => document.activeElement?.closest('tr.segment')?.getAttribute('data-number'));

test('at 1440×900 a fresh demo document shows at least 8 whole segments on the first screen', async () => {
  await open(1440, 900);
  await page.screenshot({ path: path.join(DOCS, 'review-1440.png') });
  expect(await page.locator('tr.segment').count()).toBeGreaterThanOrEqual(8);
  expect(await fullyVisibleRows()).toBeGreaterThanOrEqual(8);
  // The column headers stay in view when the grid scrolls.
  const scrolled = await page.evaluate(() => {
    window.scrollTo(0, document.documentElement.scrollHeight);
    return window.scrollY;
  });
  expect(scrolled).toBeGreaterThan(100);
  const header = await page.locator('table.grid thead th.col-text').boundingBox();
  expect(header!.y).toBeGreaterThanOrEqual(-1);
  expect(header!.y).toBeLessThan(5);
  // …while the first rows have gone up under them.
  expect((await page.locator('tr.segment').first().boundingBox())!.y).toBeLessThan(-20);
});

test('at 800 px the grid stacks source above the text and nothing spills out of its card', async () => {
  await open(800, 1000);
  const overflow = await page.evaluate(() => {
    const wide = document.documentElement.scrollWidth > window.innerWidth;
    const grid = document.querySelector('table.grid')!.getBoundingClientRect();
    const outside = [...document.querySelectorAll('table.grid td, table.grid td *')].filter((el) => {
      const box = el.getBoundingClientRect();
      return box.width > 0 && (box.right > grid.right + 1 || box.left < grid.left - 1);
    }).length;
    return { wide, outside };
  });
  expect(overflow).toEqual({ wide: false, outside: 0 });
  const row = page.locator('tr.segment').nth(1);
  const source = await row.locator('td.col-source').boundingBox();
  const text = await row.locator('td.col-text').boundingBox();
  expect(source!.y + source!.height).toBeLessThanOrEqual(text!.y + 1);
  await page.screenshot({ path: path.join(DOCS, 'review-800.png') });
});

test('at 800 px the import form stacks its two texts and nothing spills out of its card', async () => {
  await open(800, 1000, 'Mei');
  await page.goto(`${url}/`);
  const layout = await page.evaluate(() => {
    const card = document.querySelector('section.import')!.getBoundingClientRect();
    const outside = [...document.querySelectorAll('section.import *')].filter((el) => {
      const box = el.getBoundingClientRect();
      return box.width > 0 && (box.right > card.right + 1 || box.left < card.left - 1);
    }).map((el) => el.tagName + (el.getAttribute('name') ? `[${el.getAttribute('name')}]` : ''));
    const [source, mt] = [...document.querySelectorAll('.texts fieldset')].map((f) => f.getBoundingClientRect());
    return { wide: document.documentElement.scrollWidth > window.innerWidth, outside, stacked: source.bottom <= mt.top };
  });
  expect(layout).toEqual({ wide: false, outside: [], stacked: true });
});

test('at 800 px the Rules page shows its rules a hundred at a time without widening the page', async () => {
  await open(800, 1000);
  const layout = () => page.evaluate(() => ({
    rules: document.querySelectorAll('table.rule-list tbody tr').length,
    wide: document.documentElement.scrollWidth > window.innerWidth,
  }));
  await page.goto(`${url}/rules`);
  expect(await layout()).toEqual({ rules: 100, wide: false });
  // Business rules have the longest lists of suggestions, idioms the longest ids (lx-xiantianxiazhiyou…).
  for (const family of ['business-jargon', 'lexicon-idioms-1']) {
    await page.goto(`${url}/rules?family=${family}`);
    expect((await layout()).wide).toBe(false);
  }
  // The next page keeps the family chosen.
  await Promise.all([page.waitForURL(/page=2/), page.getByRole('link', { name: 'Next →' }).first().click()]);
  expect(page.url()).toContain('family=lexicon-idioms-1');
  expect(await page.locator('nav.pager span').first().innerText()).toBe('Rules 101–200 of 821 · page 2 of 9');
  expect((await layout()).wide).toBe(false);
});

test('review five segments with e, typing and Ctrl+Enter only; the header follows without a reload', async () => {
  await open(1440, 900);
  expect(await focusedRowText()).toBe('1');
  await page.keyboard.press('e');
  for (let n = 1; n <= 5; n++) {
    const row = page.locator(`tr.segment[data-number="${n}"]`);
    await row.locator('textarea:focus').waitFor();
    await page.keyboard.type(` [checked ${n}]`);
    await page.keyboard.press('Control+Enter');
    // A segment that still has an open major finding answers with the QA warning first, in the
    // row, nothing saved; Ctrl+Enter again saves and confirms anyway.
    await row.locator('.badge.status-reviewed, .notice.qa-warning').first().waitFor();
    if (await row.locator('.notice.qa-warning').count()) {
      await row.locator('textarea:focus').waitFor();
      await page.keyboard.press('Control+Enter');
    }
    await row.locator('.badge.status-reviewed').waitFor();
    expect(await row.locator('.current-text').textContent()).toMatch(new RegExp(`\\[checked ${n}\\]$`));
  }
  // The sixth segment is next, its editor open.
  await page.locator('tr.segment[data-number="6"] textarea:focus').waitFor();
  await page.screenshot({ path: path.join(DOCS, 'review-editing-1440.png') });
  await page.locator('.doc-head [data-count="reviewed"]', { hasText: /^5 \// }).waitFor();
  expect(await page.locator('.doc-head progress').evaluate((p) => (p as HTMLProgressElement).value)).toBe(5);
  expect(await page.locator('.doc-head [data-count="edited"]').textContent()).toBe('5 edited');
  // Five small edits in a long article: the HTER is under 10% and shown to a tenth, never "0%".
  expect(await page.locator('.doc-head [data-count="hter"]').textContent()).toMatch(/^HTER [1-9]\.\d%$|^HTER 0\.[1-9]%$/);
  // One proposal per segment, accepted by the reviewer; the version moved by one.
  const seg = services.store.segments.get(Number(await page.locator('tr.segment[data-number="3"]').getAttribute('data-segment')))!;
  expect(seg).toMatchObject({ version: 2, status: 'reviewed', updatedBy: 'Lee' });
  expect(services.store.proposals.forSegment(seg.id).map((p) => [p.state, p.author, p.decidedBy])).toEqual([['accepted', 'Lee', 'Lee']]);
  await page.keyboard.press('Escape');
  expect(await page.locator('tr.segment.editing').count()).toBe(0);
});
