import { elementForms } from '../server/checks/pattern';
/**
 * The "practical limit" baseline of the flagging benchmark: a bare token-level Aho–Corasick scan
 * over the literal phrases of the rule packs. No offsets, messages, antipatterns or checks; it
 * only counts phrase ends, so it bounds what any phrase matcher can do in JavaScript.
 */
import type { RuleFamily } from '../server/checks/rulepack';

const WORD = /[a-z0-9]+(?:'[a-z]+)*/g;
/** Longest phrase list one pattern may expand to (alternatives multiply). */
const MAX_EXPANSION = 400;

export class TokenAhoCorasick {
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  private readonly hits: number[] = [0];
  private readonly ids = new Map<string, number>();
  phrases = 0;

  add(words: string[]): void {
    let state = 0;
    for (const w of words) {
      let id = this.ids.get(w);
      if (id === undefined) this.ids.set(w, (id = this.ids.size));
      let to = this.next[state].get(id);
      if (to === undefined) {
        to = this.next.length;
        this.next.push(new Map());
        this.fail.push(0);
        this.hits.push(0);
        this.next[state].set(id, to);
      }
      state = to;
    }
    this.hits[state]++;
    this.phrases++;
  }

  build(): this {
    const queue: number[] = [];
    for (const to of this.next[0].values()) queue.push(to);
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q];
      for (const [id, to] of this.next[s]) {
        let f = this.fail[s];
        while (f !== 0 && !this.next[f].has(id)) f = this.fail[f];
        const target = this.next[f].get(id);
        this.fail[to] = target !== undefined && target !== to ? target : 0;
        this.hits[to] += this.hits[this.fail[to]];
        queue.push(to);
      }
    }
    return this;
  }

  /** Number of phrase occurrences in the text. */
  scan(text: string): number {
    const lower = text.toLowerCase();
    let state = 0;
    let count = 0;
    WORD.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = WORD.exec(lower)) !== null) {
      const id = this.ids.get(m[0]);
      if (id === undefined) {
        state = 0;
        continue;
      }
      let to = this.next[state].get(id);
      while (to === undefined && state !== 0) {
        state = this.fail[state];
        to = this.next[state].get(id);
      }
      state = to ?? 0;
      count += this.hits[state];
    }
    return count;
  }
}

/**
 * The phrase list of the rule packs: for each pattern, its leading run of required words with
 * every combination of their forms (shortened when the combinations would exceed MAX_EXPANSION).
 */
export function phraseList(families: RuleFamily[]): string[][] {
  const phrases: string[][] = [];
  for (const rule of families.flatMap((f) => f.rules)) {
    for (const pattern of rule.patterns) {
      const sets: string[][] = [];
      let combos = 1;
      for (const el of pattern.elements) {
        if (el.kind !== 'words' || el.optional) break;
        const forms = [...elementForms(el)];
        if (sets.length > 0 && combos * forms.length > MAX_EXPANSION) break;
        sets.push(forms);
        combos *= forms.length;
      }
      let acc: string[][] = [[]];
      for (const forms of sets) acc = acc.flatMap((prefix) => forms.map((f) => [...prefix, f]));
      phrases.push(...acc);
    }
  }
  return phrases;
}
