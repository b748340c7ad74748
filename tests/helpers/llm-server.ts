import net from 'node:net';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One canned answer of the fake endpoint. */
export type Canned =
  | { content: string }
  | { errors: unknown[] }
  | { status: number; retryAfter?: string; body?: string }
  | { hang: true }
  | { raw: string }
  | { destroy: true };

export interface FakeLlm {
  url: string;
  /** Bodies of the chat-completion requests received, in order. */
  requests: { model: string; messages: { role: string; content: string }[]; response_format?: unknown }[];
  /** Answers for requests whose text to review contains `needle`; a list is used in turn, its last entry then for good. */
  on(needle: string, answers: Canned | Canned[]): void;
  close(): Promise<void>;
}

const textOf = (body: { messages?: { content?: string }[] }) => /English text to review: (.*)/.exec(body.messages?.[1]?.content ?? '')?.[1] ?? '';

/** A small OpenAI-compatible chat-completions server on loopback, answering from a table. */
export async function startFakeLlm(): Promise<FakeLlm> {
  const table: { needle: string; answers: Canned[] }[] = [];
  const requests: FakeLlm['requests'] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404).end();
        return;
      }
      const body = JSON.parse(raw) as FakeLlm['requests'][number];
      requests.push(body);
      const text = textOf(body);
      const entry = table.find((t) => text.includes(t.needle));
      const answer: Canned = entry ? (entry.answers.length > 1 ? entry.answers.shift()! : entry.answers[0]) : { errors: [] };
      if ('hang' in answer) return;
      if ('destroy' in answer) {
        req.socket.destroy();
        return;
      }
      if ('status' in answer) {
        res.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.retryAfter ? { 'retry-after': answer.retryAfter } : {}) }).end(answer.body ?? '{"error":{"message":"no"}}');
        return;
      }
      if ('raw' in answer) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(answer.raw);
        return;
      }
      const content = 'content' in answer ? answer.content : JSON.stringify({ errors: answer.errors });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'x', object: 'chat.completion', model: body.model, choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] }));
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    on(needle, answers) {
      table.unshift({ needle, answers: Array.isArray(answers) ? [...answers] : [answers] });
    },
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

/**
 * A loopback port nothing listens on (for "connection refused"). Port 1 (tcpmux) is served by
 * nothing on these machines. A port freed by closing a server is not safe: the tests run in
 * parallel workers, and another worker's server listening on port 0 can be given it at once.
 */
export async function closedPortUrl(): Promise<string> {
  const port = 1;
  const listening = await new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
  if (listening) throw new Error('Something listens on 127.0.0.1:1; the "connection refused" tests need that port free.');
  return `http://127.0.0.1:${port}/v1`;
}
