/**
 * Reads the bigrams of a CMU Sphinx language model in its binary trie format ("Trie Language
 * Model", as written by pocketsphinx's sphinx_lm_convert; layout from pocketsphinx's
 * src/lm/ngram_model_trie.c and lm_trie.c). Only what deriving word-pair data needs: the words,
 * their unigram log probabilities and which bigrams exist with their log probabilities.
 *
 * Layout: the header text, the order (u8), one u32 count per order; the quantisation tables
 * (a u32, then float32 bins: 2^16 probabilities and 2^16 back-offs per middle order, 2^16
 * probabilities for the longest order); the unigrams ((count + 1) × {f32 prob, f32 backoff,
 * u32 next}); the bit-packed middle and longest arrays; the words as NUL-separated strings.
 * In the trie a bigram list hangs off its *second* word: entries next[w] … next[w + 1] of the
 * middle array are the words that precede w, each with a 16-bit back-off and probability bin.
 */
import fs from 'node:fs';

export interface SphinxBigrams {
  words: string[];
  /** log10 unigram probabilities, by word id. */
  unigramLog10: Float32Array;
  /** For word w, its predecessors are pred[predStart[w]] … pred[predStart[w + 1] - 1]. */
  predStart: Uint32Array;
  pred: Uint32Array;
  /** log10 P(w | pred) for each entry of `pred`. */
  predLog10: Float32Array;
}

const HEADER = 'Trie Language Model';
/** Probabilities are stored as log base 1.0001 ("logmath" units). */
const TO_LOG10 = Math.log10(1.0001);

export function readSphinxTrieLm(file: string): SphinxBigrams {
  const buf = fs.readFileSync(file);
  if (buf.toString('latin1', 0, HEADER.length) !== HEADER) throw new Error(`${file} is not a Sphinx trie language model`);
  let p = HEADER.length;
  const order = buf[p++];
  if (order < 2) throw new Error(`${file} has no bigrams`);
  const counts: number[] = [];
  for (let i = 0; i < order; i++, p += 4) counts.push(buf.readUInt32LE(p));
  p += 4;
  const bins = (order - 2) * 2 * 65536 + 65536;
  const quant = new Float32Array(bins);
  for (let i = 0; i < bins; i++, p += 4) quant[i] = buf.readFloatLE(p);
  const unigrams = counts[0];
  const unigramLog10 = new Float32Array(unigrams);
  const next = new Uint32Array(unigrams + 1);
  for (let i = 0; i <= unigrams; i++, p += 12) {
    if (i < unigrams) unigramLog10[i] = buf.readFloatLE(p) * TO_LOG10;
    next[i] = buf.readUInt32LE(p + 8);
  }
  const bitsFor = (max: number) => (max === 0 ? 0 : Math.floor(Math.log2(max)) + 1);
  const wordBits = bitsFor(unigrams);
  const middleBits = wordBits + 32 + bitsFor(counts[2] ?? 0);
  const sizeOf = (entries: number, bits: number) => Math.floor(((1 + entries) * bits + 7) / 8) + 8;
  const middle = buf.subarray(p, p + sizeOf(counts[1], middleBits));
  p += sizeOf(counts[1], middleBits);
  for (let o = 3; o < order; o++) p += sizeOf(counts[o - 1], wordBits + 32 + bitsFor(counts[o]));
  p += sizeOf(counts[order - 1], wordBits + 16);
  const length = buf.readUInt32LE(p);
  p += 4;
  const words = buf.toString('utf8', p, p + length).split('\0');
  words.pop();
  if (words.length !== unigrams) throw new Error(`${file}: ${words.length} words for ${unigrams} unigrams`);

  const read = (bitOffset: number, bits: number) => (middle.readUInt32LE(bitOffset >>> 3) >>> (bitOffset & 7)) & ((1 << bits) - 1);
  const bigrams = counts[1];
  const pred = new Uint32Array(bigrams);
  const predLog10 = new Float32Array(bigrams);
  for (let i = 0; i < bigrams; i++) {
    const at = i * middleBits;
    pred[i] = read(at, wordBits);
    // After the word: 16 bits of back-off bin, then 16 bits of probability bin (table 0).
    predLog10[i] = quant[read(at + wordBits + 16, 16)] * TO_LOG10;
  }
  return { words, unigramLog10, predStart: next, pred, predLog10 };
}
