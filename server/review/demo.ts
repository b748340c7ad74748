import fs from 'node:fs';
import path from 'node:path';
import type { Flagger } from '../checks/engine';
import type { Store } from '../db/store';
import { PROJECT_ROOT } from '../paths';
import { importDocument } from './import';

const SAMPLES = path.join(PROJECT_ROOT, 'data', 'samples');

/** Imports the demo article when the database has no document yet. Returns its id, if imported. */
export function seedDemo(store: Store, flagger: Flagger): number | undefined {
  const read = (name: string) => fs.readFileSync(path.join(SAMPLES, name), 'utf8');
  const mt = read('demo.en.txt');
  const title = mt.split('\n')[0].trim() || 'Demo article';
  // Checked inside the write transaction, so two servers starting together import it once.
  return store.transaction(() => store.documents.list().length > 0 ? undefined : importDocument(store, flagger, {
    title: `Demo: ${title}`,
    sourceLang: 'zh',
    targetLang: 'en',
    sourceText: read('demo.zh.txt'),
    mtText: mt,
  }, 'calque-demo'));
}
