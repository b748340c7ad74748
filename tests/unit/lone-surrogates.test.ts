import express from 'express';
import request from 'supertest';
import { requireUtf8 } from '../../server/routes/security';
import { errorHandler } from '../../server/routes/error-handler';
import { refuseLoneSurrogates } from '../../server/validation/unicode';

/**
 * The JSON body guard on its own, behind the same parser as the API, before any route schema: a
 * lone surrogate can only come as a "\u" escape, which JSON allows in either case.
 */
const app = express();
app.use(express.json({ verify: requireUtf8 }), refuseLoneSurrogates);
app.post('/api/echo', (_req, res) => {
  res.json({ ok: true });
});
app.use(errorHandler);

// Sent as given: superagent would otherwise serialise a Buffer as JSON.
const post = (raw: string | Buffer) => request(app).post('/api/echo').set('content-type', 'application/json').serialize((body: unknown) => body as string).send(raw as string);

describe('a JSON body with a lone surrogate', () => {
  test.each(['{"a": "x \\ud800 y"}', '{"a": "x \\uDC00 y"}', '{"a": ["ok", {"b": "\\uDBFF"}]}', '{"\\uD800": 1}'])('%s is refused', async (raw) => {
    expect((await post(raw).expect(400)).body.error.reason).toBe('invalid-text');
  });

  test.each(['{"a": "plain"}', '{"a": "an emoji \\ud83d\\ude00"}', '{"a": "a backslash \\\\ud800 is no escape"}', '{"a": "raw UTF-8 é 😀"}'])('%s passes', async (raw) => {
    await post(raw).expect(200);
  });

  test('broken UTF-8 bytes are refused before any of it is read', async () => {
    const res = await post(Buffer.concat([Buffer.from('{"a": "'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')])).expect(400);
    expect(res.body.error.message).toBe('The request body is not valid UTF-8.');
  });
});
