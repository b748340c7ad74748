import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { PROJECT_ROOT } from '../paths';
import type { RuleFamily } from './rulepack';

/**
 * Compiled rule packs and lexicon, kept between runs. Parsing thousands of YAML entries and
 * expanding their inflections takes a second; reading them back compiled takes a few
 * milliseconds, which is what lets `calque flag` on one line answer at once. The cache is keyed
 * by the content of every source file, so an edited rule is never served stale; it is written by
 * `npm run build` and rewritten on the first load after a change. Word sets shared by many
 * patterns (word classes) stay shared: v8 serialisation keeps object identity.
 */
const FORMAT = 1;

export function cacheFile(): string {
  return path.join(PROJECT_ROOT, 'dist', 'knowledge.v8');
}

interface Cached {
  format: number;
  key: string;
  families: RuleFamily[];
}

/** The code that compiles knowledge: a change to it makes every cached compilation stale. */
const COMPILER = ['pattern', 'rulepack', 'lexicon', 'fix', '../text/inflect', '../text/tokens'];

/** A digest of the compiler and of the YAML files of the given directories, in order. */
export function sourcesKey(dirs: string[], extraFiles: string[] = []): string {
  const hash = crypto.createHash('sha256');
  const ext = path.extname(__filename);
  for (const file of [...COMPILER.map((m) => path.join(__dirname, m + ext)), ...extraFiles]) {
    hash.update(`\0${file}\0`);
    if (fs.existsSync(file)) hash.update(fs.readFileSync(file));
  }
  for (const dir of dirs) {
    hash.update(`\0dir:${dir}\0`);
    if (!dir || !fs.existsSync(dir)) continue;
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml') || f.endsWith('.tsv')).sort()) {
      hash.update(`\0${file}\0`);
      hash.update(fs.readFileSync(path.join(dir, file)));
    }
  }
  return hash.digest('hex');
}

export function readCache(key: string, file = cacheFile()): RuleFamily[] | undefined {
  try {
    const cached = v8.deserialize(fs.readFileSync(file)) as Cached;
    return cached.format === FORMAT && cached.key === key ? cached.families : undefined;
  } catch {
    return undefined;
  }
}

/** Best effort: a read-only install still works, it just compiles at every start. */
export function writeCache(key: string, families: RuleFamily[], file = cacheFile()): boolean {
  try {
    if (!fs.existsSync(path.dirname(file))) return false;
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, v8.serialize({ format: FORMAT, key, families } satisfies Cached));
    fs.renameSync(tmp, file);
    return true;
  } catch {
    return false;
  }
}
