import type { SegmentText } from '../db/segments';
import { stripPlaceholders } from './placeholders';

const NO_SPACE_LANGS = /^(zh|ja|th|lo|km|my)\b/i;

/**
 * The cleaned text: current text of every segment, sentences of a paragraph joined by a space
 * (none for Chinese/Japanese targets), paragraphs separated by a blank line. Yields chunks so a
 * caller can stream a document of any size.
 */
export function* plainTextChunks(segments: Iterable<SegmentText>, targetLang: string): Generator<string> {
  const joiner = NO_SPACE_LANGS.test(targetLang) ? '' : ' ';
  let paragraph: number | undefined;
  let line = '';
  for (const s of segments) {
    // Inline-code placeholders of an imported XLIFF or TMX have no meaning in plain text.
    const text = (s.codes ? stripPlaceholders(s.text).replace(/ {2,}/g, ' ') : s.text).trim();
    if (text === '') continue;
    if (paragraph !== undefined && s.paragraph !== paragraph) {
      yield line + '\n\n';
      line = '';
    }
    line = line === '' ? text : line + joiner + text;
    paragraph = s.paragraph;
  }
  if (line !== '') yield line + '\n';
}
