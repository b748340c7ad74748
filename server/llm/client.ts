import type { LlmConfig } from './config';
import { Limiter } from './limit';
import { buildMessages, REPLY_SCHEMA, type ReviewRequest } from './prompt';
import { MalformedReply, parseReply, type ParsedReply } from './parse';

export type LlmFailureKind = 'timeout' | 'rate-limited' | 'server-error' | 'refused' | 'malformed' | 'rejected';

/** Why the endpoint gave no usable answer, in words for the editor. */
export class LlmFailure extends Error {
  constructor(
    readonly kind: LlmFailureKind,
    message: string,
    /** From a Retry-After header, when the endpoint sent one. */
    readonly retryAfterMs?: number,
    /** The endpoint's HTTP status, when it answered. */
    readonly status?: number,
  ) {
    super(message);
  }

  /** Whether trying again later may succeed. */
  get transient(): boolean {
    return this.kind !== 'rejected';
  }
}

/** Speaks the OpenAI chat-completions protocol to the configured endpoint. One per process. */
export class LlmClient {
  private readonly limiter: Limiter;
  /** Servers that refused response_format once are asked without it from then on. */
  private schemaRefused = false;

  constructor(readonly config: LlmConfig) {
    this.limiter = new Limiter(config.concurrency);
  }

  get model(): string {
    return this.config.model;
  }

  /** The errors the model reports on one segment; throws an LlmFailure. */
  review(request: ReviewRequest): Promise<ParsedReply> {
    return this.limiter.run(async () => {
      let content: string;
      try {
        content = await this.complete(request, !this.schemaRefused);
      } catch (err) {
        if (!(err instanceof LlmFailure && (err.status === 400 || err.status === 422) && !this.schemaRefused)) throw err;
        // llama.cpp and others without JSON-schema support answer 400: ask again in plain words.
        this.schemaRefused = true;
        content = await this.complete(request, false);
      }
      try {
        return parseReply(content);
      } catch (err) {
        if (err instanceof MalformedReply) throw new LlmFailure('malformed', `The second reader's answer could not be read (${err.message})`);
        throw err;
      }
    });
  }

  private async complete(request: ReviewRequest, withSchema: boolean): Promise<string> {
    const body: Record<string, unknown> = { model: this.config.model, messages: buildMessages(request), temperature: 0 };
    if (withSchema) body.response_format = { type: 'json_schema', json_schema: { name: 'review', strict: true, schema: REPLY_SCHEMA } };
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (this.config.apiKey) headers.authorization = `Bearer ${this.config.apiKey}`;
    const seconds = Math.round(this.config.timeoutMs / 100) / 10;
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.config.baseUrl}/chat/completions`, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(this.config.timeoutMs) });
      text = await response.text();
      if (text.length > MAX_REPLY_CHARS) throw new LlmFailure('malformed', 'The second reader answered with far more text than a review of one segment.');
    } catch (err) {
      if (err instanceof LlmFailure) throw err;
      const e = err as { name?: string; cause?: { code?: string } };
      if (e.name === 'TimeoutError' || e.name === 'AbortError') throw new LlmFailure('timeout', `The second reader did not answer within ${seconds} s.`);
      const code = e.cause?.code ?? '';
      throw new LlmFailure('refused', `The second reader could not be reached at ${this.config.baseUrl}${code ? ` (${code})` : ''}.`);
    }
    if (response.status === 429) throw new LlmFailure('rate-limited', 'The second reader is busy (too many requests); try again shortly.', retryAfter(response.headers.get('retry-after')));
    if (response.status >= 500) throw new LlmFailure('server-error', `The second reader failed with an error (HTTP ${response.status}).`, retryAfter(response.headers.get('retry-after')));
    if (!response.ok) throw new LlmFailure('rejected', `The second reader refused the request (HTTP ${response.status}).`, undefined, response.status);
    let content: unknown;
    try {
      content = (JSON.parse(text) as { choices?: { message?: { content?: unknown } }[] }).choices?.[0]?.message?.content;
    } catch {
      throw new LlmFailure('malformed', 'The second reader answered with something that is not a chat completion.');
    }
    if (typeof content !== 'string') throw new LlmFailure('malformed', 'The second reader answered without any text.');
    return content;
  }
}

const MAX_REPLY_CHARS = 2_000_000;

function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, 60_000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.min(Math.max(at - Date.now(), 0), 60_000);
}
