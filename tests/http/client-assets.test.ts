import request from 'supertest';
import { testApp } from '../helpers/app';
import { builtClientDir } from '../helpers/client-build';

test('the page loads the typed client as ES modules from /static/client/, without inline script', async () => {
  const { app } = testApp({ CALQUE_CLIENT_DIR: builtClientDir() });
  const login = await request(app).get('/login').expect(200);
  expect(login.text).toContain('<script type="module" src="/static/client/main.js"></script>');
  expect(login.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  const main = await request(app).get('/static/client/main.js').expect(200);
  expect(main.headers['content-type']).toMatch(/javascript/);
  // Every module main.js imports is served too.
  for (const [, name] of main.text.matchAll(/from '\.\/([\w-]+\.js)'/g)) {
    await request(app).get(`/static/client/${name}`).expect(200);
  }
  expect([...main.text.matchAll(/from '\.\/([\w-]+\.js)'/g)].length).toBeGreaterThanOrEqual(5);
});
