import fs from 'node:fs';

/**
 * A sorted word list (one word a line) searched in place: loading it costs one read and one pass
 * to find the line starts, not a set of 300,000 strings.
 */
export class WordList {
  private readonly text: string;
  private readonly starts: Uint32Array;

  constructor(text: string) {
    this.text = text.endsWith('\n') ? text : text + '\n';
    let lines = 0;
    for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) lines++;
    this.starts = new Uint32Array(lines + 1);
    let n = 0;
    this.starts[n++] = 0;
    for (let i = this.text.indexOf('\n'); i >= 0 && n <= lines; i = this.text.indexOf('\n', i + 1)) this.starts[n++] = i + 1;
  }

  static fromFile(file: string): WordList {
    return new WordList(fs.readFileSync(file, 'utf8'));
  }

  get size(): number {
    return this.starts.length - 1;
  }

  has(word: string): boolean {
    let lo = 0;
    let hi = this.starts.length - 2;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const cmp = this.compareAt(mid, word);
      if (cmp === 0) return true;
      if (cmp < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** The line `i` compared with `word`, by UTF-16 code units as Array.prototype.sort orders strings. */
  private compareAt(i: number, word: string): number {
    const start = this.starts[i];
    const end = this.starts[i + 1] - 1;
    const length = end - start;
    const n = Math.min(length, word.length);
    for (let k = 0; k < n; k++) {
      const d = this.text.charCodeAt(start + k) - word.charCodeAt(k);
      if (d !== 0) return d;
    }
    return length - word.length;
  }
}
