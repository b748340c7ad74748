import fs from 'node:fs';

/**
 * A sorted word list (one word a line) searched in place: a binary search over character
 * positions, each probe moved back to the start of its line. Loading costs one read, with no
 * index of 300,000 strings to build.
 */
export class WordList {
  private readonly text: string;

  constructor(text: string) {
    this.text = text.endsWith('\n') ? text : text + '\n';
  }

  static fromFile(file: string): WordList {
    return new WordList(fs.readFileSync(file, 'utf8'));
  }

  has(word: string): boolean {
    if (word === '' || word.includes('\n')) return false;
    const text = this.text;
    // lo and hi are line starts: lines before lo sort before `word`, lines from hi on after it. The
    // line holding any position in between starts at or after lo and ends before hi.
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      // (lastIndexOf clamps a negative start to 0, where a newline would be found: handle mid = 0 apart.)
      const start = mid === 0 ? 0 : text.lastIndexOf('\n', mid - 1) + 1;
      const cmp = this.compareLine(start, word);
      if (cmp === 0) return true;
      if (cmp < 0) lo = text.indexOf('\n', start) + 1;
      else hi = start;
    }
    return false;
  }

  /** The line at `start` compared with `word`, by UTF-16 code units as Array.prototype.sort orders strings. */
  private compareLine(start: number, word: string): number {
    const text = this.text;
    for (let k = 0; ; k++) {
      const c = text.charCodeAt(start + k);
      const line = c === 10 ? -1 : c;
      const w = k < word.length ? word.charCodeAt(k) : -1;
      if (line !== w) return line - w;
      if (line === -1) return 0;
    }
  }
}
