import type { Migration } from '../migrate';

export const initial: Migration = {
  version: 1,
  name: '0001-initial',
  up: `
    CREATE TABLE documents (
      id INTEGER PRIMARY KEY,
      title TEXT NOT NULL,
      source_lang TEXT NOT NULL,
      target_lang TEXT NOT NULL,
      has_source INTEGER NOT NULL CHECK (has_source IN (0, 1)),
      format TEXT NOT NULL DEFAULT 'txt',
      created_by TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE segments (
      id INTEGER PRIMARY KEY,
      document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      idx INTEGER NOT NULL,
      paragraph INTEGER NOT NULL,
      source TEXT NOT NULL,
      mt TEXT NOT NULL,
      text TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'edited', 'reviewed', 'approved')),
      version INTEGER NOT NULL DEFAULT 1,
      updated_by TEXT,
      updated_at TEXT NOT NULL,
      UNIQUE (document_id, idx)
    ) STRICT;

    CREATE TABLE proposals (
      id INTEGER PRIMARY KEY,
      segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
      text TEXT NOT NULL,
      author TEXT NOT NULL,
      base_version INTEGER NOT NULL,
      origin TEXT NOT NULL DEFAULT 'manual' CHECK (origin IN ('manual', 'rule')),
      rule_id TEXT,
      state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'rejected')),
      created_at TEXT NOT NULL,
      decided_by TEXT,
      decided_at TEXT,
      reason TEXT
    ) STRICT;
    CREATE INDEX proposals_by_segment ON proposals(segment_id);
    CREATE INDEX proposals_pending ON proposals(segment_id) WHERE state = 'pending';

    -- Findings of the checks. field 'mt' holds the findings on the machine translation (computed
    -- once at import, kept to report what was fixed); field 'text' those on the current text.
    CREATE TABLE findings (
      id INTEGER PRIMARY KEY,
      segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
      field TEXT NOT NULL CHECK (field IN ('mt', 'text')),
      rule_id TEXT NOT NULL,
      category TEXT NOT NULL,
      severity TEXT NOT NULL CHECK (severity IN ('minor', 'major', 'critical')),
      start INTEGER NOT NULL,
      end INTEGER NOT NULL,
      text TEXT NOT NULL,
      message TEXT NOT NULL,
      explanation TEXT,
      suggestions TEXT NOT NULL,
      CHECK (end > start AND start >= 0)
    ) STRICT;
    CREATE INDEX findings_by_segment ON findings(segment_id, field);
    CREATE INDEX findings_by_rule ON findings(rule_id);

    -- Append-only log of who did what when. No foreign keys: the log outlives what it describes.
    CREATE TABLE events (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      document_id INTEGER,
      segment_id INTEGER,
      proposal_id INTEGER,
      details TEXT
    ) STRICT;
    CREATE INDEX events_by_document ON events(document_id, id);
    CREATE INDEX events_by_segment ON events(segment_id, id);
    CREATE TRIGGER events_no_update BEFORE UPDATE ON events
      BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
    CREATE TRIGGER events_no_delete BEFORE DELETE ON events
      BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
  `,
};
