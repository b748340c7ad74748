import type { Finding } from '../checks/types';
import type { Db } from './connection';
import { FindingTexts } from './finding-texts';
import { groupBySegment } from './proposals';

export type FindingField = 'mt' | 'text';

export interface StoredFinding extends Finding {
  id: number;
  segmentId: number;
  field: FindingField;
}

// Messages, explanations and suggestion lists are interned in finding_texts (see migration 0005).
const SELECT = `SELECT f.id, f.segment_id AS segmentId, f.field, f.rule_id AS ruleId, f.category, f.severity, f.start,
  f.end, f.text, m.text AS message, e.text AS explanation, g.text AS suggestions
  FROM findings f JOIN finding_texts m ON m.id = f.message_id LEFT JOIN finding_texts e ON e.id = f.explanation_id
  JOIN finding_texts g ON g.id = f.suggestions_id`;

type Raw = Omit<StoredFinding, 'suggestions' | 'explanation'> & { suggestions: string; explanation: string | null };

export class FindingRepo {
  private readonly insertStmt;
  private readonly keysStmt;
  private readonly updateStmt;
  private readonly moveStmt;
  private readonly deleteStmt;
  private readonly getStmt;
  private readonly forSegmentStmt;
  private readonly forSegmentsStmt;
  private readonly deleteRulesStmt;
  private readonly deleteSegmentRuleStmt;

  readonly texts: FindingTexts;
  private readonly copyStmt;

  constructor(db: Db) {
    this.texts = new FindingTexts(db);
    this.insertStmt = db.prepare(`INSERT INTO findings (segment_id, field, rule_id, category, severity, start, end, text,
      message_id, explanation_id, suggestions_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.keysStmt = db.prepare(`SELECT id, rule_id AS ruleId, text, category, severity, start, end, message_id AS messageId,
      explanation_id AS explanationId, suggestions_id AS suggestionsId FROM findings WHERE segment_id = ? AND field = ? ORDER BY id`).raw();
    this.updateStmt = db.prepare(`UPDATE findings SET category = ?, severity = ?, start = ?, end = ?, message_id = ?, explanation_id = ?,
      suggestions_id = ? WHERE id = ?`);
    this.moveStmt = db.prepare('UPDATE findings SET start = ?, end = ? WHERE id = ?');
    this.deleteStmt = db.prepare('DELETE FROM findings WHERE id = ?');
    this.getStmt = db.prepare(`${SELECT} WHERE f.id = ?`);
    this.forSegmentStmt = db.prepare(`${SELECT} WHERE f.segment_id = ? ORDER BY f.field, f.start, f.id`);
    this.forSegmentsStmt = db.prepare(`${SELECT} WHERE f.segment_id IN (SELECT value FROM json_each(?)) ORDER BY f.field, f.start, f.id`);
    this.deleteRulesStmt = db.prepare(`DELETE FROM findings WHERE field = ? AND rule_id IN (SELECT value FROM json_each(?))
      AND segment_id IN (SELECT id FROM segments WHERE document_id = ?)`);
    this.deleteSegmentRuleStmt = db.prepare('DELETE FROM findings WHERE segment_id = ? AND field = ? AND rule_id = ?');
    this.copyStmt = db.prepare(`INSERT INTO findings (segment_id, field, rule_id, category, severity, start, end, text, message_id,
      explanation_id, suggestions_id)
      SELECT f.segment_id, 'text', f.rule_id, f.category, f.severity, f.start, f.end, f.text, f.message_id, f.explanation_id,
        f.suggestions_id
      FROM segments s JOIN findings f ON f.segment_id = s.id AND f.field = 'mt'
      WHERE s.document_id = ?`);
  }

  insertAll(segmentId: number, field: FindingField, findings: Finding[]): void {
    for (const f of findings) this.insertStmt.run(segmentId, field, f.ruleId, f.category, f.severity, f.start, f.end, f.text, ...this.textIds(f));
  }

  private textIds(f: Finding): [message: number, explanation: number | null, suggestions: number] {
    return [this.texts.id(withoutPhrase(f.message, f.text)), f.explanation === undefined ? null : this.texts.id(withoutPhrase(f.explanation, f.text)),
      this.texts.id(JSON.stringify(f.suggestions))];
  }

  /**
   * Makes `findings` the findings of a segment's field. One of the same rule on the same phrase as
   * before is the same finding, perhaps moved: its row is updated and keeps its id, and left alone
   * when nothing of it changed. That is most of them after an edit, and such an update changes no
   * index, so a save writes far fewer pages.
   *
   * `keep` names a rule whose findings are not re-computed (the second reader's): those of its
   * stored findings whose phrase is still in the new text stay, moved to where it now is.
   */
  replace(segmentId: number, field: FindingField, findings: Finding[], keep?: { ruleId: string; text: string }): void {
    const previous = new Map<string, StoredKey[]>();
    for (const row of this.keysStmt.all(segmentId, field) as StoredKey[]) {
      const key = findingKey(row[RULE], row[TEXT]);
      const rows = previous.get(key);
      if (rows) rows.push(row);
      else previous.set(key, [row]);
    }
    for (const f of findings) {
      const row = previous.get(findingKey(f.ruleId, f.text))?.shift();
      if (row === undefined) {
        this.insertAll(segmentId, field, [f]);
        continue;
      }
      const [messageId, explanationId, suggestionsId] = this.textIds(f);
      const [id, , , category, severity, start, end, storedMessage, storedExplanation, storedSuggestions] = row;
      if (category === f.category && severity === f.severity && start === f.start && end === f.end
        && storedMessage === messageId && storedExplanation === explanationId && storedSuggestions === suggestionsId) continue;
      this.updateStmt.run(f.category, f.severity, f.start, f.end, messageId, explanationId, suggestionsId, id);
    }
    for (const rows of previous.values()) {
      for (const [id, ruleId, text, , , start, end] of rows) {
        const moved = keep && ruleId === keep.ruleId ? whereNow(keep.text, { start, end, text }) : -1;
        if (moved < 0) this.deleteStmt.run(id);
        else if (moved !== start) this.moveStmt.run(moved, moved + text.length, id);
      }
    }
  }

  /** Makes the findings on the MT of a new document its findings on the current text, in one statement. */
  copyMtToText(documentId: number): void {
    this.copyStmt.run(documentId);
  }

  /** Removes the findings of some rules from every segment of a document. */
  deleteRules(documentId: number, field: FindingField, ruleIds: string[]): void {
    this.deleteRulesStmt.run(field, JSON.stringify(ruleIds), documentId);
  }

  /** Makes `findings` the findings of one rule on a segment's field (the second reader's, say). */
  replaceRule(segmentId: number, field: FindingField, ruleId: string, findings: Finding[]): void {
    this.deleteSegmentRuleStmt.run(segmentId, field, ruleId);
    this.insertAll(segmentId, field, findings);
  }

  get(id: number): StoredFinding | undefined {
    const row = this.getStmt.get(id) as Raw | undefined;
    return row && parse(row);
  }

  forSegment(segmentId: number): StoredFinding[] {
    return (this.forSegmentStmt.all(segmentId) as Raw[]).map(parse);
  }

  forSegments(segmentIds: number[]): Map<number, StoredFinding[]> {
    const raw = groupBySegment<Raw>(this.forSegmentsStmt, segmentIds);
    return new Map([...raw].map(([id, rows]) => [id, rows.map(parse)]));
  }
}

/**
 * What replace() compares of a stored finding, as the row comes from SQLite (its columns in this
 * order): no object is built for each row, on every save (12 µs a read with objects, 7 without).
 */
type StoredKey = [id: number, ruleId: string, text: string, category: string, severity: string, start: number, end: number,
  messageId: number, explanationId: number | null, suggestionsId: number];
const RULE = 1;
const TEXT = 2;

/** Where a stored finding's phrase is in a new text: where it was if still there, else its first occurrence, or -1. */
function whereNow(text: string, f: { start: number; end: number; text: string }): number {
  return text.slice(f.start, f.end) === f.text ? f.start : text.indexOf(f.text);
}

const findingKey = (ruleId: string, text: string) => `${ruleId}\u0000${text}`;

/**
 * Many messages quote the flagged phrase ("21 does not appear in the source.", a misspelt word):
 * they are interned with the phrase taken out, so that each number or word an edit brings does
 * not add a string to finding_texts for good, and storing its finding finds the string known.
 * The finding's own text puts the phrase back. PHRASE marks where it stood; a message that holds
 * PHRASE itself, or starts with LITERAL, is stored whole behind LITERAL. Both are control
 * characters, which imports and edits remove from texts, so the escape is for safety only.
 */
const PHRASE = '\u0001';
const LITERAL = '\u0002';

function withoutPhrase(message: string, phrase: string): string {
  if (message.includes(PHRASE) || message.startsWith(LITERAL)) return LITERAL + message;
  if (phrase === '' || phrase.includes(PHRASE) || !message.includes(phrase)) return message;
  return message.split(phrase).join(PHRASE);
}

function withPhrase(stored: string, phrase: string): string {
  if (stored.startsWith(LITERAL)) return stored.slice(1);
  return stored.includes(PHRASE) ? stored.split(PHRASE).join(phrase) : stored;
}

function parse(row: Raw): StoredFinding {
  return { ...row, message: withPhrase(row.message, row.text), explanation: row.explanation === null ? undefined : withPhrase(row.explanation, row.text),
    suggestions: JSON.parse(row.suggestions) as string[] };
}
