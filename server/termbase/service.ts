import type { Store } from '../db/store';
import type { DocumentRow } from '../db/documents';
import type { DocumentTermbase, NewTermEntry, StoredEntry, TermEntry, TermbaseRow } from '../db/terms';
import type { ReviewService } from '../review/review';
import { badRequest, conflict, notFound } from '../errors';
import { parseId } from '../review/review';
import { checkEntry, MAX_TERM_ENTRIES, parseTbx, parseTermTable, tbxChunks, termFormatOf, termTableChunks, type TermFormat } from './formats';
import { exportFileName } from '../formats/exports';

/**
 * A document's glossary: its own termbase (made when the first entry is added) and the termbases
 * of other documents it shares. Every change re-runs the document checks of every document that
 * uses the termbase, and is logged.
 */
export class TermbaseService {
  constructor(
    private readonly store: Store,
    private readonly review: ReviewService,
  ) {}

  private document(id: number): DocumentRow {
    const doc = this.store.documents.get(id);
    if (!doc) throw notFound(`Document ${id}`);
    return doc;
  }

  termbases(): TermbaseRow[] {
    return this.store.terms.list();
  }

  ofDocument(documentId: number): { termbases: DocumentTermbase[]; entries: TermEntry[] } {
    this.document(documentId);
    return { termbases: this.store.terms.forDocument(documentId), entries: this.store.terms.forDocumentEntries(documentId) };
  }

  private ownTermbase(doc: DocumentRow, actor: string): number {
    const own = this.store.terms.ownOf(doc.id);
    if (own !== undefined) return own;
    const id = this.store.terms.create(`Glossary of ${doc.title}`.slice(0, 300), doc, actor);
    this.store.terms.attach(doc.id, id, true);
    return id;
  }

  add(documentId: number, input: unknown, actor: string): TermEntry {
    const entry = checkEntry(entryFrom(input), 'The entry');
    return this.store.transaction(() => {
      const doc = this.document(documentId);
      const termbaseId = this.ownTermbase(doc, actor);
      const saved = this.store.terms.insert(termbaseId, entry, actor);
      this.store.events.record({ actor, action: 'term.added', documentId, details: { termbaseId, entryId: saved.id, sourceTerm: saved.sourceTerm, targetTerm: saved.targetTerm } });
      this.recheckUsers(termbaseId);
      return saved;
    });
  }

  /** Deletes an entry (restore = false) or brings a deleted one back. */
  remove(entryId: number, actor: string, restore = false): TermEntry {
    return this.store.transaction(() => {
      const entry = this.store.terms.entry(entryId);
      if (!entry) throw notFound(`Glossary entry ${entryId}`);
      const changed = restore ? this.store.terms.restoreEntry(entryId) : this.store.terms.deleteEntry(entryId);
      if (!changed) throw conflict(restore ? 'not-deleted' : 'already-deleted', restore ? 'This glossary entry is not deleted.' : 'This glossary entry was already deleted.');
      for (const documentId of this.store.terms.documentsUsing(entry.termbaseId)) {
        this.store.events.record({ actor, action: restore ? 'term.restored' : 'term.deleted', documentId, details: { termbaseId: entry.termbaseId, entryId, sourceTerm: entry.sourceTerm, targetTerm: entry.targetTerm } });
      }
      this.recheckUsers(entry.termbaseId);
      return this.store.terms.entry(entryId)!;
    });
  }

  /** Adds the entries of a CSV, TSV or TBX file to the document's own glossary; returns how many. */
  import(documentId: number, text: string, fileName: string, format: unknown, actor: string): { imported: number; entries: number; importId: number } {
    const doc = this.document(documentId);
    const fmt = termFormatOf(text, fileName, format);
    const what = fileName || 'The glossary';
    const parsed = fmt === 'tbx' ? parseTbx(text, what, doc) : parseTermTable(text, fmt, what);
    return this.store.transaction(() => {
      const termbaseId = this.ownTermbase(doc, actor);
      if (this.store.terms.get(termbaseId)!.entries + parsed.length > MAX_TERM_ENTRIES) {
        throw badRequest('too-many-terms', `A glossary may hold at most ${MAX_TERM_ENTRIES.toLocaleString('en')} entries.`);
      }
      // What each entry was before (null: it is new), so that the import can be undone.
      const changes: { id: number; before: StoredEntry | null }[] = [];
      for (const entry of parsed) {
        const before = this.store.terms.stored(termbaseId, entry.sourceTerm, entry.targetTerm) ?? null;
        changes.push({ id: this.store.terms.insert(termbaseId, entry, actor).id, before });
      }
      const importId = this.store.events.record({ actor, action: 'term.imported', documentId, details: { termbaseId, format: fmt, count: parsed.length, changes } });
      this.recheckUsers(termbaseId);
      return { imported: parsed.length, entries: this.store.terms.get(termbaseId)!.entries, importId };
    });
  }

  /**
   * Undoes a glossary import as one step: the entries it added are deleted (kept, as any deleted
   * entry), and those it changed get their note and forbidden variants back.
   */
  undoImport(importId: number, actor: string): { documentId: number; entries: number } {
    return this.store.transaction(() => {
      const event = this.store.events.get(importId);
      if (!event || event.action !== 'term.imported' || event.documentId === null) throw notFound('This glossary import');
      if (this.store.events.termImportUndone(event.documentId, importId)) throw conflict('already-undone', 'This glossary import was already undone.');
      const details = event.details as { termbaseId: number; count: number; changes?: { id: number; before: StoredEntry | null }[] };
      if (!details.changes) throw conflict('cannot-undo', 'This glossary import was made before imports could be undone.');
      // In reverse, so that an entry the file named twice ends as it was before the first.
      for (const change of [...details.changes].reverse()) {
        if (change.before) this.store.terms.putBack(change.before);
        else this.store.terms.deleteEntry(change.id);
      }
      this.store.events.record({ actor, action: 'term.import-undone', documentId: event.documentId, details: { importId, termbaseId: details.termbaseId, count: details.count } });
      this.recheckUsers(details.termbaseId);
      return { documentId: event.documentId, entries: this.store.terms.get(details.termbaseId)!.entries };
    });
  }

  export(documentId: number, format: unknown): { contentType: string; fileName: string; chunks: Iterator<string> } {
    const doc = this.document(documentId);
    const fmt = typeof format === 'string' && format !== '' ? format : 'csv';
    if (fmt !== 'csv' && fmt !== 'tsv' && fmt !== 'tbx') throw badRequest('unknown-format', `Unknown glossary format "${fmt.slice(0, 40)}". Formats: csv, tsv, tbx.`);
    const entries: NewTermEntry[] = this.store.terms.forDocumentEntries(documentId);
    const fileName = exportFileName(doc.title, doc.id, '').replace(/\.$/, '') + `-glossary.${fmt}`;
    if (fmt === 'tbx') return { contentType: 'application/x-tbx+xml; charset=utf-8', fileName, chunks: tbxChunks(entries, doc, doc.title) };
    return { contentType: fmt === 'csv' ? 'text/csv; charset=utf-8' : 'text/tab-separated-values; charset=utf-8', fileName, chunks: termTableChunks(entries, fmt as Exclude<TermFormat, 'tbx'>) };
  }

  /** Lets a document use another termbase (of another document) too. */
  share(documentId: number, termbaseIdRaw: unknown, actor: string): DocumentTermbase[] {
    const termbaseId = parseId(termbaseIdRaw, 'termbaseId');
    return this.store.transaction(() => {
      this.document(documentId);
      if (!this.store.terms.get(termbaseId)) throw notFound(`Glossary ${termbaseId}`);
      if (this.store.terms.attach(documentId, termbaseId, false)) {
        this.store.events.record({ actor, action: 'termbase.shared', documentId, details: { termbaseId } });
        this.review.recheckDocument(documentId);
      }
      return this.store.terms.forDocument(documentId);
    });
  }

  unshare(documentId: number, termbaseId: number, actor: string): DocumentTermbase[] {
    return this.store.transaction(() => {
      this.document(documentId);
      if (this.store.terms.ownOf(documentId) === termbaseId) throw badRequest('own-termbase', "A document's own glossary cannot be removed from it; delete its entries instead.");
      if (!this.store.terms.detach(documentId, termbaseId)) throw notFound(`Glossary ${termbaseId} of document ${documentId}`);
      this.store.events.record({ actor, action: 'termbase.unshared', documentId, details: { termbaseId } });
      this.review.recheckDocument(documentId);
      return this.store.terms.forDocument(documentId);
    });
  }

  private recheckUsers(termbaseId: number): void {
    for (const documentId of this.store.terms.documentsUsing(termbaseId)) this.review.recheckDocument(documentId);
  }
}

function entryFrom(input: unknown): NewTermEntry {
  if (typeof input !== 'object' || input === null) throw badRequest('invalid-body', 'Send a JSON object with sourceTerm and targetTerm.');
  const body = input as Record<string, unknown>;
  const str = (key: string) => {
    const v = body[key];
    if (v === undefined || v === null) return '';
    if (typeof v !== 'string') throw badRequest('invalid-field', `"${key}" must be a string.`);
    return v;
  };
  const raw = body.forbidden;
  let forbidden: string[] = [];
  if (typeof raw === 'string') forbidden = raw.split(/[;|]/);
  else if (Array.isArray(raw) && raw.every((v) => typeof v === 'string')) forbidden = raw as string[];
  else if (raw !== undefined && raw !== null) throw badRequest('invalid-field', '"forbidden" must be a list of strings.');
  return { sourceTerm: str('sourceTerm'), targetTerm: str('targetTerm'), note: str('note') || null, forbidden };
}
