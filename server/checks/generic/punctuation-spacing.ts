import type { Check, Finding } from '../types';

/**
 * Punctuation that English does not write: a space before a comma or a full stop ("rose , and"),
 * a comma after a question mark ("going through? , the"), a doubled comma, and a text that opens
 * with a comma or a full stop, which is what is left of a sentence that machine translation (or
 * the segmenter) cut in the wrong place. The usual QA checks of translation tools (LanguageTool's
 * whitespace rules, Weblate's punctuation spacing).
 */

// A space (or several) before , ; : ! ? or a full stop, after a word, a number, % or a closing
// bracket or quote. Not before a decimal or a thousands group (" .5", " ,000"), an ellipsis, an
// emoticon (" :)") or a time (" :30").
const SPACE_BEFORE = /(?<=[\p{L}\p{N}%)\]"'”’]) +([,;:!?]|\.(?!\.))(?![\p{N}()DP])/gu;
const SPACE_BEFORE_AT = new RegExp(SPACE_BEFORE.source, 'uy');

/** Whether the spaces at `start` stand before a mark as this check reports them (double-space leaves those to it). */
export function isSpaceBeforePunctuation(text: string, start: number): boolean {
  SPACE_BEFORE_AT.lastIndex = start;
  return SPACE_BEFORE_AT.test(text);
}

// A comma or semicolon right after another mark, with or without a space: ",," "? ," ";,".
// "etc.," is English, so a full stop before the comma is not one of them.
const DOUBLED = /([,;:!?]) ?([,;])/g;
// A text that opens with a comma, semicolon or full stop followed by a word.
const LEADING = /^(\s*)([,;.]) +(?=\p{L})/u;

export const punctuationSpacing: Check = {
  meta: {
    id: 'punctuation-spacing',
    name: 'Punctuation spacing',
    description: 'A space before a comma or full stop, a doubled comma, a comma after a question mark, or a text that starts with a comma.',
    category: 'fluency/punctuation',
    severity: 'minor',
    suggests: true,
  },
  examples: {
    flag: [
      { text: 'Sales rose[ ,] and profits fell.', suggestion: ',', fixed: 'Sales rose, and profits fell.' },
      { text: 'Prices fell by 5%[ .]', suggestion: '.', fixed: 'Prices fell by 5%.' },
      { text: 'Sales rose[  ,] and profits fell.', suggestion: ',', fixed: 'Sales rose, and profits fell.' },
      { text: 'Why did sales fall[ ?] Nobody knows.', suggestion: '?', fixed: 'Why did sales fall? Nobody knows.' },
      { text: 'What are carmakers going through[? ,] the market asks.', suggestion: '?', fixed: 'What are carmakers going through? the market asks.' },
      { text: 'Sales rose[,,] and profits fell.', suggestion: ',', fixed: 'Sales rose, and profits fell.' },
      { text: '[, ]by contrast, imports fell.', suggestion: '', fixed: 'By contrast, imports fell.' },
    ],
    pass: [
      { text: 'Sales rose, and profits fell.' },
      { text: 'The rate was .5 percent, up from .25 percent.' },
      { text: 'Apple, Google, etc., made the list.' },
      { text: 'He paused ... then went on.' },
      { text: 'The meeting starts at 10 :30 sharp.' },
      { text: 'She wrote "Why?" on the board.' },
      { text: 'Great news :) the deal is done.' },
      { text: '.NET developers were hired.' },
    ],
  },
  run({ text }) {
    if (!/[,;:!?.]/.test(text)) return [];
    const findings: Finding[] = [];
    // What the leading finding covers is not reported again by the other two.
    let from = 0;
    const leading = LEADING.exec(text);
    if (leading) {
      from = leading[0].length;
      findings.push(found(leading[1].length, from, text,
        `The text starts with "${leading[2]}": the start of its sentence may have been cut off, or left in the text before.`, ['']));
    }
    for (const m of text.matchAll(SPACE_BEFORE)) {
      if (m.index >= from) findings.push(found(m.index, m.index + m[0].length, text, `English puts no space before "${m[1]}".`, [m[1]]));
    }
    for (const m of text.matchAll(DOUBLED)) {
      if (m.index < from) continue;
      findings.push(found(m.index, m.index + m[0].length, text, m[1] === m[2] ? `"${m[1]}" is doubled.` : `"${m[2]}" after "${m[1]}" is one mark too many.`, [m[1]]));
    }
    return findings.sort((a, b) => a.start - b.start);
  },
};

function found(start: number, end: number, text: string, message: string, suggestions: string[]): Finding {
  return { ruleId: 'punctuation-spacing', category: 'fluency/punctuation', severity: 'minor', start, end, text: text.slice(start, end), message, suggestions };
}
