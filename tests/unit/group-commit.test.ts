import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../server/db/connection';
import { GroupCommit } from '../../server/db/group-commit';
import { Store } from '../../server/db/store';

/** A file database (so a second connection can look at what is committed) with one document. */
function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calque-group-commit-'));
  const file = path.join(dir, 'calque.db');
  const store = new Store(openDatabase(file));
  const documentId = store.documents.insert({ title: 'T', sourceLang: 'zh', targetLang: 'en', hasSource: false, format: 'txt', createdBy: 'mei' });
  const ids = [0, 1, 2].map((index) => store.segments.insert(documentId, { index, paragraph: index, source: '', mt: `Sentence ${index}.` }, 2));
  const other = new Database(file, { readonly: true });
  const committedText = (id: number) => (other.prepare('SELECT text FROM segments WHERE id = ?').get(id) as { text: string }).text;
  const cleanup = () => {
    other.close();
    store.db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { store, ids, committedText, cleanup, writes: new GroupCommit(store) };
}

const setText = (store: Store, id: number, text: string) => () => {
  const segment = store.segments.get(id)!;
  if (!store.segments.setText(segment, { text, wordCount: 2, editCount: 1 }, 'mei')) throw new Error('stale');
  return text;
};

describe('group commit', () => {
  test('writes sent together commit together, and each caller hears of its write only after the commit', async () => {
    const { store, ids, committedText, cleanup, writes } = setup();
    try {
      let seenBySecondWrite = '';
      const first = writes.run(setText(store, ids[0], 'First, edited.'));
      const second = writes.run(() => {
        // Inside the shared transaction: the first write is done but not yet committed.
        expect(store.segments.get(ids[0])!.text).toBe('First, edited.');
        seenBySecondWrite = committedText(ids[0]);
        return setText(store, ids[1], 'Second, edited.')();
      });
      expect(committedText(ids[0])).toBe('Sentence 0.');
      await expect(Promise.all([first, second])).resolves.toEqual(['First, edited.', 'Second, edited.']);
      expect(seenBySecondWrite).toBe('Sentence 0.');
      expect([committedText(ids[0]), committedText(ids[1])]).toEqual(['First, edited.', 'Second, edited.']);
    } finally {
      cleanup();
    }
  });

  test('a write that fails is rolled back alone: its caller gets its error, the others are saved', async () => {
    const { store, ids, committedText, cleanup, writes } = setup();
    try {
      const results = await Promise.allSettled([
        writes.run(setText(store, ids[0], 'Kept.')),
        writes.run(() => {
          setText(store, ids[1], 'Half written.')();
          throw new Error('refused');
        }),
        writes.run(setText(store, ids[2], 'Also kept.')),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('refused'));
      expect(ids.map(committedText)).toEqual(['Kept.', 'Sentence 1.', 'Also kept.']);
      expect(store.segments.get(ids[1])!.version).toBe(1);
    } finally {
      cleanup();
    }
  });

  test('when SQLite ends the transaction (as on a full disk), nothing of the batch is saved and every caller is told', async () => {
    const { store, ids, committedText, cleanup, writes } = setup();
    try {
      const results = await Promise.allSettled([
        writes.run(setText(store, ids[0], 'Lost with the batch.')),
        writes.run(() => {
          store.db.exec('ROLLBACK');
          throw new Error('database or disk is full');
        }),
        writes.run(setText(store, ids[2], 'Never run.')),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
      expect(ids.map(committedText)).toEqual(['Sentence 0.', 'Sentence 1.', 'Sentence 2.']);
      // The next write starts afresh.
      await expect(writes.run(setText(store, ids[0], 'Saved later.'))).resolves.toBe('Saved later.');
      expect(committedText(ids[0])).toBe('Saved later.');
    } finally {
      cleanup();
    }
  });

  test('in a batch that changes megabytes, a write that fails late is still rolled back alone (the savepoints are kept in memory)', async () => {
    const { store, ids, committedText, cleanup, writes } = setup();
    try {
      // SQLite spills a savepoint's journal to a temporary file past 64 KiB, unless temp_store is MEMORY.
      expect(store.db.pragma('temp_store', { simple: true })).toBe(2);
      const documentId = store.segments.get(ids[0])!.documentId;
      const many = Array.from({ length: 400 }, (_, i) => store.segments.insert(documentId, { index: 10 + i, paragraph: 10 + i, source: '', mt: `Row ${i}.` }, 2));
      const long = (tag: string) => `${tag} ${'a long edited sentence '.repeat(150)}`;
      const results = await Promise.allSettled(many.map((id, i) => writes.run(() => {
        setText(store, id, long(`Edit ${i}`))();
        if (i === 390) throw new Error('refused');
        return i;
      })));
      expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
      expect(committedText(many[389])).toBe(long('Edit 389'));
      expect(committedText(many[390])).toBe('Row 390.');
      expect(committedText(many[391])).toBe(long('Edit 391'));
    } finally {
      cleanup();
    }
  });

  test('a queue longer than one batch is written in full, in order', async () => {
    const { store, ids, committedText, cleanup, writes } = setup();
    try {
      const texts = Array.from({ length: 450 }, (_, i) => `Version ${i + 2}.`);
      await Promise.all(texts.map((text) => writes.run(setText(store, ids[0], text))));
      expect(committedText(ids[0])).toBe('Version 451.');
      expect(store.segments.get(ids[0])!.version).toBe(451);
    } finally {
      cleanup();
    }
  });
});
