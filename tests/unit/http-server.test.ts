import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createHttpServer, listen } from '../../server/http-server';

function started(server: http.Server): Promise<number> {
  return new Promise((resolve) => {
    if (server.listening) resolve((server.address() as AddressInfo).port);
    else server.once('listening', () => resolve((server.address() as AddressInfo).port));
  });
}

describe('the HTTP server of an Express app', () => {
  test("answers with Express's request and response methods, on objects born with them", async () => {
    const app = express();
    const seen: { sameProto: boolean; isNodeRequest: boolean }[] = [];
    app.post('/echo/:id', express.json(), (req, res) => {
      seen.push({ sameProto: Object.getPrototypeOf(req) === app.request, isNodeRequest: req instanceof http.IncomingMessage });
      res.cookie('seen', req.params.id).status(201).json({ id: req.params.id, agent: req.get('x-test'), body: req.body, secure: req.secure, app: req.app === app });
    });
    app.get('/away', (_req, res) => res.redirect(303, '/there'));
    const server = createHttpServer(app);
    // What a request is before Express sees it: already Express's, so Express has nothing to swap.
    const atArrival: boolean[] = [];
    server.prependListener('request', (req: http.IncomingMessage) => atArrival.push(Object.getPrototypeOf(req) === app.request));
    server.listen(0, '127.0.0.1');
    const port = await started(server);
    try {
      const echo = await fetch(`http://127.0.0.1:${port}/echo/7`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-test': 'yes' }, body: JSON.stringify({ text: '赋能' }) });
      expect(echo.status).toBe(201);
      expect(echo.headers.get('set-cookie')).toMatch(/^seen=7;/);
      expect(await echo.json()).toEqual({ id: '7', agent: 'yes', body: { text: '赋能' }, secure: false, app: true });
      const away = await fetch(`http://127.0.0.1:${port}/away`, { redirect: 'manual' });
      expect([away.status, away.headers.get('location')]).toEqual([303, '/there']);
      expect((await fetch(`http://127.0.0.1:${port}/nowhere`)).status).toBe(404);
      expect(seen).toEqual([{ sameProto: true, isNodeRequest: true }]);
      expect(atArrival).toEqual([true, true, true]);
      // A second server of the same app uses the same classes: Express's prototype stays the one it was.
      const proto = app.request;
      createHttpServer(app);
      expect(app.request).toBe(proto);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('listen reports a port in use to its callback instead of throwing', async () => {
    const first = await new Promise<http.Server>((resolve) => {
      const s = listen(express(), 0, '127.0.0.1', () => resolve(s));
    });
    const port = (first.address() as AddressInfo).port;
    try {
      const err = await new Promise<Error | undefined>((resolve) => listen(express(), port, '127.0.0.1', resolve));
      expect((err as NodeJS.ErrnoException | undefined)?.code).toBe('EADDRINUSE');
    } finally {
      await new Promise((resolve) => first.close(resolve));
    }
  });
});
