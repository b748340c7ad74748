import fs from 'node:fs';
import { loadConfig } from '../config';
import { openDatabase } from '../db/connection';
import { Store } from '../db/store';
import { defaultFlagger } from '../checks/engine';
import { importUpload } from '../formats/detect';
import { EXPORT_FORMATS, exportStream, parseExportFormat } from '../formats/exports';
import { parseId } from '../review/review';
import { UsageError, type Parsed } from './args';
import { readText } from './read-text';

/** Imports a file of any supported format (detected from content and extension). */
export async function importCommand({ positional, flags }: Parsed): Promise<void> {
  const file = positional[0];
  if (!file) throw new UsageError('import needs a FILE');
  if (!fs.existsSync(file)) throw new UsageError(`${file}: no such file`);
  const config = loadConfig();
  const fields = {
    title: flags.get('title'),
    sourceLang: flags.get('source-lang') ?? 'zh',
    targetLang: flags.get('target-lang') ?? 'en',
    sourceText: flags.has('source') ? readText(flags.get('source')!) : undefined,
  };
  const db = openDatabase(config.dbFile);
  try {
    const store = new Store(db);
    const id = await importUpload(store, defaultFlagger(config), fs.readFileSync(file), file, fields, process.env.USER || 'cli', config.limits);
    const doc = store.documents.summary(id)!;
    process.stdout.write(`Imported document ${id} (${doc.format}): ${doc.segments} segments, ${doc.flags} flags.\n`);
  } finally {
    db.close();
  }
}

export function exportCommand({ positional, flags }: Parsed): void {
  if (!/^[1-9]\d*$/.test(positional[0] ?? '')) throw new UsageError(positional[0] ? `"${positional[0]}" is not a document ID (a whole number)` : 'export needs a document ID');
  const id = parseId(positional[0], 'ID');
  const format = flags.get('format') ?? 'txt';
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format "${format}" (formats: ${EXPORT_FORMATS.join(', ')})`);
  const config = loadConfig();
  const db = openDatabase(config.dbFile);
  try {
    const store = new Store(db);
    const doc = store.documents.get(id);
    if (!doc) throw new UsageError(`document ${id} does not exist`);
    const stream = exportStream(store, doc, parseExportFormat(format));
    const out = flags.has('out') ? fs.openSync(flags.get('out')!, 'w') : 1;
    try {
      if (stream.bytes) fs.writeSync(out, stream.bytes());
      for (let next = stream.chunks.next(); !next.done; next = stream.chunks.next()) fs.writeSync(out, next.value);
    } finally {
      if (out !== 1) fs.closeSync(out);
    }
  } finally {
    db.close();
  }
}
