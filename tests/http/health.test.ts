import request from 'supertest';
import { testApp } from '../helpers/app';
import { migrations } from '../../server/db/migrations';

describe('health probes', () => {
  test('GET /healthz answers 200 without signing in', async () => {
    const { app } = testApp();
    const res = await request(app).get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  test('GET /readyz answers 200 when the database is writable and at the current schema', async () => {
    const { app } = testApp();
    const res = await request(app).get('/readyz').expect(200);
    expect(res.body).toEqual({ status: 'ready', schemaVersion: migrations.length });
  });

  test('GET /readyz answers 503 with a reason when the schema is behind the code', async () => {
    const { app, db } = testApp();
    db.pragma(`user_version = ${migrations.length - 1}`);
    const res = await request(app).get('/readyz').expect(503);
    expect(res.body.error).toMatchObject({ reason: 'migrations-pending', requestId: res.headers['x-request-id'] });
    expect(res.body.error.message).toContain(`schema version ${migrations.length - 1}`);
  });

  test('GET /readyz answers 503 database-read-only when writes are refused', async () => {
    const { app, db } = testApp();
    db.pragma('query_only = ON');
    const res = await request(app).get('/readyz').expect(503);
    expect(res.body.error.reason).toBe('database-read-only');
    db.pragma('query_only = OFF');
    await request(app).get('/readyz').expect(200);
  });

  test('GET /readyz answers 503 once the database is closed', async () => {
    const { app, db } = testApp();
    db.close();
    expect((await request(app).get('/readyz').expect(503)).body.error.reason).toBe('database-closed');
    await request(app).get('/healthz').expect(200);
  });
});
