import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, serveTestApp, screenshotPath, signIn } from '../helpers/browser';

jest.setTimeout(60_000);

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  '<a href="javascript:alert(3)">click me</a>',
  "{{constructor.constructor('alert(4)')()}}",
  '${alert(5)}',
  '"><svg onload=alert(6)>',
  "'-alert(7)-'",
  '{{{lookup this "constructor"}}}',
];
const hostile = (i: number) => PAYLOADS[i % PAYLOADS.length];

let browser: Browser;
let server: Server;
let url: string;
let page: Page;
let token: string;
const dialogs: string[] = [];
const problems: string[] = [];

async function api(path: string, body: unknown): Promise<any> {
  const res = await fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

beforeAll(async () => {
  browser = await launchBrowser();
  let services;
  ({ server, url, services } = await serveTestApp());
  token = services.store.users.createToken(services.store.users.byName('Mei')!.id);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

test('script, event-handler, javascript: and template-injection strings are shown verbatim and never run', async () => {
  const title = `Title ${PAYLOADS.join(' ')}`;
  const doc = await api('/api/documents', {
    title: title.slice(0, 300),
    sourceLang: 'zh',
    targetLang: 'en',
    sourceText: PAYLOADS.map((p) => `源文 ${p}`).join('\n\n'),
    mtText: PAYLOADS.map((p) => `Text ${p}`).join('\n\n'),
  });
  const segments = await (await fetch(`${url}/api/documents/${doc.id}/segments`, { headers: { authorization: `Bearer ${token}` } })).json() as Array<{ id: number; version: number; mt: string; source: string }>;
  expect(segments.length).toBe(PAYLOADS.length);
  PAYLOADS.forEach((p, i) => {
    expect(segments[i].mt).toBe(`Text ${p}`);
    expect(segments[i].source).toBe(`源文 ${p}`);
  });
  const [first, second, third] = segments;
  const edit = await api(`/api/segments/${first.id}/proposals`, { text: `Edit ${hostile(3)} ${hostile(0)}`, baseVersion: first.version });
  await api(`/api/segments/${second.id}/comments`, { body: `Comment ${hostile(1)} ${hostile(4)}` });
  const rejected = await api(`/api/segments/${third.id}/proposals`, { text: `Rejected ${hostile(5)}`, baseVersion: third.version });
  await api(`/api/proposals/${rejected.id}/reject`, { reason: `Reason ${hostile(2)} ${hostile(7)}` });

  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  // A blocked inline script or style (CSP) shows up as a console error too.
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  // The browser asks for /favicon.ico by itself; any other failed load is a problem.
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`${r.status()} ${r.url()}`);
  });

  await signIn(page, url, 'Mei');
  const response = await page.goto(`${url}/documents/${doc.id}`);
  const csp = response!.headers()['content-security-policy'];
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  await expect(page.getByRole('heading', { level: 1 }).first().innerText()).resolves.toContain('Title <script>alert(1)</script>');
  const shown = await page.locator('body').innerText();
  for (const p of PAYLOADS) {
    expect(shown).toContain(`Text ${p}`);
    expect(shown).toContain(`源文 ${p}`);
  }
  expect(shown).toContain(`Comment ${hostile(1)} ${hostile(4)}`);
  // Nothing turned into markup: no injected elements or handlers anywhere in the DOM.
  expect(await page.locator('img[src=x], svg[onload], a[href^="javascript:"], [onerror], [onmouseover], [onload]').count()).toBe(0);
  expect(await page.locator('script').evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).src))).toEqual([`${url}/static/client/main.js`]);
  // Reveal the hidden parts (proposal texts, reasons) by reading the text content, and hover over the author.
  const all = await page.locator('body').textContent();
  expect(all).toContain(`Edit ${hostile(3)} ${hostile(0)}`);
  await page.locator('tr.segment').first().hover();
  await page.screenshot({ path: screenshotPath('hostile-input'), fullPage: true });

  // The activity page, the history page and the home page render the same strings as text.
  await page.goto(`${url}/segments/${third.id}/history`);
  const history = await page.locator('body').textContent();
  expect(history).toContain(`Reason ${hostile(2)} ${hostile(7)}`);
  for (const path of [`/documents/${doc.id}/activity`, `/segments/${first.id}/history`, '/']) {
    await page.goto(url + path);
    const text = await page.locator('body').textContent();
    expect(text).toContain(path === '/' ? 'Title <script>alert(1)</script>' : 'Mei');
    expect(await page.locator('img[src=x], svg[onload], a[href^="javascript:"], [onerror], [onmouseover], [onload]').count()).toBe(0);
  }
  // Accepting the hostile edit in the page (the row is re-rendered by the client) runs nothing either.
  await page.goto(`${url}/documents/${doc.id}`);
  await page.locator(`#seg-${first.id}`).getByRole('button', { name: 'Accept' }).click();
  await page.locator(`#seg-${first.id}.status-edited, #seg-${first.id} .proposal.state-accepted`).first().waitFor();
  expect(await page.locator(`#seg-${first.id}`).textContent()).toContain(`Edit ${hostile(3)} ${hostile(0)}`);
  expect(edit.text).toBe(`Edit ${hostile(3)} ${hostile(0)}`);
  await page.waitForTimeout(300);

  expect(dialogs).toEqual([]);
  expect(problems).toEqual([]);
  await page.close();
});
