import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../paths';
import { FORMAT_MAGIC, wordHash } from './format';

/**
 * The derived word-pair data (data/naturalness/english-pairs.bin; scripts/build-naturalness.ts
 * writes it). Little-endian, each section starting at a multiple of 4 bytes:
 *   header (32 bytes)  magic "CALQNAT2", u32 words V, u32 dimensions D, u32 bigrams B,
 *                      u32 neighbours per word K, u32 byte length of the word list, u32 table size T
 *   words              ASCII, NUL-separated, most frequent first (a word's id is its rank)
 *   wordStarts         u32 × (V + 1): where each word starts in the list
 *   table              u32 × T: open-addressing hash table (format.ts wordHash), word id + 1, 0 empty
 *   pos                u8 × V: usual part of speech (format.ts POS)
 *   domain             i8 × V: closeness to business and technology news, × 100
 *   offsets            u32 × (V + 1): word a's successors are pairs[offsets[a] … offsets[a + 1])
 *   pairs              u16 × B: successor ids, ascending within each word
 *   pairLog            u8 × B: −log10 P(b | a) in steps of 0.05
 *   neighbours         u16 × V·K: nearest words of the same part of speech (0xffff: none)
 *   vectors            i8 × V·D: unit word vectors × 127
 * The arrays are views on the file's bytes: loading costs one read and one word index.
 */
export class PairModel {
  readonly size: number;
  readonly dims: number;
  private readonly wordBytes: Uint8Array;
  private readonly wordStarts: Uint32Array;
  private readonly table: Uint32Array;
  readonly pos: Uint8Array;
  readonly domain: Int8Array;
  private readonly offsets: Uint32Array;
  private readonly pairs: Uint16Array;
  private readonly pairLog: Uint8Array;
  private readonly neighbourIds: Uint16Array;
  private readonly neighbourCount: number;
  private readonly vectors: Int8Array;

  constructor(buf: Buffer) {
    if (buf.length < 32 || buf.toString('latin1', 0, 8) !== FORMAT_MAGIC) throw new Error('not a Calque word-pair file');
    const V = buf.readUInt32LE(8);
    const D = buf.readUInt32LE(12);
    const B = buf.readUInt32LE(16);
    const K = buf.readUInt32LE(20);
    const wordBytes = buf.readUInt32LE(24);
    const T = buf.readUInt32LE(28);
    const up = (n: number) => (n + 3) & ~3;
    const expected = up(up(up(up(up(up(32 + wordBytes) + 4 * (V + 1) + 4 * T) + 2 * V) + 4 * (V + 1) + 2 * B) + B) + 2 * V * K) + V * D;
    if (buf.length !== expected) throw new Error('word-pair file is truncated or damaged');
    // Typed arrays need aligned offsets: a small Buffer may sit at any offset of a shared pool.
    const bytes = buf.byteOffset % 4 === 0 ? new Uint8Array(buf.buffer, buf.byteOffset, buf.length) : Uint8Array.from(buf);
    const ab = bytes.buffer;
    const base = bytes.byteOffset;
    let p = 32;
    const align = () => (p = (p + 3) & ~3);
    this.wordBytes = new Uint8Array(ab, base + p, wordBytes);
    p += wordBytes;
    align();
    this.wordStarts = new Uint32Array(ab, base + p, V + 1);
    p += 4 * (V + 1);
    this.table = new Uint32Array(ab, base + p, T);
    p += 4 * T;
    this.pos = new Uint8Array(ab, base + p, V);
    p += V;
    this.domain = new Int8Array(ab, base + p, V);
    p += V;
    align();
    this.offsets = new Uint32Array(ab, base + p, V + 1);
    p += 4 * (V + 1);
    this.pairs = new Uint16Array(ab, base + p, B);
    p += 2 * B;
    align();
    this.pairLog = new Uint8Array(ab, base + p, B);
    p += B;
    align();
    this.neighbourIds = new Uint16Array(ab, base + p, V * K);
    p += 2 * V * K;
    align();
    this.vectors = new Int8Array(ab, base + p, V * D);
    if ((T & (T - 1)) !== 0 || this.wordStarts[V] !== wordBytes + 1) throw new Error('word-pair file is truncated or damaged');
    this.size = V;
    this.dims = D;
    this.neighbourCount = K;
  }

  /** The id of a word (its frequency rank), or undefined when the data does not know it. */
  id(word: string): number | undefined {
    const mask = this.table.length - 1;
    for (let slot = wordHash(word) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.table[slot];
      if (entry === 0) return undefined;
      if (this.isWord(entry - 1, word)) return entry - 1;
    }
  }

  /** The word of an id. */
  word(id: number): string {
    let s = '';
    for (let i = this.wordStarts[id], end = this.wordStarts[id + 1] - 1; i < end; i++) s += String.fromCharCode(this.wordBytes[i]);
    return s;
  }

  /** Every word, most frequent first. */
  get words(): string[] {
    return Array.from({ length: this.size }, (_, i) => this.word(i));
  }

  private isWord(id: number, word: string): boolean {
    const start = this.wordStarts[id];
    if (this.wordStarts[id + 1] - 1 - start !== word.length) return false;
    for (let i = 0; i < word.length; i++) if (this.wordBytes[start + i] !== word.charCodeAt(i)) return false;
    return true;
  }

  /** log10 P(b | a) when English uses the pair often enough to be in the model, else undefined. */
  bigramLog10(a: number, b: number): number | undefined {
    let lo = this.offsets[a];
    let hi = this.offsets[a + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const x = this.pairs[mid];
      if (x === b) return -this.pairLog[mid] * 0.05;
      if (x < b) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** Cosine of the two words' vectors (-1 … 1). */
  similarity(a: number, b: number): number {
    const D = this.dims;
    const v = this.vectors;
    let s = 0;
    for (let d = 0, i = a * D, j = b * D; d < D; d++, i++, j++) s += v[i] * v[j];
    return s / (127 * 127);
  }

  /** The nearest words of the same part of speech, nearest first. */
  neighbours(a: number): number[] {
    const out: number[] = [];
    for (let k = 0; k < this.neighbourCount; k++) {
      const n = this.neighbourIds[a * this.neighbourCount + k];
      if (n !== 0xffff) out.push(n);
    }
    return out;
  }
}

let shared: PairModel | undefined;

export function pairModelFile(): string {
  return path.join(PROJECT_ROOT, 'data', 'naturalness', 'english-pairs.bin');
}

/** The project's word-pair data, read on first use. */
export function pairModel(): PairModel {
  return (shared ??= new PairModel(fs.readFileSync(pairModelFile())));
}
