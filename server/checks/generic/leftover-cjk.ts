import type { Check, Finding } from '../types';

// Han characters, CJK punctuation and full-width forms (，：；！？（）) in an English translation,
// with the ideographic space and curly quotes that stand among them. A finding runs from the start
// of such a run to its last Han character or CJK mark: a run of only spaces and quotes is no finding.
// (Found in two linear steps: one expression `[run]*[mark]+` backtracks quadratically on a long
// run of spaces.)
const CJK_RUN = /[\p{Script=Han}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u201c\u201d]+/gu;
const CJK_MARK = /[\p{Script=Han}\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]/u;
// Digits and the signs that go with them ("满25减21", "突破5亿"): inside an untranslated clause they
// do not end it, so the Chinese on both sides is one finding.
const NUMBER_GAP = /^[0-9#%.,:+\-\/~]{1,8}$/;
// Everything CJK_RUN looks for is at U+2E80 (CJK radicals) or above: a cheap first test.
const MAYBE_CJK = /[^\u0000-\u2e7f]/;
const FULLWIDTH_TO_ASCII: Record<string, string> = {
  '，': ',', '。': '.', '：': ':', '；': ';', '！': '!', '？': '?', '（': '(', '）': ')',
  '、': ',', '【': '[', '】': ']', '《': '"', '》': '"', '「': '"', '」': '"', '『': '"', '』': '"',
};

export const leftoverCjk: Check = {
  meta: {
    id: 'leftover-cjk',
    name: 'Untranslated Chinese',
    description: 'Chinese characters or full-width punctuation left in the English translation.',
    category: 'accuracy/omission',
    severity: 'major',
    suggests: true,
  },
  examples: {
    flag: [
      { text: 'The company reported [营收] growth of 20%.' },
      { text: 'The coupon offered [满30减10元] on every order.' },
      { text: 'Profits rose[，]and so did costs.', suggestion: ',', fixed: 'Profits rose, and so did costs.' },
    ],
    pass: [{ text: 'Profits rose, and so did costs.' }, { text: 'Prices fell 5% (year on year).' }],
  },
  run({ text }) {
    if (!MAYBE_CJK.test(text)) return [];
    const findings: Finding[] = [];
    for (const run of mergedRuns(text)) {
      const punctuationOnly = !run.han;
      const ascii = punctuationOnly ? [...run.text].map((c) => FULLWIDTH_TO_ASCII[c] ?? '').join('') : '';
      findings.push({
        ruleId: 'leftover-cjk',
        category: punctuationOnly ? 'fluency/punctuation' : 'accuracy/omission',
        severity: punctuationOnly ? 'minor' : 'major',
        start: run.start,
        end: run.start + run.text.length,
        text: run.text,
        message: punctuationOnly ? 'Full-width (Chinese) punctuation in English text.' : 'Untranslated Chinese text.',
        suggestions: ascii ? [ascii] : [],
      });
    }
    return findings;
  },
};

/**
 * The runs of CJK text, each up to its last mark; two runs with Chinese characters joined by a
 * number between them ("满25减21") are one.
 */
function mergedRuns(text: string): { start: number; text: string; han: boolean }[] {
  const runs: { start: number; text: string; han: boolean }[] = [];
  for (const m of text.matchAll(CJK_RUN)) {
    const run = untilLastMark(m[0]);
    if (run === '') continue;
    const han = /\p{Script=Han}/u.test(run);
    const last = runs[runs.length - 1];
    if (last && last.han && han) {
      const gapStart = last.start + last.text.length;
      if (m.index - gapStart <= 8 && NUMBER_GAP.test(text.slice(gapStart, m.index))) {
        last.text = text.slice(last.start, m.index + run.length);
        continue;
      }
    }
    runs.push({ start: m.index, text: run, han });
  }
  return runs;
}

/** The run up to and with its last Han character or CJK mark ('' when it has none). */
function untilLastMark(run: string): string {
  let end = run.length;
  while (end > 0) {
    const code = run.charCodeAt(end - 1);
    // The run's other characters (U+3000, U+201C, U+201D) are all in the BMP.
    if (code !== 0x3000 && code !== 0x201c && code !== 0x201d) break;
    end--;
  }
  return end === 0 ? '' : run.slice(0, end);
}
