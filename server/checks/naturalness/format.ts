/** Constants shared by the script that derives the word-pair data and the code that reads it. */
export const FORMAT_MAGIC = 'CALQNAT2';

/** Words kept: the most frequent words of the vectors that the language model also knows. */
export const VOCABULARY_SIZE = 60_000;

/** Nearest neighbours kept per adjective, adverb and verb (for suggestions). */
export const NEIGHBOURS = 8;

/** The usual part of speech of a word, one per word. */
export const POS = { other: 0, noun: 1, verb: 2, adjective: 3, adverb: 4 } as const;

/**
 * Words that define the topic of business and technology news. A calque often pairs a word of
 * that topic ("competition", "market", "users") with a word from far outside it ("thunderous",
 * "stubborn"), a pairing native English news does not make.
 */
export const DOMAIN_WORDS = ('company market industry business revenue investment investors technology product products ' +
  'consumers strategy competition sales profit growth brand firms shares economy manufacturers platform users smartphone startup').split(' ');

/**
 * FNV-1a over the UTF-16 code units of a word (the words are ASCII). The file's hash table maps
 * hash & (size - 1), probed linearly, to word id + 1 (0 = empty): looking a word up needs no
 * index built at load time.
 */
export function wordHash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
