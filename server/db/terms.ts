import type { Db } from './connection';
import { now } from './time';

export interface TermEntry {
  id: number;
  termbaseId: number;
  sourceTerm: string;
  targetTerm: string;
  note: string | null;
  forbidden: string[];
  createdBy: string;
  createdAt: string;
  /** Set on an entry deleted (and restorable). */
  deletedAt?: string | null;
}

export interface NewTermEntry {
  sourceTerm: string;
  targetTerm: string;
  note?: string | null;
  forbidden?: string[];
}

export interface TermbaseRow {
  id: number;
  name: string;
  sourceLang: string | null;
  targetLang: string | null;
  createdBy: string;
  createdAt: string;
  entries: number;
  /** Documents that use it. */
  documents: number;
}

export interface DocumentTermbase extends TermbaseRow {
  /** Whether new entries of the document go to this one. */
  own: boolean;
}

const ENTRY = `e.id, e.termbase_id AS termbaseId, e.source_term AS sourceTerm, e.target_term AS targetTerm, e.note, e.forbidden,
  e.created_by AS createdBy, e.created_at AS createdAt`;
const TERMBASE = `t.id, t.name, t.source_lang AS sourceLang, t.target_lang AS targetLang, t.created_by AS createdBy, t.created_at AS createdAt,
  (SELECT count(*) FROM term_entries e WHERE e.termbase_id = t.id AND e.deleted_at IS NULL) AS entries,
  (SELECT count(*) FROM document_termbases d WHERE d.termbase_id = t.id) AS documents`;

type RawEntry = Omit<TermEntry, 'forbidden'> & { forbidden: string };
const parse = (row: RawEntry): TermEntry => ({ ...row, forbidden: JSON.parse(row.forbidden) as string[] });

/** Glossaries, their entries, and which documents use which. */
/** A glossary entry's row as stored, kept by an import to undo it. */
export interface StoredEntry {
  id: number;
  note: string | null;
  forbidden: string;
  deletedAt: string | null;
}

export class TermRepo {
  private readonly createStmt;
  private readonly attachStmt;
  private readonly detachStmt;
  private readonly ownStmt;
  private readonly getStmt;
  private readonly listStmt;
  private readonly forDocumentStmt;
  private readonly insertStmt;
  private readonly getEntryStmt;
  private readonly deleteEntryStmt;
  private readonly restoreEntryStmt;
  private readonly entriesStmt;
  private readonly documentEntriesStmt;
  private readonly documentsUsingStmt;
  private readonly findEntryStmt;
  private readonly putBackStmt;

  constructor(db: Db) {
    this.createStmt = db.prepare('INSERT INTO termbases (name, source_lang, target_lang, created_by, created_at) VALUES (?, ?, ?, ?, ?)');
    this.attachStmt = db.prepare('INSERT INTO document_termbases (document_id, termbase_id, own) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
    this.detachStmt = db.prepare('DELETE FROM document_termbases WHERE document_id = ? AND termbase_id = ? AND own = 0');
    this.ownStmt = db.prepare('SELECT termbase_id AS id FROM document_termbases WHERE document_id = ? AND own = 1').pluck();
    this.getStmt = db.prepare(`SELECT ${TERMBASE} FROM termbases t WHERE t.id = ?`);
    this.listStmt = db.prepare(`SELECT ${TERMBASE} FROM termbases t ORDER BY t.id`);
    this.forDocumentStmt = db.prepare(`SELECT ${TERMBASE}, dt.own FROM termbases t JOIN document_termbases dt ON dt.termbase_id = t.id
      WHERE dt.document_id = ? ORDER BY dt.own DESC, t.id`);
    this.insertStmt = db.prepare(`INSERT INTO term_entries (termbase_id, source_term, target_term, note, forbidden, created_by, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (termbase_id, source_term, target_term) DO UPDATE SET note = excluded.note, forbidden = excluded.forbidden, deleted_at = NULL
      RETURNING id`).pluck();
    this.getEntryStmt = db.prepare(`SELECT ${ENTRY}, e.deleted_at AS deletedAt FROM term_entries e WHERE e.id = ?`);
    this.deleteEntryStmt = db.prepare("UPDATE term_entries SET deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ') WHERE id = ? AND deleted_at IS NULL");
    this.restoreEntryStmt = db.prepare('UPDATE term_entries SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL');
    this.entriesStmt = db.prepare(`SELECT ${ENTRY} FROM term_entries e WHERE e.termbase_id = ? AND e.deleted_at IS NULL ORDER BY e.source_term, e.id`);
    // The entries of every glossary the document uses; the document's own first, so they win a tie.
    this.documentEntriesStmt = db.prepare(`SELECT ${ENTRY} FROM term_entries e JOIN document_termbases dt ON dt.termbase_id = e.termbase_id
      WHERE dt.document_id = ? AND e.deleted_at IS NULL ORDER BY dt.own DESC, e.source_term, e.id`);
    this.findEntryStmt = db.prepare('SELECT id, note, forbidden, deleted_at AS deletedAt FROM term_entries WHERE termbase_id = ? AND source_term = ? AND target_term = ?');
    this.putBackStmt = db.prepare('UPDATE term_entries SET note = ?, forbidden = ?, deleted_at = ? WHERE id = ?');
    this.documentsUsingStmt = db.prepare('SELECT document_id FROM document_termbases WHERE termbase_id = ? ORDER BY document_id').pluck();
  }

  create(name: string, langs: { sourceLang?: string | null; targetLang?: string | null }, actor: string): number {
    return Number(this.createStmt.run(name, langs.sourceLang ?? null, langs.targetLang ?? null, actor, now()).lastInsertRowid);
  }

  /** The document's own glossary id, if it has one yet. */
  ownOf(documentId: number): number | undefined {
    return this.ownStmt.get(documentId) as number | undefined;
  }

  attach(documentId: number, termbaseId: number, own: boolean): boolean {
    return this.attachStmt.run(documentId, termbaseId, own ? 1 : 0).changes === 1;
  }

  /** Stops a document using a shared glossary (never its own). */
  detach(documentId: number, termbaseId: number): boolean {
    return this.detachStmt.run(documentId, termbaseId).changes === 1;
  }

  get(id: number): TermbaseRow | undefined {
    return this.getStmt.get(id) as TermbaseRow | undefined;
  }

  list(): TermbaseRow[] {
    return this.listStmt.all() as TermbaseRow[];
  }

  forDocument(documentId: number): DocumentTermbase[] {
    return (this.forDocumentStmt.all(documentId) as Array<TermbaseRow & { own: number }>).map((t) => ({ ...t, own: t.own === 1 }));
  }

  /** Adds an entry, or updates the note and forbidden variants of the same source and target. */
  insert(termbaseId: number, entry: NewTermEntry, actor: string): TermEntry {
    const id = this.insertStmt.get(termbaseId, entry.sourceTerm, entry.targetTerm, entry.note ?? null, JSON.stringify(entry.forbidden ?? []), actor, now()) as number;
    return this.entry(id)!;
  }

  /** An entry as stored (deleted or not), to put back as it was: see putBack. */
  stored(termbaseId: number, sourceTerm: string, targetTerm: string): StoredEntry | undefined {
    return this.findEntryStmt.get(termbaseId, sourceTerm, targetTerm) as StoredEntry | undefined;
  }

  /** Puts an entry back as `stored` gave it: note, forbidden variants, deleted or not. */
  putBack(entry: StoredEntry): void {
    this.putBackStmt.run(entry.note, entry.forbidden, entry.deletedAt, entry.id);
  }

  entry(id: number): TermEntry | undefined {
    const row = this.getEntryStmt.get(id) as (RawEntry & { deletedAt: string | null }) | undefined;
    return row && parse(row);
  }

  /** Deletes an entry, keeping it to restore. */
  deleteEntry(id: number): boolean {
    return this.deleteEntryStmt.run(id).changes === 1;
  }

  restoreEntry(id: number): boolean {
    return this.restoreEntryStmt.run(id).changes === 1;
  }

  entries(termbaseId: number): TermEntry[] {
    return (this.entriesStmt.all(termbaseId) as RawEntry[]).map(parse);
  }

  /** Every entry the document's checks use. */
  forDocumentEntries(documentId: number): TermEntry[] {
    return (this.documentEntriesStmt.all(documentId) as RawEntry[]).map(parse);
  }

  documentsUsing(termbaseId: number): number[] {
    return this.documentsUsingStmt.all(termbaseId) as number[];
  }
}
