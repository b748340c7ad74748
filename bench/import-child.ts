/**
 * The import benchmark, run by bench/run.ts in a child process so that its peak RSS is its own.
 *
 *   node dist/bench/import-child.js import   DB SENTENCES   segment + align + flag + store (importDocument)
 *   node dist/bench/import-child.js baseline DB SENTENCES   segmentation + one bulk insert of the same rows
 *
 * Prints one line of JSON: {ms, segments, maxRssMB, documentId}.
 */
import fs from 'node:fs';
import { defaultFlagger } from '../server/checks/engine';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/connection';
import { Store } from '../server/db/store';
import { importDocument } from '../server/review/import';
import { segmentDocument } from '../server/text/segment';
import { generateCorpus } from './generate';

/**
 * Peak RSS of this process. On Linux, getrusage's maxrss survives exec, so a child forked from a
 * big parent would report the parent's peak; VmHWM in /proc belongs to this process image only.
 */
function peakRssBytes(): number {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}

function main(): void {
  const [mode, dbFile, count] = process.argv.slice(2);
  let { enText, zhText } = generateCorpus(Number(count));
  const store = new Store(openDatabase(dbFile));
  // Loading rule packs, dictionaries and lexicons is not timed: a server does it when it starts.
  const flagger = mode === 'import' ? defaultFlagger(loadConfig()).prepare() : undefined;
  // What the generator and the loading left besides the texts and the flagger is garbage:
  // collected now, so that the peak RSS is the import's (a server receives the texts in a
  // request, it does not generate them).
  (globalThis as { gc?: () => void }).gc?.();
  const t0 = performance.now();
  let documentId: number;
  let segments: number;
  if (mode === 'import') {
    documentId = importDocument(store, flagger!, { title: 'Benchmark document', sourceLang: 'zh', targetLang: 'en', sourceText: zhText, mtText: enText, format: 'txt' }, 'bench');
    segments = store.segments.count(documentId);
  } else {
    const en = segmentDocument(enText, 'en').paragraphs;
    const zh = segmentDocument(zhText, 'zh').paragraphs;
    const now = new Date().toISOString();
    const insert = store.db.prepare(`INSERT INTO segments (document_id, idx, paragraph, source, mt, text, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    documentId = store.documents.insert({ title: 'Baseline', sourceLang: 'zh', targetLang: 'en', hasSource: true, format: 'txt', createdBy: 'bench' });
    segments = 0;
    store.transaction(() => {
      en.forEach((p, pi) => p.sentences.forEach((s, si) => {
        const source = zh[pi]?.sentences[si]?.text ?? '';
        insert.run(documentId, segments++, pi, source, s.text, s.text, now);
      }));
    });
  }
  const ms = performance.now() - t0;
  enText = zhText = '';
  store.db.close();
  console.log(JSON.stringify({ ms, segments, documentId, maxRssMB: peakRssBytes() / 1e6 }));
}

main();
