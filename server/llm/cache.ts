import { createHash } from 'node:crypto';
import type { Db } from '../db/connection';
import { now } from '../db/time';
import type { ParsedReply } from './parse';
import { PROMPT_VERSION } from './prompt';

/** Answers of the second reader by (model, prompt version, source, text): asking twice costs nothing. */
export class LlmCache {
  private readonly getStmt;
  private readonly putStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare('SELECT reply FROM llm_cache WHERE key = ?').pluck();
    this.putStmt = db.prepare(`INSERT INTO llm_cache (key, model, prompt_version, reply, created_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (key) DO UPDATE SET reply = excluded.reply, created_at = excluded.created_at`);
  }

  get(model: string, source: string, text: string): ParsedReply | undefined {
    const raw = this.getStmt.get(cacheKey(model, source, text)) as string | undefined;
    if (raw === undefined) return undefined;
    try {
      return JSON.parse(raw) as ParsedReply;
    } catch {
      return undefined;
    }
  }

  put(model: string, source: string, text: string, reply: ParsedReply): void {
    this.putStmt.run(cacheKey(model, source, text), model, PROMPT_VERSION, JSON.stringify(reply), now());
  }
}

export function cacheKey(model: string, source: string, text: string): string {
  return createHash('sha256').update(JSON.stringify([model, PROMPT_VERSION, source, text])).digest('hex');
}
