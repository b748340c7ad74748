import type { Migration } from '../migrate';

/**
 * A document repeats a few hundred messages, explanations and suggestion lists across its
 * findings, each stored twice (on the MT and on the current text): about 400 bytes a row, most of
 * the import's writing. They now live once in finding_texts and findings point at them.
 * The two indexes on rule_id go: each cost a random B-tree insert per finding stored, for the
 * sake of queries that find a document's findings as quickly through findings_by_segment.
 */
export const internedFindingTexts: Migration = {
  version: 5,
  name: '0005-interned-finding-texts',
  up: `
    CREATE TABLE finding_texts (
      id INTEGER PRIMARY KEY,
      text TEXT NOT NULL UNIQUE
    ) STRICT;

    INSERT OR IGNORE INTO finding_texts (text)
      SELECT message FROM findings
      UNION SELECT explanation FROM findings WHERE explanation IS NOT NULL
      UNION SELECT suggestions FROM findings;

    CREATE TABLE findings_v5 (
      id INTEGER PRIMARY KEY,
      segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
      field TEXT NOT NULL CHECK (field IN ('mt', 'text')),
      rule_id TEXT NOT NULL,
      category TEXT NOT NULL,
      severity TEXT NOT NULL CHECK (severity IN ('minor', 'major', 'critical')),
      start INTEGER NOT NULL,
      end INTEGER NOT NULL,
      text TEXT NOT NULL,
      message_id INTEGER NOT NULL REFERENCES finding_texts(id),
      explanation_id INTEGER REFERENCES finding_texts(id),
      -- A JSON array of strings.
      suggestions_id INTEGER NOT NULL REFERENCES finding_texts(id),
      CHECK (end > start AND start >= 0)
    ) STRICT;

    INSERT INTO findings_v5 (id, segment_id, field, rule_id, category, severity, start, end, text, message_id, explanation_id, suggestions_id)
      SELECT f.id, f.segment_id, f.field, f.rule_id, f.category, f.severity, f.start, f.end, f.text,
        (SELECT t.id FROM finding_texts t WHERE t.text = f.message),
        (SELECT t.id FROM finding_texts t WHERE t.text = f.explanation),
        (SELECT t.id FROM finding_texts t WHERE t.text = f.suggestions)
      FROM findings f;

    DROP TABLE findings;
    ALTER TABLE findings_v5 RENAME TO findings;
    CREATE INDEX findings_by_segment ON findings(segment_id, field);
  `,
};
