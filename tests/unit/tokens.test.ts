import { tokenize, type Token } from '../../server/text/tokens';

/** The plain definition the tokenizer's shortcuts must agree with: the token expression on the text as written. */
function referenceTokenize(text: string): Token[] {
  const TOKEN = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}]+)*(?:[.,][\p{N}]+)*|[^\s\p{L}\p{M}\p{N}]/gu;
  const alnum = (code: number) => !Number.isNaN(code) && /[\p{L}\p{N}]/u.test(String.fromCharCode(code));
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const raw = m[0];
    const start = m.index;
    if (raw === '-' && alnum(text.charCodeAt(start - 1)) && alnum(text.charCodeAt(start + 1))) continue;
    if (raw.length > 1 && /\p{Script=Han}/u.test(raw)) {
      for (let i = 0; i < raw.length; i++) tokens.push({ norm: raw[i].toLowerCase().replace(/’/g, "'"), start: start + i, end: start + i + 1, kind: 'word' });
      continue;
    }
    tokens.push({ norm: raw.toLowerCase().replace(/’/g, "'"), start, end: start + raw.length, kind: /[\p{L}\p{M}\p{N}]/u.test(raw[0]) ? 'word' : 'punct' });
  }
  return tokens;
}

describe('tokenize', () => {
  test('words, numbers, apostrophes, joined hyphens and punctuation', () => {
    const tokens = tokenize("The editor's high-quality report: 3.5% of 1,200 didn’t (sic) - ok.");
    expect(tokens.map((t) => t.norm)).toEqual(["the", "editor's", 'high', 'quality', 'report', ':', '3.5', '%', 'of', '1,200', "didn't", '(', 'sic', ')', '-', 'ok', '.']);
    expect(tokens.filter((t) => t.kind === 'punct').map((t) => t.norm)).toEqual([':', '%', '(', ')', '-', '.']);
  });

  test('Han characters are one token each, beside Latin words', () => {
    expect(tokenize('落地了 Café 5G').map((t) => t.norm)).toEqual(['落', '地', '了', 'café', '5g']);
  });

  test('offsets point back into the text even when lower-casing changes its length', () => {
    const text = 'İstanbul and ANKARA grew.';
    for (const t of tokenize(text)) expect(text.slice(t.start, t.end).toLowerCase().replace(/’/g, "'")).toBe(t.norm);
  });

  test.each([
    "Plain ASCII, with 3.5 numbers, 1,200 items and don't-stop hyphens.",
    'naïve café résumé Zürich — “quoted” it’s 1,000.50 ٣.٥ ÉCOLE',
    'mixed5é e’x a\'é 3.é 3.٣ x-ü ü-x 𝐀bc 😀 emoji\u00a0nbsp\u3000ideographic İstanbul KELVIN',
  ])('agrees with the token expression: %s', (text) => {
    expect(tokenize(text)).toEqual(referenceTokenize(text));
  });

  test('agrees with the token expression on 3,000 random strings of tricky characters', () => {
    const alphabet = [...'aZ09 \t\n\'’.,-_()éÉ中文İ٣K\u00a0\u3000😀ß'];
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    for (let k = 0; k < 3000; k++) {
      const length = Math.floor(random() * 16);
      let text = '';
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      expect(tokenize(text)).toEqual(referenceTokenize(text));
    }
  });
});
