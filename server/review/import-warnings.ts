import { splitParagraphs } from '../text/segment';

export interface ImportWarning {
  kind: 'mt-is-chinese' | 'same-language' | 'paragraph-count';
  message: string;
}

type Script = 'chinese' | 'latin' | 'mixed' | 'unknown';

/** Which writing the text is mostly in, from a sample of its first 20,000 characters. */
export function scriptOf(text: string): Script {
  const sample = text.slice(0, 20_000);
  const han = sample.match(/\p{Script=Han}/gu)?.length ?? 0;
  const latin = sample.match(/\p{Script=Latin}/gu)?.length ?? 0;
  if (han + latin < 8) return 'unknown';
  // A Chinese text writes a word in one or two characters, an English one in five: a third of the
  // letters in Han already means the text is mostly Chinese.
  const share = han / (han + latin);
  return share >= 0.3 ? 'chinese' : share <= 0.05 ? 'latin' : 'mixed';
}

const NAMES: Record<string, string> = { chinese: 'Chinese', latin: 'English (or another language in Latin letters)' };

/**
 * What looks wrong in the texts of an import, before it runs: the import still works, but these
 * are the mistakes that silently pair rows with the wrong translation.
 */
export function importWarnings(input: { sourceText?: string; mtText?: string; targetLang?: string }): ImportWarning[] {
  const warnings: ImportWarning[] = [];
  const mt = input.mtText ?? '';
  const source = input.sourceText ?? '';
  const mtScript = scriptOf(mt);
  const sourceScript = source.trim() ? scriptOf(source) : 'unknown';
  const target = (input.targetLang ?? 'en').toLowerCase();
  if (mtScript === 'chinese' && !target.startsWith('zh')) {
    warnings.push({ kind: 'mt-is-chinese', message: 'The machine translation box holds Chinese. Did the source text go into the wrong box?' });
  }
  if ((mtScript === 'chinese' || mtScript === 'latin') && mtScript === sourceScript) {
    warnings.push({ kind: 'same-language', message: `Both boxes seem to hold the same language (${NAMES[mtScript]}). The source box takes the original, the other box its machine translation.` });
  }
  if (source.trim() && mt.trim()) {
    const sourceParagraphs = splitParagraphs(source).length;
    const mtParagraphs = splitParagraphs(mt).length;
    if (sourceParagraphs !== mtParagraphs) {
      warnings.push({ kind: 'paragraph-count', message: `The source has ${plural(sourceParagraphs, 'paragraph')} and the machine translation ${plural(mtParagraphs, 'paragraph')}. If one was left out, rows after it may be paired with the wrong translation.` });
    }
  }
  return warnings;
}

const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
