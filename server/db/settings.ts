import type { Db } from './connection';

/** Settings of one document: a JSON value per key. */
export class SettingsRepo {
  private readonly getStmt;
  private readonly setStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare('SELECT value FROM document_settings WHERE document_id = ? AND key = ?').pluck();
    this.setStmt = db.prepare(`INSERT INTO document_settings (document_id, key, value) VALUES (?, ?, ?)
      ON CONFLICT (document_id, key) DO UPDATE SET value = excluded.value`);
  }

  get<T>(documentId: number, key: string): T | undefined {
    const value = this.getStmt.get(documentId, key) as string | undefined;
    return value === undefined ? undefined : (JSON.parse(value) as T);
  }

  set(documentId: number, key: string, value: unknown): void {
    this.setStmt.run(documentId, key, JSON.stringify(value));
  }
}
