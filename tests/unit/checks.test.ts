import { CHECKS } from '../../server/checks/registry';
import { parseMarkedExample } from '../../server/checks/examples';
import { applyFix } from '../../server/checks/fix';
import { tokenize } from '../../server/text/tokens';
import type { Check } from '../../server/checks/types';

const run = (check: Check, text: string, source?: string) => check.run({ text, tokens: tokenize(text), source });

describe.each(CHECKS.map((c) => [c.meta.id, c] as const))('check %s', (id, check) => {
  test('its id is kebab-case and its metadata complete', () => {
    expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(check.meta.name).not.toBe('');
    expect(check.meta.description).not.toBe('');
  });

  test.each(check.examples.flag)('flags $text', (example) => {
    const marked = parseMarkedExample(example.text)!;
    expect(marked).not.toBeNull();
    const findings = run(check, marked.text, example.source);
    const hit = findings.find((f) => f.start === marked.start && f.end === marked.end);
    expect(hit).toBeDefined();
    expect(hit!.ruleId).toBe(id);
    expect(hit!.text).toBe(marked.text.slice(marked.start, marked.end));
    if (example.suggestion !== undefined) expect(hit!.suggestions[0]).toBe(example.suggestion);
    if (!check.meta.suggests) expect(hit!.suggestions).toEqual([]);
    // As ESLint's RuleTester states the fixed output: every suggesting example says what applying
    // the first suggestion gives, and one with no suggestion states none.
    if (check.meta.suggests && hit!.suggestions.length > 0) {
      expect(example.fixed).toBeDefined();
      expect(applyFix(marked.text, hit!.start, hit!.end, hit!.suggestions[0])).toBe(example.fixed);
    } else {
      expect(example.fixed).toBeUndefined();
    }
  });

  test.each(check.examples.pass)('passes $text', (example) => {
    expect(run(check, example.text, example.source)).toEqual([]);
  });

  test('finds nothing in an empty segment', () => {
    expect(run(check, '', check.meta.needsSource ? '示例。' : undefined)).toEqual([]);
  });
});

import { DOCUMENT_CHECKS } from '../../server/checks/registry';

describe.each(DOCUMENT_CHECKS.map((c) => [c.meta.id, c] as const))('document check %s', (id, check) => {
  test.each(check.examples.flag.map((e, i) => [i + 1, e] as const))('flags example %i', (_n, example) => {
    const marked = example.segments.map((s) => ({ ...s, marked: parseMarkedExample(s.text) }));
    const target = marked.findIndex((s) => s.marked);
    expect(target).toBeGreaterThanOrEqual(0);
    const segments = marked.map((s) => ({ text: s.marked ? s.marked.text : s.text, source: s.source }));
    const findings = check.run(segments, { terms: example.terms });
    const hit = findings[target].find((f) => f.start === marked[target].marked!.start && f.end === marked[target].marked!.end);
    expect(hit?.ruleId).toBe(id);
    if (example.suggestion) expect(hit!.suggestions[0]).toBe(example.suggestion);
    findings.forEach((list, i) => { if (i !== target) expect(list).toEqual([]); });
  });

  test.each(check.examples.pass.map((e, i) => [i + 1, e] as const))('passes example %i', (_n, example) => {
    expect(check.run(example.segments, { terms: example.terms }).flat()).toEqual([]);
  });
});

import { applySuggestion } from '../../server/review/review';

describe('applying a suggestion', () => {
  const segment = (text: string) => ({ text }) as Parameters<typeof applySuggestion>[0];
  test('replaces the flagged words, keeping the rest of the sentence', () => {
    expect(applySuggestion(segment('They began mutual cooperation.'), { start: 11, end: 29, text: 'mutual cooperation', suggestions: ['cooperation'] }, 0)).toBe('They began cooperation.');
  });
  test("an empty suggestion deletes the words and one space beside them", () => {
    expect(applySuggestion(segment('We must repeat it again.'), { start: 18, end: 23, text: 'again', suggestions: [''] }, 0)).toBe('We must repeat it.');
    expect(applySuggestion(segment('Prices rose gradually and step by step.'), { start: 12, end: 25, text: 'gradually and', suggestions: [''] }, 0)).toBe('Prices rose step by step.');
  });
  test('finds the phrase again when the text moved, and gives up when it is gone', () => {
    expect(applySuggestion(segment('Now they began mutual cooperation.'), { start: 11, end: 29, text: 'mutual cooperation', suggestions: ['cooperation'] }, 0)).toBe('Now they began cooperation.');
    expect(applySuggestion(segment('They cooperated.'), { start: 11, end: 29, text: 'mutual cooperation', suggestions: ['cooperation'] }, 0)).toBeUndefined();
  });
});

import { Flagger } from '../../server/checks/engine';

describe('Flagger.prepare', () => {
  test('loads what every check would load on first use, once per call, before any flagging', () => {
    const loaded: string[] = [];
    const lazy = (id: string): Check => ({
      meta: { id, name: id, description: id, category: 'style/awkward', severity: 'minor', suggests: false },
      examples: { flag: [], pass: [] },
      prepare: () => loaded.push(id),
      run: () => [],
    });
    const plain: Check = { ...lazy('plain'), prepare: undefined };
    const flagger = new Flagger([], [lazy('dictionary'), plain, lazy('lexicon')], []);
    expect(flagger.prepare()).toBe(flagger);
    expect(loaded).toEqual(['dictionary', 'lexicon']);
    flagger.flag({ text: 'Nothing to load here.' });
    expect(loaded).toEqual(['dictionary', 'lexicon']);
  });

  test('the checks with data files have something to load', () => {
    expect(CHECKS.filter((c) => c.prepare).map((c) => c.meta.id).sort()).toEqual(['bracketed-gloss', 'headline-opener', 'or-for-may', 'quoted-coinage', 'source-idiom', 'spelling', 'unusual-pairing']);
  });
});

import { defaultFlagger } from '../../server/checks/engine';

describe('quoted coinages the lexicon knows', () => {
  const flagger = defaultFlagger().prepare();

  test('are one highlight, with the lexicon entry\'s explanation', () => {
    const findings = flagger.flag({ text: 'Start-ups joined the "hundred-model war" last year.' });
    expect(findings.map((f) => [f.ruleId, f.text])).toEqual([['lx-tech-hundred-war', 'hundred-model war']]);
  });

  test('while a coinage no entry knows is still flagged', () => {
    const findings = flagger.flag({ text: 'Lamp makers turned to "lamp sea tactics" this year.' });
    expect(findings.map((f) => [f.ruleId, f.text])).toEqual([['quoted-coinage', 'lamp sea tactics']]);
  });
});

describe('unusual pairings the lexicon knows', () => {
  const flagger = defaultFlagger().prepare();

  test('are one highlight, with the lexicon entry\'s explanation and suggestion', () => {
    const findings = flagger.flag({ text: 'The platform signed up fifty ecological partners.' });
    expect(findings.map((f) => f.ruleId)).not.toContain('unusual-pairing');
    expect(findings.filter((f) => f.text === 'ecological partners')).toHaveLength(1);
  });

  test('while a pairing no entry knows is still flagged', () => {
    const findings = flagger.flag({ text: 'The firm reported fragrant revenue this year.' });
    expect(findings.map((f) => [f.ruleId, f.text])).toEqual([['unusual-pairing', 'fragrant revenue']]);
  });
});

describe('one highlight per phrase, one fitting suggestion per finding', () => {
  const flagger = defaultFlagger().prepare();

  describe('a sentence that misses a source number', () => {
    test('still shows the coinages in it: the number finding covers the sentence, not their words', () => {
      const findings = flagger.flag({ text: 'Exports grew, but "lamp sea tactics" cut margins.', source: '出口增长了8%，但灯海战术压低了利润。' });
      expect(findings.map((f) => [f.ruleId, f.text])).toEqual([
        ['number-mismatch', 'Exports grew, but "lamp sea tactics" cut margins.'],
        ['quoted-coinage', 'lamp sea tactics'],
      ]);
    });

    test('names the number once, however often the source repeats it', () => {
      const [finding] = flagger.flag({ text: 'Some stores, maybe most stores, opened.', source: '有25万家门店，25万家都开业了。' });
      expect(finding.message).toBe('The source number 25万 is missing from the translation.');
    });
  });

  describe('a coinage a rule explains', () => {
    test('is one highlight, not also a misspelling', () => {
      const findings = flagger.flag({ text: 'The carmaker is pushing the intelligentization of its cockpits.' });
      expect(findings.map((f) => [f.ruleId, f.text])).toEqual([['ization-coinages', 'intelligentization']]);
    });

    test('while a misspelling beside it is still flagged', () => {
      const findings = flagger.flag({ text: 'The carmaker is pushng the intelligentization of its cockpits.' });
      expect(findings.map((f) => [f.ruleId, f.text])).toEqual([['spelling', 'pushng'], ['ization-coinages', 'intelligentization']]);
    });
  });

  describe('suggestions that fill in alike', () => {
    test('are offered once ("PC game~1" and "PC games" after a plural)', () => {
      const finding = flagger.flag({ text: 'Sales of end-tours and mobile games fell.' }).find((f) => f.ruleId.startsWith('lx-duanyou'));
      expect(finding?.suggestions).toEqual(['PC games']);
    });
  });

  describe('a suggestion that repeats a word beside the highlight', () => {
    test('leaves that word out, so applying it does not double it', () => {
      const text = 'Brands now build their own private traffic on WeChat.';
      const finding = flagger.flag({ text }).find((f) => f.text === 'private traffic');
      expect(finding).toBeDefined();
      expect(applyFix(text, finding!.start, finding!.end, finding!.suggestions[0])).toBe('Brands now build their own customer channels on WeChat.');
    });

    test('is not offered first when it is that word alone', () => {
      const text = 'The brand tightened its control of terminal retail.';
      const finding = flagger.flag({ text }).find((f) => f.text === 'terminal');
      expect(finding).toBeDefined();
      expect(applyFix(text, finding!.start, finding!.end, finding!.suggestions[0])).toBe('The brand tightened its control of consumer retail.');
    });
  });
});
