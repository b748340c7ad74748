import { defaultFlagger, type SegmentToFlag } from '../../server/checks/engine';
import { flagText } from '../../server/checks/flag-text';
import { tokenize } from '../../server/text/tokens';
import { testApp, api } from '../helpers/app';

/**
 * Every check must take time in proportion to its input. Each registered check runs over
 * pathological inputs (the ones that made regular expressions and rescans quadratic, and others
 * of the same kinds) at n and 4n characters. A linear check takes about 4 times as long at 4n, a
 * quadratic one 16 times: the test allows 10, on the best of four runs, and counts anything
 * under 10 milliseconds as 10, so a loaded machine does not make it fail.
 */
jest.setTimeout(300_000);

const flagger = defaultFlagger().prepare();
const N = 16_000;
const MAX_RATIO = 10;
/**
 * Below this a run is too short to time (a garbage collection can take longer); a quadratic check
 * that takes this long at n takes 16 times as long at 4n and still fails.
 */
const FLOOR_MS = 20;

const fill = (unit: string, n: number) => unit.repeat(Math.max(1, Math.ceil(n / unit.length))).slice(0, n);
const numbers = (n: number, step: number, offset: number, sep: string) => {
  const parts: string[] = [];
  for (let i = 0, length = 0; length < n; i++) {
    const s = String(i * step + offset);
    parts.push(s);
    length += s.length + sep.length;
  }
  return parts.join(sep);
};

/** Inputs of about n characters each; those of the issue first. */
const PATHOLOGICAL: Record<string, (n: number) => SegmentToFlag> = {
  'ideographic spaces between letters': (n) => ({ text: `x${fill('\u3000', n)}x` }),
  'curly quotes before "x中"': (n) => ({ text: `${fill('\u201c', n)}x中` }),
  '"aé" repeated, then a repeated word': (n) => ({ text: `${fill('aé', n)} x x` }),
  '"a\'" repeated, then a repeated word': (n) => ({ text: `${fill("a'", n)} x x` }),
  'one long word': (n) => ({ text: fill('a', n) }),
  'one long word of random letters': (n) => ({ text: Array.from({ length: n }, (_, i) => String.fromCharCode(97 + ((i * 7919) % 26))).join('') }),
  'one long capitalised word with hyphens': (n) => ({ text: `${fill('A-', n)}A1` }),
  'numbers against other source numbers': (n) => ({ text: numbers(n, 1, 1000, ' '), source: numbers(n, 3, 50_000, '，') }),
  'percentages against source percentages': (n) => ({ text: fill('1% ', n), source: fill('3％，', n) }),
  'digits only': (n) => ({ text: fill('1', n), source: fill('2', n) }),
  'a phrase rule matching every sentence': (n) => ({ text: fill('We will empower the industry. ', n) }),
  'a phrase rule word over and over': (n) => ({ text: fill('empower ', n) }),
  'the same source idiom over and over': (n) => ({ text: fill('the grasping hand ', n), source: fill('抓手', n) }),
  'Han characters only': (n) => ({ text: fill('中', n), source: fill('中', n) }),
  'opening brackets': (n) => ({ text: fill('(', n) }),
  'closing brackets after letters': (n) => ({ text: fill('a)', n) }),
  'mixed full-width brackets': (n) => ({ text: fill('（[{', n) }),
  'a long run of spaces': (n) => ({ text: `a${fill(' ', n)}b` }),
  'double spaces between words': (n) => ({ text: fill('a  ', n) }),
  'an unclosed gloss': (n) => ({ text: fill('Word (abc ', n) }),
  'misspelled words': (n) => ({ text: numbers(n, 7, 1, ' ').replace(/\d/g, (d) => 'qzxjkvbwpy'[Number(d)]) }),
  'adjective and noun pairs': (n) => ({ text: fill('the robust banana and the tender economy ', n) }),
  'dotted words': (n) => ({ text: fill('a.com', n) }),
  'apostrophes': (n) => ({ text: fill("'", n) }),
  'a headline formula on every line': (n) => ({ text: fill('Heavy! News\n', n) }),
  'one long line of formula words': (n) => ({ text: fill('just now ', n) + '!' }),
  'combining marks': (n) => ({ text: `a${fill('\u0301', n)}` }),
  'astral Han characters': (n) => ({ text: fill('𠀀', n) }),
  'number words': (n) => ({ text: fill('twenty one ', n), source: '1' }),
  'month names': (n) => ({ text: fill('March ', n), source: '3月' }),
  'a calque in title case over and over': (n) => ({ text: fill('The New Force Rankings ', n) }),
  'a quoted calque over and over': (n) => ({ text: fill('the "machine sea" tactics ', n) }),
  'names in capitals': (n) => ({ text: fill('Zhang Wei ', n), source: fill('张伟', n) }),
  'opening quotation marks before letters': (n) => ({ text: fill('"ab ', n) }),
  'quoted coinages over and over': (n) => ({ text: fill('the "lamp sea tactics" ', n) }),
  'single quotes around letters and spaces': (n) => ({ text: fill(" 'a b", n) }),
};

function bestMs(run: () => unknown): number {
  let best = Infinity;
  for (let k = 0; k < 4; k++) {
    const started = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
  }
  return best;
}

/** Times `work` on inputs of n and 4n characters; fails when it grows faster than linear. */
function expectLinear(work: (segment: SegmentToFlag) => unknown, make: (n: number) => SegmentToFlag, n = N): void {
  const small = make(n);
  const large = make(4 * n);
  work(small); // first-use loading (dictionaries, caches) is not the check's growth
  const ms = bestMs(() => work(small));
  const ms4 = bestMs(() => work(large));
  const ratio = ms4 / Math.max(ms, FLOOR_MS);
  // The message names the figures when it fails.
  expect(`${ratio < MAX_RATIO ? 'linear' : 'faster than linear'}: ${ms.toFixed(1)} ms at n, ${ms4.toFixed(1)} ms at 4n`).toMatch(/^linear/);
}

const cases = Object.entries(PATHOLOGICAL);

describe.each(flagger.checks.map((c) => [c.meta.id, c] as const))('check %s is linear', (_id, check) => {
  test.each(cases)('on %s', (_name, make) => {
    // Tokens are made once per input, as the engine does; tokenising is timed with the whole flagger below.
    const withTokens = (n: number) => {
      const s = make(n);
      return { ...s, tokens: tokenize(s.text) };
    };
    expectLinear((s) => (check.meta.needsSource && !s.source ? [] : check.run(s as SegmentToFlag & { tokens: ReturnType<typeof tokenize> })), withTokens);
  });
});

describe('the whole flagger is linear', () => {
  test.each(cases)('flagging one segment of %s', (_name, make) => {
    expectLinear((s) => flagger.flag(s), make);
  });

  test.each(cases)('flagging a text of %s sentence by sentence', (_name, make) => {
    expectLinear((s) => flagText(flagger, s.text, { source: s.source }), make);
  });
});

describe.each(flagger.documentChecks.map((c) => [c.meta.id, c] as const))('document check %s is linear', (_id, check) => {
  test.each(cases)('over one segment of %s', (_name, make) => {
    expectLinear((s) => check.run([s]), make);
  });

  test('over many segments with the same names and terms', () => {
    const segment = { text: 'Zhang Wei said the grasping hand of Zhang Wei and Chang Wei grew 5%.', source: '张伟说，抓手增长了5%。' };
    // n here is characters of the document, as above: about 70 per segment.
    expectLinear((s) => check.run(Array.from({ length: Math.round(s.text.length / 70) }, () => segment)), (n) => ({ text: 'x'.repeat(n) }), 70 * 500);
  });
});

describe('proposals', () => {
  test('proposing and accepting a long run of ideographic spaces is linear', async () => {
    const { app, services } = testApp();
    const doc = await api(app).post('/api/documents').send({ title: 'T', sourceLang: 'zh', targetLang: 'en', mtText: 'Hello world.' }).expect(201);
    const segmentId = services.store.query.page(doc.body.id, {}, 1, 0)[0].id;
    const proposeAndAccept = async (text: string) => {
      const started = process.hrtime.bigint();
      const segment = services.store.query.page(doc.body.id, {}, 1, 0)[0];
      const proposal = await api(app).post(`/api/segments/${segmentId}/proposals`).send({ text, baseVersion: segment.version }).expect(201);
      await api(app).post(`/api/proposals/${proposal.body.id}/accept`).send({}).expect(200);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    await proposeAndAccept(`x${'\u3000'.repeat(100)}x`);
    let ms = Infinity;
    let ms4 = Infinity;
    for (let k = 0; k < 3; k++) {
      ms = Math.min(ms, await proposeAndAccept(`x${'\u3000'.repeat(5000)}x`));
      ms4 = Math.min(ms4, await proposeAndAccept(`x${'\u3000'.repeat(19_998)}x`));
    }
    expect(ms4 / Math.max(ms, 10)).toBeLessThan(MAX_RATIO);
  });
});
