/** Constants shared by the script that derives the word-pair data and the code that reads it. */
export const FORMAT_MAGIC = 'CALQNAT1';

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
