import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../paths';
import type { PhraseRule } from './rulepack';

/**
 * A digest of everything that decides what the flagger finds: the rule packs and lexicon it was
 * compiled from (their files, or else each rule as given), the ids of the checks, and the code and
 * data files the checks run on. A document stores the digest it was flagged with; when the
 * server's differs (an upgrade added, fixed or retired rules), the document's findings are out of
 * date and are worked out again (review/findings-refresh.ts). Reading the files is about ten times
 * quicker than going through 4,800 rules of a stored knowledge image.
 */
export function checksFingerprint(knowledge: { files: readonly string[] } | { rules: readonly PhraseRule[] }, checkIds: readonly string[]): string {
  const hash = crypto.createHash('sha256');
  hash.update(`checks\0${checkIds.join('\0')}\0`);
  if ('files' in knowledge) {
    for (const file of knowledge.files) addFile(hash, file);
  } else {
    for (const rule of knowledge.rules) {
      hash.update(JSON.stringify([rule.id, rule.message, rule.explanation, rule.severity, rule.category, rule.suggestions, [...rule.unless],
        rule.patterns, rule.antipatterns, rule.unlessPatterns]));
    }
  }
  for (const file of codeAndDataFiles()) addFile(hash, file);
  return hash.digest('hex');
}

function addFile(hash: crypto.Hash, file: string): void {
  hash.update(`\0${path.relative(PROJECT_ROOT, file)}\0`);
  hash.update(fs.existsSync(file) ? fs.readFileSync(file) : 'missing');
}

/** The YAML files of knowledge directories, in order: what a flagger built from them is compiled from. */
export function knowledgeFiles(dirs: string[]): string[] {
  return dirs.flatMap((dir) => (dir && fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(dir, f)) : []));
}

/**
 * The checks' code (this directory, compiled or not) and the data they load. The rule packs and
 * the lexicon are left out: they are in the compiled rules already.
 */
function codeAndDataFiles(): string[] {
  const data = path.join(PROJECT_ROOT, 'data');
  const skipped = new Set([path.join(data, 'rules'), path.join(data, 'lexicon', 'calques'), path.join(data, 'samples')]);
  return [...filesUnder(__dirname, new Set()), ...filesUnder(data, skipped)].sort();
}

function filesUnder(dir: string, skipped: Set<string>): string[] {
  if (skipped.has(dir) || !fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(file, skipped);
    return entry.isFile() && !entry.name.endsWith('.map') ? [file] : [];
  });
}
