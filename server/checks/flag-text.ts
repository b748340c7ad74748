import { alignParagraphs, alignSentences } from '../text/align';
import { segmentDocument, type Span } from '../text/segment';
import type { Flagger, FlagOptions } from './engine';
import type { Finding } from './types';

export interface FlagTextOptions extends FlagOptions {
  source?: string;
  sourceLang?: string;
  targetLang?: string;
}

/**
 * Flags a whole text sentence by sentence; offsets of the findings are into the whole text.
 * With a source text, each target sentence is checked against the source sentences aligned to it.
 */
export function flagText(flagger: Flagger, text: string, options: FlagTextOptions = {}): Finding[] {
  const targetLang = options.targetLang ?? 'en';
  const target = segmentDocument(text, targetLang).paragraphs.map((p) => p.sentences);
  const sourceOf = options.source?.trim() ? alignedSources(options.source, options.sourceLang ?? 'zh', target) : new Map<Span, string>();
  const findings: Finding[] = [];
  const sentences = target.flat().map((span) => ({ span, text: span.text, source: sourceOf.get(span) }));
  const documentFindings = flagger.flagDocument(sentences, options);
  sentences.forEach(({ span, text, source }, i) => {
    for (const f of [...flagger.flag({ text, source }, options), ...documentFindings[i]]) {
      findings.push({ ...f, start: f.start + span.start, end: f.end + span.start });
    }
  });
  return findings.sort((a, b) => a.start - b.start);
}

/** The source sentence(s) aligned to each target sentence. */
export function alignedSources(sourceText: string, sourceLang: string, target: Span[][]): Map<Span, string> {
  const source = segmentDocument(sourceText, sourceLang).paragraphs.map((p) => p.sentences);
  const joiner = /^(zh|ja)\b/i.test(sourceLang) ? '' : ' ';
  const result = new Map<Span, string>();
  const texts = (spans: Span[]) => spans.map((s) => s.text);
  for (const para of alignParagraphs(source.map(texts), target.map(texts))) {
    const src = para.source.flatMap((i) => source[i]);
    const tgt = para.target.flatMap((i) => target[i]);
    for (const link of alignSentences(texts(src), texts(tgt))) {
      const joined = link.source.map((i) => src[i].text).join(joiner);
      for (const t of link.target) result.set(tgt[t], joined);
    }
  }
  return result;
}
