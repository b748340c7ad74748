import Database from 'better-sqlite3';
import type { Finding } from '../../server/checks/types';
import { migrate } from '../../server/db/migrate';
import { migrations } from '../../server/db/migrations';
import { openDatabase } from '../../server/db/connection';
import { Store } from '../../server/db/store';

const finding = (message: string, explanation?: string): Finding => ({
  ruleId: 'mutual-cooperation', category: 'style/awkward', severity: 'minor', start: 0, end: 5,
  text: 'mutual', message, explanation, suggestions: ['cooperation', ''],
});

function storeWithSegment(): { store: Store; segmentId: number } {
  const store = new Store(openDatabase(':memory:'));
  const documentId = store.documents.insert({ title: 'T', sourceLang: 'zh', targetLang: 'en', hasSource: false, format: 'txt', createdBy: 'mei' });
  const segmentId = store.segments.insert(documentId, { index: 0, paragraph: 0, source: '', mt: 'mutual cooperation' }, 2);
  return { store, segmentId };
}

describe('findings with interned texts', () => {
  test('read back exactly as stored, each distinct text kept once', () => {
    const { store, segmentId } = storeWithSegment();
    const long = 'Cooperation is mutual already. '.repeat(20);
    store.transaction(() => {
      store.findings.insertAll(segmentId, 'mt', [finding('Redundant word', long), finding('Redundant word')]);
      store.findings.insertAll(segmentId, 'text', [finding('Redundant word', long)]);
    });
    const read = store.findings.forSegment(segmentId);
    expect(read.map((f) => [f.field, f.message, f.explanation, f.suggestions])).toEqual([
      ['mt', 'Redundant word', long, ['cooperation', '']],
      ['mt', 'Redundant word', undefined, ['cooperation', '']],
      ['text', 'Redundant word', long, ['cooperation', '']],
    ]);
    expect(store.db.prepare('SELECT count(*) FROM finding_texts').pluck().get()).toBe(3);
  });

  test('a message that quotes its phrase is kept once for every phrase, and reads back whole', () => {
    const { store, segmentId } = storeWithSegment();
    const numberFinding = (text: string, start: number): Finding => ({
      ruleId: 'number-mismatch', category: 'accuracy/mistranslation', severity: 'major', start, end: start + text.length, text,
      message: `${text} does not appear in the source. Check ${text} against it.`, explanation: `Numbers such as ${text} are copied, not translated.`, suggestions: [],
    });
    store.transaction(() => store.findings.insertAll(segmentId, 'text', [numberFinding('21', 0), numberFinding('350', 4), numberFinding('3', 9)]));
    expect(store.findings.forSegment(segmentId).map((f) => [f.text, f.message, f.explanation])).toEqual([
      ['21', '21 does not appear in the source. Check 21 against it.', 'Numbers such as 21 are copied, not translated.'],
      ['350', '350 does not appear in the source. Check 350 against it.', 'Numbers such as 350 are copied, not translated.'],
      ['3', '3 does not appear in the source. Check 3 against it.', 'Numbers such as 3 are copied, not translated.'],
    ]);
    // One message, one explanation and one (empty) list of suggestions, however many numbers.
    expect(store.db.prepare('SELECT count(*) FROM finding_texts').pluck().get()).toBe(3);
  });

  test('a message or phrase that holds the marks used for interning reads back whole', () => {
    const { store, segmentId } = storeWithSegment();
    const odd = [
      { ...finding('"mu\u0001tual" is not in the dictionary.'), text: 'mu\u0001tual' },
      { ...finding('\u0002mutual\u0001'), text: 'mutual' },
      { ...finding('\u0002 mutual'), text: 'mutual' },
    ];
    store.transaction(() => store.findings.insertAll(segmentId, 'text', odd));
    expect(store.findings.forSegment(segmentId).map((f) => f.message)).toEqual(odd.map((f) => f.message));
  });

  test('a rolled-back transaction does not leave the process pointing at texts that were never stored', () => {
    const { store, segmentId } = storeWithSegment();
    expect(() => store.transaction(() => {
      store.findings.insertAll(segmentId, 'text', [finding('Only in a rolled-back transaction', 'Gone too')]);
      throw new Error('conflict');
    })).toThrow('conflict');
    expect(store.db.prepare('SELECT count(*) FROM finding_texts').pluck().get()).toBe(0);
    store.transaction(() => store.findings.insertAll(segmentId, 'text', [finding('Only in a rolled-back transaction', 'Gone too')]));
    expect(store.findings.forSegment(segmentId).map((f) => f.explanation)).toEqual(['Gone too']);
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
  });

  test('migration 5 moves the texts of existing findings out of the findings table', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 4));
    db.prepare(`INSERT INTO documents (id, title, source_lang, target_lang, has_source, format, created_by, created_at)
      VALUES (1, 'Old', 'zh', 'en', 1, 'txt', 'mei', '2026-01-01T00:00:00Z')`).run();
    db.prepare(`INSERT INTO segments (id, document_id, idx, paragraph, source, mt, text, updated_at)
      VALUES (7, 1, 0, 0, '相互合作', 'mutual cooperation', 'mutual cooperation', '2026-01-01T00:00:00Z')`).run();
    const insert = db.prepare(`INSERT INTO findings (segment_id, field, rule_id, category, severity, start, end, text, message, explanation, suggestions)
      VALUES (7, ?, 'mutual-cooperation', 'style/awkward', 'minor', 0, 6, 'mutual', 'Redundant word', ?, '["cooperation"]')`);
    insert.run('mt', 'Cooperation is mutual.');
    insert.run('text', null);
    migrate(db);
    const store = new Store(db);
    expect(store.findings.forSegment(7).map((f) => [f.field, f.message, f.explanation, f.suggestions])).toEqual([
      ['mt', 'Redundant word', 'Cooperation is mutual.', ['cooperation']],
      ['text', 'Redundant word', undefined, ['cooperation']],
    ]);
    expect(db.prepare('SELECT count(*) FROM finding_texts').pluck().get()).toBe(3);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});
