import type { Migration } from '../migrate';

/**
 * Whole-document tools: glossaries (termbases) shared between documents, the reviewer's error
 * annotations (MQM), per-document settings, the paragraph styles of an imported .docx, the rows an
 * import suspects of misalignment, and the alignment repairs (kept to undo them).
 */
export const wholeDocumentTools: Migration = {
  version: 9,
  name: '0009-whole-document-tools',
  up: `
    CREATE TABLE termbases (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      source_lang TEXT,
      target_lang TEXT,
      created_by TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE term_entries (
      id INTEGER PRIMARY KEY,
      termbase_id INTEGER NOT NULL REFERENCES termbases(id) ON DELETE CASCADE,
      source_term TEXT NOT NULL CHECK (source_term <> ''),
      target_term TEXT NOT NULL,
      note TEXT,
      -- A JSON array of strings: variants the target must not use.
      forbidden TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(forbidden)),
      created_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      -- Set when deleted: kept so that the deletion can be undone.
      deleted_at TEXT,
      UNIQUE (termbase_id, source_term, target_term)
    ) STRICT;

    -- The glossaries a document uses; own = 1 for the one new entries of the document go to.
    CREATE TABLE document_termbases (
      document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      termbase_id INTEGER NOT NULL REFERENCES termbases(id) ON DELETE CASCADE,
      own INTEGER NOT NULL CHECK (own IN (0, 1)),
      PRIMARY KEY (document_id, termbase_id)
    ) STRICT;
    CREATE INDEX document_termbases_by_termbase ON document_termbases(termbase_id);
    CREATE UNIQUE INDEX document_own_termbase ON document_termbases(document_id) WHERE own = 1;

    -- A reviewer's error annotation (LQA). start = end marks an omission at that point.
    CREATE TABLE lqa_annotations (
      id INTEGER PRIMARY KEY,
      segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
      field TEXT NOT NULL CHECK (field IN ('text', 'mt')),
      start INTEGER NOT NULL,
      end INTEGER NOT NULL,
      text TEXT NOT NULL,
      segment_version INTEGER NOT NULL,
      category TEXT NOT NULL,
      subcategory TEXT,
      severity TEXT NOT NULL CHECK (severity IN ('neutral', 'minor', 'major', 'critical')),
      note TEXT,
      state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'removed')),
      version INTEGER NOT NULL DEFAULT 1,
      created_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_by TEXT,
      updated_at TEXT,
      CHECK (start >= 0 AND end >= start)
    ) STRICT;
    CREATE INDEX lqa_by_segment ON lqa_annotations(segment_id, id);

    -- Settings of one document (MQM weights and threshold, repetitions), a JSON value per key.
    CREATE TABLE document_settings (
      document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      key TEXT NOT NULL,
      value TEXT NOT NULL CHECK (json_valid(value)),
      PRIMARY KEY (document_id, key)
    ) STRICT;

    -- The paragraph style of an imported .docx (Heading1, ListParagraph...), to write it back.
    CREATE TABLE paragraph_styles (
      document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      paragraph INTEGER NOT NULL,
      style TEXT NOT NULL,
      PRIMARY KEY (document_id, paragraph)
    ) STRICT;

    -- Rows the import suspects of being misaligned (source and MT counts differed).
    CREATE TABLE misaligned_segments (
      segment_id INTEGER PRIMARY KEY REFERENCES segments(id) ON DELETE CASCADE,
      reason TEXT NOT NULL
    ) STRICT;

    -- An alignment repair (merge, split, move) with what it replaced, so that it can be undone.
    CREATE TABLE alignment_ops (
      id INTEGER PRIMARY KEY,
      document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('merge', 'split', 'move')),
      -- JSON: the rows before and after, by id, text and version.
      details TEXT NOT NULL CHECK (json_valid(details)),
      created_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      undone_by TEXT,
      undone_at TEXT
    ) STRICT;
    CREATE INDEX alignment_ops_by_document ON alignment_ops(document_id, id);

    -- What a comment carries besides its text: an optional issue type, whether it is resolved,
    -- and the users it mentions with @name.
    CREATE TABLE comment_meta (
      comment_id INTEGER PRIMARY KEY REFERENCES comments(id) ON DELETE CASCADE,
      issue_type TEXT,
      resolved_by TEXT,
      resolved_at TEXT
    ) STRICT;
    CREATE TABLE comment_mentions (
      comment_id INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
      user_name TEXT NOT NULL COLLATE NOCASE,
      PRIMARY KEY (comment_id, user_name)
    ) STRICT;
    CREATE INDEX comment_mentions_by_user ON comment_mentions(user_name);

    -- A find-and-replace or a propagation to repetitions: the proposals it made, to undo them as one step.
    CREATE TABLE edit_batches (
      id INTEGER PRIMARY KEY,
      document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('replace', 'repetitions')),
      -- JSON array of proposal ids.
      proposals TEXT NOT NULL CHECK (json_valid(proposals)),
      details TEXT NOT NULL CHECK (json_valid(details)),
      created_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      undone_by TEXT,
      undone_at TEXT
    ) STRICT;
  `,
};
