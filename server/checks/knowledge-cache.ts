import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The key of the stored knowledge image (knowledge-image.ts): a digest of the name, size and
 * modification time of the compiler's code and of every source file, so that an edited rule or a
 * changed compiler is never served stale. Reading the files' metadata instead of their 6 MB of
 * content keeps a one-line `calque flag` quick.
 */
const COMPILER = ['pattern', 'rulepack', 'lexicon', 'fix', 'phrase-matcher', 'knowledge-image', 'source/source-terms', '../text/inflect', '../text/spelling-variants', '../text/tokens', '../text/conjugate'];

/** A digest of the compiler and of the YAML files of the given directories, in order. */
export function sourcesKey(dirs: string[], extraFiles: string[] = []): string {
  const hash = crypto.createHash('sha256');
  const ext = path.extname(__filename);
  for (const file of [...COMPILER.map((m) => path.join(__dirname, m + ext)), ...extraFiles]) {
    hash.update(`\0${file}\0${stamp(file)}`);
  }
  for (const dir of dirs) {
    hash.update(`\0dir:${dir}\0`);
    if (!dir || !fs.existsSync(dir)) continue;
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort()) {
      hash.update(`\0${file}\0${stamp(path.join(dir, file))}`);
    }
  }
  return hash.digest('hex');
}

function stamp(file: string): string {
  try {
    const st = fs.statSync(file);
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return 'missing';
  }
}
