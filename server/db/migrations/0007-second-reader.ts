import type { Migration } from '../migrate';

/**
 * The second reader (an OpenAI-compatible LLM endpoint, see server/llm/): its answers cached by
 * what was asked, its document-wide jobs, and a document's choice to keep its text away from it.
 */
export const secondReader: Migration = {
  version: 7,
  name: '0007-second-reader',
  up: `
    -- One answer per (model, prompt version, source, text), keyed by a hash of the four.
    CREATE TABLE llm_cache (
      key TEXT PRIMARY KEY,
      model TEXT NOT NULL,
      prompt_version INTEGER NOT NULL,
      -- The errors the model reported, as parsed (a JSON array), before they are placed in the text.
      reply TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;

    -- A pass of the second reader over some segments of a document, resumable where it stopped.
    CREATE TABLE llm_jobs (
      id INTEGER PRIMARY KEY,
      document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      state TEXT NOT NULL CHECK (state IN ('running', 'cancelled', 'interrupted', 'failed', 'done')),
      -- The segments to read, fixed when the job starts (a JSON array of ids, in document order).
      segment_ids TEXT NOT NULL,
      total INTEGER NOT NULL,
      position INTEGER NOT NULL DEFAULT 0,
      failed INTEGER NOT NULL DEFAULT 0,
      errors_found INTEGER NOT NULL DEFAULT 0,
      dropped INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      model TEXT NOT NULL,
      created_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK (position >= 0 AND position <= total)
    ) STRICT;
    CREATE INDEX llm_jobs_by_document ON llm_jobs(document_id, id);

    -- 1: the document's text is never sent to the second reader.
    ALTER TABLE documents ADD COLUMN llm_opt_out INTEGER NOT NULL DEFAULT 0 CHECK (llm_opt_out IN (0, 1));
  `,
};
