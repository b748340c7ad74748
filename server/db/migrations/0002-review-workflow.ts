import type { Migration } from '../migrate';

export const reviewWorkflow: Migration = {
  version: 2,
  name: '0002-review-workflow',
  up: `
    -- A finding dismissed as a false positive, remembered per segment, rule and flagged phrase:
    -- it stays dismissed across edits for as long as the phrase is still there.
    CREATE TABLE dismissals (
      id INTEGER PRIMARY KEY,
      segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
      rule_id TEXT NOT NULL,
      text TEXT NOT NULL,
      created_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      UNIQUE (segment_id, rule_id, text)
    ) STRICT;

    -- Rules switched off for one document.
    CREATE TABLE document_rules (
      document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      rule_id TEXT NOT NULL,
      created_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (document_id, rule_id)
    ) STRICT;

    CREATE TABLE comments (
      id INTEGER PRIMARY KEY,
      segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
      parent_id INTEGER REFERENCES comments(id) ON DELETE CASCADE,
      author TEXT NOT NULL,
      body TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX comments_by_segment ON comments(segment_id, id);

    -- What an accepted proposal replaced, so that the decision can be undone.
    ALTER TABLE proposals ADD COLUMN replaced_text TEXT;

    -- Word count of the current text and word edits from the MT (HTER = edits / words), kept
    -- up to date on every accepted change so document figures are a SUM, not a diff per load.
    ALTER TABLE segments ADD COLUMN word_count INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE segments ADD COLUMN edit_count INTEGER NOT NULL DEFAULT 0;

    CREATE INDEX segments_by_status ON segments(document_id, status, idx);
    CREATE INDEX findings_by_rule_segment ON findings(rule_id, segment_id);
  `,
};
