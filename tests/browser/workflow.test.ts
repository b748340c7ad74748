import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, serveTestApp, screenshotPath, signIn, PASSWORD } from '../helpers/browser';

jest.setTimeout(60_000);

// Four segments: two carry the test pack's "mutual cooperation", one its "platform will land".
const SOURCE = '双方相互合作。\n\n平台将于明年落地。\n\n两校相互合作。\n\n价格保持稳定。';
const MT = 'The two sides carried out mutual cooperation.\n\nThe platform will land next year.\n\nThe two schools began mutual cooperation.\n\nPrices stayed stable.';

let browser: Browser;
let server: Server;
let url: string;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  browser = await launchBrowser();
  ({ server, url } = await serveTestApp());
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});
beforeEach(async () => {
  pageErrors = [];
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (err) => pageErrors.push(err.message));
});
afterEach(async () => {
  await page.close();
  expect(pageErrors).toEqual([]);
});

/** Imports the sample through the form as `author` and lands on the review page. */
async function importSample(title: string): Promise<string> {
  await signIn(page, url, 'Mei');
  await page.getByLabel('Title').fill(title);
  await page.locator('textarea[name=sourceText]').fill(SOURCE);
  await page.locator('textarea[name=mtText]').fill(MT);
  await page.getByRole('button', { name: 'Import and flag' }).click();
  await page.waitForURL(/\/documents\/\d+$/);
  return page.url();
}

const row = (text: string) => page.locator('tr.segment', { hasText: text });

/** Signs in as the editor in a second page and proposes `text` for the row holding `rowText`. */
async function proposeAsEditor(docUrl: string, rowText: string, text: string): Promise<void> {
  const other = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  other.on('pageerror', (err) => pageErrors.push(err.message));
  await other.goto(`${url}/login`);
  await other.getByLabel('Name').fill('Eddie');
  await other.getByLabel('Password').fill(PASSWORD);
  await other.getByRole('button', { name: 'Sign in' }).click();
  await other.goto(docUrl);
  const r = other.locator('tr.segment', { hasText: rowText });
  await r.locator('.current-text').click();
  await r.getByRole('textbox', { name: /edit segment/ }).fill(text);
  await other.keyboard.press('Control+Enter');
  await r.locator('.proposal.state-pending').waitFor();
  // The editor's row stays unreviewed, and the editor is not offered a decision.
  expect(await r.locator('.badge').textContent()).toBe('new');
  expect(await r.getByRole('button', { name: 'Accept' }).count()).toBe(0);
  await other.close();
}

test("an editor proposes in place; the reviewer sees the word diff and accepts it", async () => {
  const docUrl = await importSample('Edit and accept');
  await proposeAsEditor(docUrl, 'Prices stayed stable', 'Prices held steady.');
  await page.reload();
  const r = row('Prices stayed stable');
  expect(await r.locator('.proposal.state-pending del').textContent()).toBe('stayed stable');
  expect(await r.locator('.proposal.state-pending ins').textContent()).toBe('held steady');
  await r.getByRole('button', { name: 'Accept' }).click();
  const edited = row('Prices held steady.');
  await edited.locator('.badge.status-edited').waitFor();
  expect(await edited.locator('.version').textContent()).toContain('v2');
  // The decided proposal collapses into one line.
  expect(await edited.locator('.earlier summary').textContent()).toBe('1 earlier proposal');
  expect(await edited.locator('.earlier .proposal').isVisible()).toBe(false);
});

test('reject a proposal with a canned reason: shown as written, not re-diffed against a newer text', async () => {
  const docUrl = await importSample('Reject');
  await proposeAsEditor(docUrl, 'Prices stayed stable', 'Prices were stable-ish.');
  await page.reload();
  const r = row('Prices stayed stable');
  await r.getByLabel('why reject').selectOption('Not idiomatic');
  await r.getByLabel('reason for rejecting').fill('too casual for a report');
  await r.getByRole('button', { name: 'Reject' }).click();
  await r.locator('.earlier').waitFor();
  await r.locator('.earlier summary').click();
  expect(await r.locator('.proposal.state-rejected .state').textContent()).toContain('rejected by Mei: “Not idiomatic: too casual for a report”');
  expect(await r.locator('.current-text').textContent()).toBe('Prices stayed stable.');
  // The reviewer then edits the text: the rejected proposal is shown as it was written, with no diff.
  await r.locator('.current-text').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Analysts agreed.');
  await page.keyboard.press('Control+Enter');
  const edited = row('Analysts agreed.');
  await edited.locator('.badge.status-reviewed').waitFor();
  await edited.locator('.earlier summary').click();
  const rejected = edited.locator('.proposal.state-rejected');
  expect(await rejected.locator('.diff').textContent()).toBe('Prices were stable-ish.');
  expect(await rejected.locator('del, ins').count()).toBe(0);
});

test('bulk-accept every suggestion of one rule after a confirmation that says how many', async () => {
  await importSample('Bulk');
  await page.locator('details.bulk summary').click();
  await page.locator('details.bulk select[name=ruleId]').selectOption('test-mutual-cooperation');
  await page.locator('details.bulk form', { hasText: 'Accept every suggestion of rule' }).getByRole('button').click();
  await page.getByRole('heading', { name: 'Accept 2 suggestions of rule test-mutual-cooperation?' }).waitFor();
  await page.getByRole('button', { name: /^Yes/ }).click();
  await page.waitForURL(/bulkDone=2/);
  expect(await page.locator('.notice.done').textContent()).toContain('2 segments changed');
  expect(await row('The two sides carried out cooperation.').count()).toBe(1);
  expect(await row('The two schools began cooperation.').count()).toBe(1);
  expect(await row('The platform will land').locator('.badge').textContent()).toBe('new');
});

test('dismiss a false positive: it stays dismissed after a reload and can be shown on demand', async () => {
  const docUrl = await importSample('Dismiss');
  const r = row('The platform will land');
  expect(await page.locator('.meta').textContent()).toContain('3 open flags');
  await r.locator('mark.flag').click();
  await r.locator('.finding.open').getByRole('button', { name: 'Dismiss' }).click();
  await r.locator('.dismissed-count').waitFor();
  expect(await row('The platform will land').locator('mark.flag').count()).toBe(0);
  // The header's counter follows without a reload.
  await page.locator('.meta', { hasText: '2 open flags' }).waitFor();
  await page.goto(docUrl);
  expect(await row('The platform will land').locator('mark.flag').count()).toBe(0);
  expect(await page.locator('.meta').textContent()).toContain('2 open flags');
  await page.locator('.more-filters summary').click();
  await page.getByRole('link', { name: 'Show dismissed findings' }).click();
  const shown = row('The platform will land').locator('.finding.dismissed');
  expect(await shown.count()).toBe(1);
  await shown.getByRole('button', { name: 'Restore' }).click();
  await row('The platform will land').locator('mark.flag').waitFor();
});

test('filter by rule, then open the shared URL in a fresh page', async () => {
  await importSample('Filter');
  await page.locator('.more-filters summary').click();
  await page.getByLabel('filter by rule').selectOption('test-mutual-cooperation');
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.waitForURL(/rule=test-mutual-cooperation/);
  expect(await page.locator('tr.segment').count()).toBe(2);
  const shared = page.url();
  // A colleague opens the link: signs in first, then lands on the same filtered view.
  const other = await browser.newPage();
  await other.goto(shared);
  await other.waitForURL(/\/login\?next=/);
  await other.getByLabel('Name').fill('Lee');
  await other.getByLabel('Password').fill(PASSWORD);
  await other.getByRole('button', { name: 'Sign in' }).click();
  await other.waitForURL(shared);
  expect(await other.locator('tr.segment').count()).toBe(2);
  expect(await other.getByLabel('filter by rule').inputValue()).toBe('test-mutual-cooperation');
  expect(await other.locator('.filters .count').textContent()).toBe('2 segments match');
  await other.close();
  await page.screenshot({ path: screenshotPath('review-filtered'), fullPage: true });
});

test('keyboard only: a suggestion into the editor, confirm, edit the next, dismiss a finding, mark reviewed', async () => {
  await importSample('Keyboard');
  await page.keyboard.press('?');
  await page.locator('dialog.keys').waitFor();
  await page.keyboard.press('Escape');
  // Segment 1: walk to its finding, put its first suggestion into the editor, confirm (goes to 2, editing).
  await page.keyboard.press('f');
  await page.keyboard.press('s');
  const editor1 = row('carried out mutual cooperation').getByRole('textbox', { name: /edit segment/ });
  await editor1.waitFor();
  expect(await editor1.inputValue()).toBe('The two sides carried out cooperation.');
  await page.keyboard.press('Control+Enter');
  await row('The two sides carried out cooperation.').locator('.badge.status-reviewed').waitFor();
  // Segment 2 is being edited now: replace its text and confirm.
  const editor2 = row('The platform will land').getByRole('textbox', { name: /edit segment/ });
  await editor2.waitFor();
  expect(await editor2.evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('The platform goes live next year.');
  await page.keyboard.press('Control+Enter');
  await row('The platform goes live next year.').locator('.badge.status-reviewed').waitFor();
  // Segment 3: leave the editor, dismiss its finding as a false positive, mark reviewed with m.
  await row('two schools').getByRole('textbox', { name: /edit segment/ }).waitFor();
  await page.keyboard.press('Escape');
  expect(await page.evaluate(() => document.activeElement?.closest('tr')?.textContent)).toContain('two schools');
  await page.keyboard.press('f');
  await page.keyboard.press('x');
  await row('two schools').locator('.dismissed-count').waitFor();
  await page.keyboard.press('m');
  await row('two schools').locator('.badge.status-reviewed').waitFor();
  expect(await page.evaluate(() => document.activeElement?.closest('tr')?.textContent)).toContain('Prices stayed stable');
  await page.locator('.doc-head [data-count="reviewed"]', { hasText: '3 / 4 reviewed' }).waitFor();
  await page.screenshot({ path: screenshotPath('review-keyboard'), fullPage: true });
});

test('an unsaved edit is kept as a draft when the focus moves away, and Escape cancels it', async () => {
  await importSample('Draft');
  const r = row('Prices stayed stable');
  await r.locator('.current-text').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Draft words.');
  // Clicking another segment keeps the draft in its row.
  await row('The platform will land').locator('td.col-num').click();
  await page.locator('tr.segment.draft').waitFor();
  expect(await r.locator('.current-text').textContent()).toBe('Prices stayed stable.');
  await r.locator('.current-text').click();
  const editor = r.getByRole('textbox', { name: /edit segment/ });
  expect(await editor.inputValue()).toBe('Prices stayed stable. Draft words.');
  await page.keyboard.press('Escape');
  expect(await r.locator('.confirm-form textarea').inputValue()).toBe('Prices stayed stable.');
  expect(await page.locator('tr.segment.draft, tr.segment.editing').count()).toBe(0);
});

test('a click on the text opens the editor with the caret where the reviewer clicked', async () => {
  await importSample('Caret');
  const text = row('Prices stayed stable').locator('.current-text');
  const box = (await text.boundingBox())!;
  // Click just right of the start of the text: the caret lands in the first word, not at the end.
  await page.mouse.click(box.x + 12, box.y + box.height / 2);
  const editor = row('Prices stayed stable').getByRole('textbox', { name: /edit segment/ });
  await editor.waitFor();
  const caret = await editor.evaluate((el) => (el as HTMLTextAreaElement).selectionStart);
  expect(caret).toBeGreaterThan(0);
  expect(caret).toBeLessThan(4);
});

test('the history of a segment lists every version and event in order', async () => {
  await importSample('History');
  const r = row('Prices stayed stable');
  await r.locator('.current-text').click();
  await r.getByRole('textbox', { name: /edit segment/ }).fill('Prices held steady.');
  await page.keyboard.press('Control+Enter');
  const edited = row('Prices held steady.');
  await edited.locator('.badge.status-reviewed').waitFor();
  await edited.getByRole('button', { name: 'Comment' }).click();
  await edited.getByRole('textbox', { name: /comment on segment/ }).fill('Checked against the wire copy.');
  await edited.locator('form.comment-form').getByRole('button', { name: 'Comment' }).click();
  await row('Prices held steady.').locator('.comment', { hasText: 'Checked against the wire copy.' }).waitFor();
  await row('Prices held steady.').getByRole('link', { name: 'History' }).click();
  await page.getByRole('heading', { name: 'Segment 4: history' }).waitFor();
  const versions = await page.locator('.versions li').allTextContents();
  expect(versions).toHaveLength(2);
  expect(versions[0]).toContain('v2');
  expect(versions[1]).toContain('machine translation');
  const events = await page.locator('.events li').allTextContents();
  expect(events).toHaveLength(4);
  expect(events[0]).toContain('Mei commented');
  expect(events[1]).toContain('Mei marked the segment reviewed');
  expect(events[2]).toMatch(/Mei accepted proposal \d+: version 2/);
  expect(events[3]).toMatch(/Mei proposed an edit \(proposal \d+\)/);
  await page.screenshot({ path: screenshotPath('history'), fullPage: true });
});
