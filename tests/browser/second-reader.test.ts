import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, PASSWORD, signIn } from '../helpers/browser';
import { builtClientDir } from '../helpers/client-build';
import { api, testApp, SOURCE, MT } from '../helpers/app';
import { startFakeLlm, type FakeLlm } from '../helpers/llm-server';

jest.setTimeout(60_000);

let browser: Browser;
let server: Server;
let url: string;
let page: Page;
let llm: FakeLlm;
let app: ReturnType<typeof testApp>['app'];
const pageErrors: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  llm = await startFakeLlm();
  ({ app } = testApp({ CALQUE_CLIENT_DIR: builtClientDir(), CALQUE_LLM_BASE_URL: llm.url, CALQUE_LLM_MODEL: 'browser-model', CALQUE_LLM_TIMEOUT_MS: '2000', CALQUE_LLM_RETRY_MS: '5' }));
  await app.locals.services.accounts.createUser('Mei', 'admin', PASSWORD);
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await llm?.close();
});

beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (err) => pageErrors.push(err.message));
});

afterEach(async () => {
  await page.close();
  expect(pageErrors).toEqual([]);
});

async function importDoc(title: string): Promise<number> {
  const res = await api(app).post('/api/documents').send({ title, sourceLang: 'zh', targetLang: 'en', sourceText: SOURCE, mtText: MT }).expect(201);
  return res.body.id as number;
}

test('the key l asks the second reader about the focused segment; its proposal is accepted in place', async () => {
  llm.on('carried out mutual', { errors: [{ span: 'carried out mutual cooperation', category: 'style/awkward', severity: 'major', explanation: 'Word for word from 相互合作.', suggestion: 'worked' }] });
  const id = await importDoc('Keyed');
  await signIn(page, url, 'Mei');
  await page.goto(`${url}/documents/${id}`);
  await page.keyboard.press('j');
  await page.keyboard.press('l');
  const row = page.locator('tr.segment').nth(1);
  // The finding's card, hidden until its highlight is opened, as every finding's.
  await row.locator('.second-reader-badge').first().waitFor({ state: 'attached' });
  expect(await row.locator('.finding', { hasText: 'second reader' }).first().textContent()).toContain('Word for word from 相互合作.');
  expect(await row.locator('.notice.second-reader-failed').count()).toBe(0);
  const proposal = row.locator('.proposal.state-pending', { hasText: 'llm:browser-model' });
  await proposal.getByRole('button', { name: 'Accept' }).click();
  await page.locator('tr.segment').nth(1).locator('.current-text', { hasText: 'The team worked with several universities' }).waitFor();
});

test('a failure is shown on the segment; a document job shows its progress and ends', async () => {
  llm.on('new platform', { status: 500 });
  const id = await importDoc('Job');
  await signIn(page, url, 'Mei');
  await page.goto(`${url}/documents/${id}`);
  const first = page.locator('tr.segment').first();
  await first.getByRole('button', { name: 'Ask the second reader' }).click();
  await first.locator('.second-reader-failed', { hasText: 'HTTP 500' }).waitFor();

  llm.on('new platform', { errors: [] });
  await page.getByRole('button', { name: 'Read every segment' }).click();
  await page.waitForURL(/#second-reader$/);
  await page.locator('#second-reader').getByText('Show the findings').or(page.locator('#second-reader .job-state', { hasText: 'done' })).first().waitFor();
  await page.reload();
  expect(await page.locator('#second-reader .job-progress').textContent()).toContain('2 of 2 segments read');
  await expect(page.getByRole('button', { name: 'Resume' }).count()).resolves.toBe(0);
});
