import type { Browser, Page } from 'playwright-core';
import { signIn, useBrowserApp, type BrowserApp } from '../helpers/browser';
import { importDocument } from '../../server/review/import';

jest.setTimeout(90_000);

// Segments 1 and 3 repeat one source; segment 2 has a glossary term.
const SOURCE = '大模型很热。\n\n公司发布了大模型。\n\n大模型很热。\n\n价格稳定。';
const MT = 'The big model is hot.\n\nThe company released a big model.\n\nThe big model is hot.\n\nPrices held steady.';

let browser: Browser;
let url: string;
let services: BrowserApp['services'];
let page: Page;
let pageErrors: string[];

useBrowserApp({}, (app) => ({ browser, url, services } = app));
beforeEach(async () => {
  pageErrors = [];
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await signIn(page, url, 'Lee');
});
afterEach(async () => {
  await page.close();
  expect(pageErrors).toEqual([]);
});

const newDocument = (title: string, sourceText = SOURCE, mtText = MT) =>
  importDocument(services.store, services.flagger, { title, sourceLang: 'zh', targetLang: 'en', sourceText, mtText }, 'Mei');
const notice = () => page.locator('.notice.done');
const row = (n: number) => page.locator(`tr.segment[data-number="${n}"]`);

test('glossary: an entry added on the tools page marks the term in the source and flags the forbidden variant', async () => {
  const id = newDocument('Glossary');
  await page.goto(`${url}/documents/${id}`);
  await page.getByRole('link', { name: 'Tools' }).click();
  await page.getByLabel('Source term').fill('大模型');
  await page.getByLabel('Target term').fill('large language model');
  await page.getByLabel('Forbidden variants').fill('big model');
  await page.getByRole('button', { name: 'Add to the glossary' }).click();
  await notice().filter({ hasText: 'Added “大模型” to the glossary.' }).waitFor();
  await page.locator('table.glossary', { hasText: 'large language model' }).waitFor();
  await page.goto(`${url}/documents/${id}`);
  const mark = row(2).locator('td.col-source mark.term');
  await mark.waitFor();
  expect(await mark.getAttribute('title')).toContain('large language model');
  expect(await row(2).locator('.findings').textContent()).toContain('The glossary forbids "big model"');
});

test('find and replace: preview, untick one, replace and confirm, then undo as one step', async () => {
  const id = newDocument('Replace');
  await page.goto(`${url}/documents/${id}/tools`);
  await page.getByRole('textbox', { name: 'Find' }).fill('big model');
  await page.getByLabel('Replace with').fill('large language model');
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.locator('table.preview tbody tr').nth(2).waitFor();
  expect(await page.locator('table.preview td.after').allTextContents()).toEqual(['The large language model is hot.', 'The company released a large language model.', 'The large language model is hot.']);
  await page.getByLabel('replace in segment 3').uncheck();
  await page.getByRole('button', { name: 'Replace and confirm' }).click();
  await notice().filter({ hasText: 'Replaced in 2 segments.' }).waitFor();
  const texts = () => services.store.segments.texts(id).map((s) => s.text);
  expect(texts()).toEqual(['The large language model is hot.', 'The company released a large language model.', 'The big model is hot.', 'Prices held steady.']);
  await page.getByRole('button', { name: 'Undo' }).click();
  await notice().filter({ hasText: 'The replacement was undone.' }).waitFor();
  expect(texts()).toEqual(['The big model is hot.', 'The company released a big model.', 'The big model is hot.', 'Prices held steady.']);
});

test('repetitions: confirming a segment in the grid gives its repetition the same text', async () => {
  const id = newDocument('Repetitions');
  await page.goto(`${url}/documents/${id}`);
  await row(1).locator('.current-text').click();
  const editor = row(1).locator('textarea:focus');
  await editor.waitFor();
  await editor.fill('Large language models are in fashion.');
  await page.keyboard.press('Control+Enter');
  await row(1).locator('.badge.status-reviewed').waitFor();
  expect(services.store.segments.texts(id)[2].text).toBe('Large language models are in fashion.');
  await page.goto(`${url}/documents/${id}/tools#repetitions`);
  expect(await page.locator('#repetitions').textContent()).toContain('segment 3 (edited): Large language models are in fashion.');
});

test('error annotation: select words in the grid, mark a major error, and the report shows the MQM score', async () => {
  const id = newDocument('Annotate');
  await page.goto(`${url}/documents/${id}`);
  const cell = row(2).locator('.current-text');
  await cell.evaluate((el) => {
    const text = [...el.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.includes('released')) ?? el.firstChild!;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let node: Node | null = text;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.textContent!.includes('released')) node = n;
    const at = node!.textContent!.indexOf('released');
    const range = document.createRange();
    range.setStart(node!, at);
    range.setEnd(node!, at + 'released'.length);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    el.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  });
  const panel = page.getByRole('dialog', { name: 'selected words' });
  await panel.waitFor();
  await panel.getByLabel('Error').selectOption('accuracy/mistranslation');
  await panel.getByLabel('Severity').selectOption('major');
  await panel.getByLabel('Note').fill('launched');
  await panel.getByRole('button', { name: 'Mark error' }).click();
  await panel.getByRole('status').filter({ hasText: 'Marked a major accuracy › mistranslation error.' }).waitFor();
  await row(2).locator('.lqa-list li', { hasText: 'major accuracy › mistranslation: “released” — launched · Lee' }).waitFor();
  await page.reload();
  await row(2).locator('.lqa-list li', { hasText: '“released”' }).waitFor();
  const [annotation] = services.lqa.forDocument(id);
  expect(annotation).toMatchObject({ text: 'released', severity: 'major', createdBy: 'Lee' });
  // An omission is marked at a point: just after the selected words.
  await cell.evaluate((el) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let node: Node | null = null;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.textContent!.includes('released')) node = n;
    const at = node!.textContent!.indexOf('released');
    const range = document.createRange();
    range.setStart(node!, at);
    range.setEnd(node!, at + 'released'.length);
    window.getSelection()!.removeAllRanges();
    window.getSelection()!.addRange(range);
    el.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  });
  await panel.waitFor();
  await panel.getByRole('button', { name: 'Omission after these words' }).click();
  await panel.getByRole('status').filter({ hasText: 'Marked a minor omission after “released”.' }).waitFor();
  const omission = services.lqa.forDocument(id).find((a) => a.subcategory === 'omission');
  expect(omission).toMatchObject({ category: 'accuracy', severity: 'minor' });
  expect(omission!.start).toBe(omission!.end);
  await page.goto(`${url}/documents/${id}/export?format=report`);
  expect(Number(await page.locator('[data-figure="mqm"]').textContent())).toBeGreaterThan(0);
  expect(await page.locator('[data-figure="mqm-verdict"]').textContent()).toBe('fail');
});

test('alignment: the tools page says the counts differ, a merge repairs the rows and Undo puts them back', async () => {
  const id = newDocument('Uneven', '公司成立于2010年，总部位于杭州。\n\n去年营收增长了3%。', 'The company was founded in 2010.\n\nIts headquarters are in Hangzhou.\n\nRevenue grew 3% last year.');
  const before = services.store.segments.texts(id).length;
  await page.goto(`${url}/documents/${id}`);
  await page.locator('tr.segment.misaligned .misaligned-mark').first().waitFor();
  await page.locator('.alignment-notice', { hasText: 'The source has 2 paragraphs and 2 sentences, the machine translation 3 and 3' }).getByRole('link', { name: 'Repair the alignment' }).waitFor();
  await page.goto(`${url}/documents/${id}/tools#alignment`);
  await page.locator('.notice.warn', { hasText: 'The source has 2 paragraphs and 2 sentences; the machine translation 3 paragraphs and 3 sentences.' }).waitFor();
  await page.goto(`${url}/documents/${id}/tools?repair=1#alignment`);
  await page.locator('.suspect', { hasText: 'Segment 1' }).getByRole('button', { name: 'Merge with the next segment' }).click();
  await notice().filter({ hasText: 'Merged segment 1 with the next one.' }).waitFor();
  expect(services.store.segments.texts(id)).toHaveLength(before - 1);
  await notice().getByRole('button', { name: 'Undo' }).click();
  await notice().filter({ hasText: 'The alignment repair was undone.' }).waitFor();
  expect(services.store.segments.texts(id)).toHaveLength(before);
});

test('comments: an issue type, an @mention, resolve and reopen, and the activity log names the segment', async () => {
  const id = newDocument('Comments');
  await page.goto(`${url}/documents/${id}`);
  const r = row(4);
  // The row's comments open with c, the review key for them.
  await r.focus();
  await page.keyboard.press('c');
  await r.getByLabel('comment on segment 4').fill('@Mei should this be "stable"?');
  await r.getByLabel('issue type, segment 4').selectOption('terminology');
  await r.locator('form.comment-form button[type=submit]').first().click();
  await row(4).locator('.comment .issue-type', { hasText: 'terminology' }).waitFor();
  expect(services.comments.mentioning('Mei').map((c) => c.body)).toEqual(['@Mei should this be "stable"?']);
  await row(4).getByRole('button', { name: 'Resolve' }).click();
  await row(4).locator('.comment .resolved', { hasText: 'resolved by Lee' }).waitFor();
  await row(4).getByRole('button', { name: 'Reopen' }).click();
  await row(4).getByRole('button', { name: 'Resolve' }).waitFor();
  await page.goto(`${url}/documents/${id}/activity`);
  await page.locator('li', { hasText: 'Lee · segment 4 · reopened a comment' }).waitFor();
  await page.locator('li', { hasText: 'Lee · segment 4 · resolved a comment' }).waitFor();
});
