import request from 'supertest';
import { testApp, api, as } from '../helpers/app';

test.each(['/', '/api/documents', '/static/app.css', '/nowhere'])('%s carries the security headers', async (path) => {
  const { app } = testApp();
  const res = await api(app).get(path);
  const csp = res.headers['content-security-policy'];
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("style-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  expect(res.headers['referrer-policy']).toBe('same-origin');
  expect(res.headers['x-powered-by']).toBeUndefined();
});

test('no view has an inline script, style attribute or event handler (the CSP would block it)', () => {
  const fs = require('node:fs') as typeof import('node:fs');
  const path = require('node:path') as typeof import('node:path');
  const root = path.join(__dirname, '..', '..', 'views');
  const files = (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.hbs'));
  expect(files.length).toBeGreaterThan(0);
  for (const f of files) {
    const text = fs.readFileSync(path.join(root, f), 'utf8');
    expect([f, text.match(/<script(?![^>]*\bsrc=)[^>]*>|\sstyle=|<style\b|\son[a-z]+=|javascript:/gi)]).toEqual([f, null]);
  }
});
