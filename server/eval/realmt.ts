import fs from 'node:fs';
import path from 'node:path';
import type { Flagger } from '../checks/engine';
import { flagText } from '../checks/flag-text';
import type { Finding } from '../checks/types';

/**
 * Scores the flagger on published machine translation with gold phrases (the format of
 * ../shared/eval/realmt/README.md): NAME.txt with NAME.gold.tsv (tier<TAB>phrase<TAB>note, tiers
 * `must` and `maybe`), and native-NN.txt controls without gold. Counting follows that folder's
 * scorer: a must phrase is found when a flag overlaps one of its occurrences (each distinct phrase
 * once per article); a false alarm is a flag overlapping no gold phrase of either tier; on the
 * native controls every flag is a false alarm.
 *
 * Knowledge is written while looking at the development half only, so the held-out half says
 * what to expect on articles nobody here has read.
 */
export type Split = 'dev' | 'held-out' | 'all';

/**
 * The first half of each collection is the development half (a-01 … a-07, mt-01 … mt-03,
 * native-01 and native-02 of the 2026-12 folder); the rest is held out.
 */
const DEV_COUNT: Record<string, number> = { a: 7, mt: 3, native: 2 };

export function splitOf(file: string): 'dev' | 'held-out' {
  const m = /^([a-z]+)-(\d+)\.txt$/.exec(path.basename(file));
  if (!m) return 'held-out';
  return Number(m[2]) <= (DEV_COUNT[m[1]] ?? 0) ? 'dev' : 'held-out';
}

interface GoldPhrase {
  tier: 'must' | 'maybe';
  phrase: string;
  start: number;
  end: number;
}

export interface GroupScore {
  /** Must phrases this family or check found (alone or with others). */
  caught: number;
  /** Its flags that overlap no gold phrase, on MT and on native controls. */
  falseAlarms: number;
  nativeFlags: number;
  flags: number;
}

export interface RealMtScore {
  split: Split;
  files: number;
  mtWords: number;
  must: number;
  hit: number;
  recall: number;
  falseAlarms: number;
  falseAlarmsPer1000Words: number;
  nativeFiles: number;
  nativeWords: number;
  nativeFlags: number;
  nativeFlagsPer1000Words: number;
  /** By rule family (phrase rules and lexicon files) or check id. */
  groups: Map<string, GroupScore>;
  missed: string[];
  alarms: string[];
}

const words = (t: string) => t.split(/\s+/).filter(Boolean).length;
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

export function readGold(file: string, text: string): GoldPhrase[] {
  const lower = text.toLowerCase();
  const gold: GoldPhrase[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [tier, phrase] = line.split('\t');
    if ((tier !== 'must' && tier !== 'maybe') || !phrase) continue;
    const p = phrase.toLowerCase();
    for (let i = lower.indexOf(p), from = 0; i >= 0; from = i + 1, i = lower.indexOf(p, from)) gold.push({ tier, phrase, start: i, end: i + p.length });
  }
  return gold;
}

/** The articles and controls of a real-MT folder in one split, by name. */
export function realMtFiles(dir: string, split: Split): string[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.txt') && (split === 'all' || splitOf(f) === split)).sort();
}

/** `findingsOf` gives the findings of a file's text (the flagger's by default; the second reader's for --llm). */
export function scoreRealMt(flagger: Flagger, dir: string, split: Split = 'all', groupOf: (f: Finding) => string = defaultGroup(flagger),
  findingsOf: (file: string, text: string) => Finding[] = (_file, text) => flagText(flagger, text)): RealMtScore {
  const files = realMtFiles(dir, split);
  const s: RealMtScore = {
    split, files: 0, mtWords: 0, must: 0, hit: 0, recall: 0, falseAlarms: 0, falseAlarmsPer1000Words: 0,
    nativeFiles: 0, nativeWords: 0, nativeFlags: 0, nativeFlagsPer1000Words: 0, groups: new Map(), missed: [], alarms: [],
  };
  const group = (id: string) => {
    let g = s.groups.get(id);
    if (!g) s.groups.set(id, (g = { caught: 0, falseAlarms: 0, nativeFlags: 0, flags: 0 }));
    return g;
  };
  for (const file of files) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const findings = findingsOf(file, text);
    for (const f of findings) group(groupOf(f)).flags++;
    const goldFile = path.join(dir, file.replace(/\.txt$/, '.gold.tsv'));
    if (!fs.existsSync(goldFile)) {
      if (!file.startsWith('native-')) continue;
      s.nativeFiles++;
      s.nativeWords += words(text);
      s.nativeFlags += findings.length;
      for (const f of findings) {
        group(groupOf(f)).nativeFlags++;
        s.alarms.push(`${file} (native): "${f.text}" ${f.ruleId}`);
      }
      continue;
    }
    const gold = readGold(goldFile, text);
    s.files++;
    s.mtWords += words(text);
    const mustPhrases = [...new Set(gold.filter((g) => g.tier === 'must').map((g) => g.phrase))];
    s.must += mustPhrases.length;
    for (const phrase of mustPhrases) {
      const occurrences = gold.filter((g) => g.phrase === phrase);
      const catching = findings.filter((f) => occurrences.some((g) => overlaps(f, g)));
      if (catching.length === 0) {
        s.missed.push(`${file}: ${phrase}`);
        continue;
      }
      s.hit++;
      for (const id of new Set(catching.map(groupOf))) group(id).caught++;
    }
    for (const f of findings) {
      if (gold.some((g) => overlaps(f, g))) continue;
      s.falseAlarms++;
      group(groupOf(f)).falseAlarms++;
      s.alarms.push(`${file}: "${f.text}" ${f.ruleId}`);
    }
  }
  s.recall = s.hit / Math.max(s.must, 1);
  s.falseAlarmsPer1000Words = (1000 * s.falseAlarms) / Math.max(s.mtWords, 1);
  s.nativeFlagsPer1000Words = (1000 * s.nativeFlags) / Math.max(s.nativeWords, 1);
  return s;
}

/** Phrase rules and lexicon entries are grouped by their family, coded checks by their id. */
function defaultGroup(flagger: Flagger): (f: Finding) => string {
  return (f) => {
    const rule = flagger.rule(f.ruleId);
    return rule && rule.kind === 'phrase' ? rule.family : f.ruleId;
  };
}

export function printRealMt(s: RealMtScore, verbose: boolean): void {
  const r = (x: number) => x.toFixed(3);
  console.log(`Real MT, ${s.split} (${s.files} articles, ${s.mtWords} words; ${s.nativeFiles} native controls, ${s.nativeWords} words)`);
  console.log(`  must-phrase recall ${r(s.recall)} (${s.hit} of ${s.must})`);
  console.log(`  false alarms per 1,000 MT words ${r(s.falseAlarmsPer1000Words)} (${s.falseAlarms})`);
  console.log(`  flags per 1,000 native words ${r(s.nativeFlagsPer1000Words)} (${s.nativeFlags})`);
  console.log('  by family or check: must phrases caught, false alarms on MT, flags on native controls');
  for (const [id, g] of [...s.groups].sort((a, b) => b[1].caught - a[1].caught || b[1].flags - a[1].flags)) {
    console.log(`    ${id.padEnd(28)} ${String(g.caught).padStart(4)} ${String(g.falseAlarms).padStart(4)} ${String(g.nativeFlags).padStart(4)}`);
  }
  if (verbose) {
    console.log('  missed:\n    ' + s.missed.join('\n    '));
    console.log('  false alarms:\n    ' + s.alarms.join('\n    '));
  }
}
