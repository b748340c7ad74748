/** A number found in text, with its value after applying scale words (3.5亿 = 350000000). */
export interface NumberMention {
  value: number;
  start: number;
  end: number;
  text: string;
}

const CN_SCALE: Record<string, number> = { 十: 10, 百: 100, 千: 1e3, 万: 1e4, 亿: 1e8, 万亿: 1e12 };
const EN_SCALE: Record<string, number> = {
  hundred: 100, thousand: 1e3, k: 1e3, million: 1e6, m: 1e6, mn: 1e6, billion: 1e9, bn: 1e9, b: 1e9, trillion: 1e12, tn: 1e12,
};
const EN_WORDS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70,
  eighty: 80, ninety: 90, hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, dozen: 12, half: 0.5, double: 2, twice: 2, first: 1, second: 2, third: 3,
  // 10倍 is as often "tenfold" as "ten times".
  twofold: 2, threefold: 3, fourfold: 4, fivefold: 5, sixfold: 6, sevenfold: 7, eightfold: 8, ninefold: 9, tenfold: 10,
  twentyfold: 20, fiftyfold: 50, hundredfold: 100, thousandfold: 1e3,
};

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_ABBR = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** 3月 in a Chinese date is "March": a capitalised month name counts as its number. */
function monthNumber(word: string): number | undefined {
  if (word[0] !== word[0].toUpperCase()) return undefined;
  const lower = word.toLowerCase();
  const i = MONTHS.indexOf(lower);
  if (i >= 0) return i + 1;
  const j = lower === 'may' ? -1 : MONTH_ABBR.indexOf(lower.replace(/\.$/, ''));
  return j >= 0 ? j + 1 : undefined;
}

const ANY_DIGIT = /[0-9０-９]/;
const CN_NUMBER = /[0-9０-９]+(?:[.．][0-9０-９]+)?(?:[,，][0-9０-９]{3})*(万亿|[十百千万亿])?/g;
const withoutCommas = (s: string) => (s.includes(',') ? s.replace(/,/g, '') : s);

function hasFullWidth(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0xff00) return true;
  return false;
}

/** Whether a mention is written in digits (the others are number words). */
export const inDigits = (mention: NumberMention) => isDigit(mention.text.charCodeAt(0));
const isDigit = (code: number) => code >= 0x30 && code <= 0x39;
const toAscii = (s: string) => s.replace(/[０-９．，]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** Digits in Chinese text, with 万/亿 scales ("3.5亿"). */
export function chineseNumbers(text: string): NumberMention[] {
  const out: NumberMention[] = [];
  if (!ANY_DIGIT.test(text)) return out;
  for (const m of text.matchAll(CN_NUMBER)) {
    const written = m[1] ? m[0].slice(0, -m[1].length) : m[0];
    const digits = withoutCommas(hasFullWidth(written) ? toAscii(written) : written);
    const scale = m[1] ? CN_SCALE[m[1]] : 1;
    out.push({ value: Number(digits) * scale, start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/**
 * Numbers written in Chinese numerals ("两百五十万" = 2,500,000, "三十亿" = 3,000,000,000), and the
 * percentages of 成 and 折: 三成 is 30% ("three tenths"), 三成五 35%, 八折 a price at 80% (so also
 * "20% off").
 */
export function chineseNumeralNumbers(text: string): NumberMention[] {
  const out: NumberMention[] = [];
  for (const m of text.matchAll(/[零〇一二两三四五六七八九十百千万亿]+/g)) {
    const value = parseChineseNumeral(m[0]);
    if (value !== undefined) out.push({ value, start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  if (text.includes('成') || text.includes('折')) {
    for (const m of text.matchAll(/([一二两三四五六七八九0-9])([成折])([一二三四五六七八九0-9])?/g)) {
      const tenths = CN_DIGIT[m[1]] ?? Number(m[1]);
      const hundredths = m[3] ? (CN_DIGIT[m[3]] ?? Number(m[3])) : 0;
      const percent = tenths * 10 + hundredths;
      const mention = { start: m.index, end: m.index + m[0].length, text: m[0] };
      out.push({ ...mention, value: percent });
      if (m[2] === '折') out.push({ ...mention, value: 100 - percent });
    }
  }
  return out;
}

function parseChineseNumeral(s: string): number | undefined {
  let total = 0;
  let section = 0;
  let digit = 0;
  let seenDigit = false;
  for (const c of s) {
    if (c in CN_DIGIT) {
      digit = CN_DIGIT[c];
      seenDigit = true;
    } else if (c in CN_UNIT) {
      section += (digit || 1) * CN_UNIT[c];
      digit = 0;
    } else if (c === '万') {
      total += (section + digit || 1) * 1e4;
      section = digit = 0;
    } else if (c === '亿') {
      total = (total + section + digit || 1) * 1e8;
      section = digit = 0;
    }
  }
  const value = total + section + digit;
  return seenDigit || s.includes('十') ? value : undefined;
}

// Digits with an optional scale word, or one of the words we can read as a number. Naming the
// words (instead of matching every word and looking it up) keeps this fast on long texts.
const NUMBER_PATTERN = new RegExp(
  String.raw`\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s?(hundred|thousand|million|billion|trillion|bn|mn|tn|k|m|b)\b)?` +
  `|\\b(${[...Object.keys(EN_WORDS), ...MONTHS, ...MONTH_ABBR].join('|')})\\b`,
  'gi',
);

/** Numbers in English text: digits with optional scale word ("3.5 billion", "20k"), and number words. */
export function englishNumbers(text: string): NumberMention[] {
  const out: NumberMention[] = [];
  for (const m of text.matchAll(NUMBER_PATTERN)) {
    if (m[1]) {
      const scale = m[2] ? EN_SCALE[m[2].toLowerCase()] : 1;
      out.push({ value: Number(withoutCommas(m[1])) * scale, start: m.index, end: m.index + m[0].length, text: m[0] });
    } else {
      const word = m[3].toLowerCase();
      const month = monthNumber(m[3]);
      if (month !== undefined) out.push({ value: month, start: m.index, end: m.index + m[0].length, text: m[0] });
      else if (word in EN_WORDS) out.push({ value: EN_WORDS[word], start: m.index, end: m.index + m[0].length, text: m[0] });
    }
  }
  const combined = combineWords(out, text);
  // Rare in text, so each is looked for only where its key word is.
  if (/half|quarter|third/i.test(text)) {
    for (const m of text.matchAll(FRACTION_OF_SCALE)) {
      combined.push({ value: FRACTIONS[m[1].toLowerCase().replace(/\s+/g, ' ')] * EN_SCALE[m[2].toLowerCase()], start: m.index, end: m.index + m[0].length, text: m[0] });
    }
    for (const m of text.matchAll(AND_A_FRACTION)) {
      const whole = /^\d/.test(m[1]) ? Number(m[1]) : EN_WORDS[m[1].toLowerCase()];
      combined.push({ value: whole + (m[2].toLowerCase() === 'half' ? 0.5 : 0.25), start: m.index, end: m.index + m[0].length, text: m[0] });
    }
  }
  return combined;
}

const FRACTIONS: Record<string, number> = { half: 0.5, 'a quarter': 0.25, 'one quarter': 0.25, 'three quarters': 0.75, 'a third': 1 / 3, 'one third': 1 / 3, 'two thirds': 2 / 3 };
/** "half a million" (50万), "a quarter of a million" (25万), "two thirds of a billion". */
const FRACTION_OF_SCALE = /\b(half|a\s+quarter|one\s+quarter|three\s+quarters|a\s+third|one\s+third|two\s+thirds)\s+(?:of\s+)?an?\s+(hundred|thousand|million|billion|trillion)\b/gi;
/** "three and a half" (3.5), "2 and a quarter". */
const AND_A_FRACTION = new RegExp(
  String.raw`\b(\d+|${['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'].join('|')})\s+and\s+a\s+(half|quarter)\b`,
  'gi',
);

const SPACE_OR_HYPHEN = /^[\s-]$/;
const SCALE_WORDS = new Set(['hundred', 'thousand', 'million', 'billion', 'trillion']);

/** "twenty-five" → 25, "fourteen billion" → 14e9, "two hundred" → 200: adjacent number words combine. */
function combineWords(mentions: NumberMention[], text: string): NumberMention[] {
  const out: NumberMention[] = [];
  for (const m of mentions) {
    const prev = out[out.length - 1];
    // Only number words one space or hyphen apart combine.
    if (prev && m.start - prev.end === 1 && !inDigits(m) && SPACE_OR_HYPHEN.test(text[prev.end])) {
      const isScale = SCALE_WORDS.has(m.text.toLowerCase());
      const combined = isScale ? prev.value * EN_SCALE[m.text.toLowerCase()] : prev.value >= 20 && prev.value % 10 === 0 && m.value < 10 ? prev.value + m.value : undefined;
      if (combined !== undefined) {
        // Keep the parts too: "two hundred" may stand for 2 and 100 as much as for 200.
        out.push({ value: combined, start: prev.start, end: m.end, text: text.slice(prev.start, m.end) });
        continue;
      }
    }
    out.push(m);
  }
  return out;
}

/** Shares and changes English words where Chinese writes a percentage: 50% is "half", +100% "doubled". */
const PERCENT_WORDS: [RegExp, number][] = [
  [/\b(?:half|halved)\b/i, 50],
  [/\b(?:a|one)[\s-]+quarter\b/i, 25],
  [/\bthree[\s-]+quarters\b/i, 75],
  [/\b(?:a|one)[\s-]+third\b/i, 100 / 3],
  [/\btwo[\s-]+thirds\b/i, 200 / 3],
  [/\b(?:a|one)[\s-]+fifth\b/i, 20],
  [/\b(?:a|one)[\s-]+tenth\b/i, 10],
  [/\b(?:doubled?|doubling|twice|twofold)\b/i, 100],
  [/\b(?:tripled?|tripling|threefold)\b/i, 200],
  [/\b(?:quadrupled?|quadrupling|fourfold)\b/i, 300],
];

/** The percentages an English text gives in words ("a third of users": 33.3). */
export function percentagesInWords(text: string): number[] {
  const out: number[] = [];
  for (const [words, percent] of PERCENT_WORDS) if (words.test(text)) out.push(percent);
  return out;
}

/** True when two values are the same number, allowing for rounding in the translation. */
export function sameNumber(a: number, b: number): boolean {
  if (a === b) return true;
  const big = Math.max(Math.abs(a), Math.abs(b));
  return big >= 1000 && Math.abs(a - b) / big < 0.01;
}

/**
 * Values that answer "is any of them sameNumber(v)?" by binary search, so that comparing the
 * numbers of a sentence with those of its source grows as n log n, not n × m.
 */
export class NumberSet {
  private readonly sorted: number[];

  constructor(values: Iterable<number>) {
    this.sorted = [...values].filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  }

  has(value: number): boolean {
    const { sorted } = this;
    if (sorted.length === 0 || Number.isNaN(value)) return false;
    // sameNumber(a, v) holds for a = v, for a just below v within 1%, and for a above v up to
    // v / 0.99 once a reaches 1000: the nearest value on each side, and the first at or above
    // max(v, 1000), are the only ones to try.
    const at = this.firstAtOrAbove(value);
    if (at < sorted.length && sameNumber(sorted[at], value)) return true;
    if (at > 0 && sameNumber(sorted[at - 1], value)) return true;
    const big = this.firstAtOrAbove(Math.max(value, 1000));
    return big < sorted.length && sameNumber(sorted[big], value);
  }

  private firstAtOrAbove(value: number): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid] < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
