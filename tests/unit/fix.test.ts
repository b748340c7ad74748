import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyFix, describeSuggestion, expandSuggestion } from '../../server/checks/fix';
import { beForm, conjugate, formOf, hasPluralSubject, tenseFromContext } from '../../server/text/conjugate';
import { inflections } from '../../server/text/inflect';
import { loadRuleFamilies, RulePackError } from '../../server/checks/rulepack';
import { matchCase, PhraseMatcher } from '../../server/checks/phrase-matcher';
import { tokenize } from '../../server/text/tokens';

/** Replaces the first occurrence of `phrase` in `text` as a reviewer accepting a suggestion would. */
const fix = (text: string, phrase: string, replacement: string) => {
  const start = text.indexOf(phrase);
  return applyFix(text, start, start + phrase.length, replacement);
};

describe('applying a suggestion to a sentence', () => {
  test('"a" and "an" before the replaced words follow the new word', () => {
    expect(fix('Each hospital is an information island.', 'information island', 'data silo')).toBe('Each hospital is a data silo.');
    expect(fix('Mid-cap stocks are a value depression.', 'value depression', 'undervalued market')).toBe('Mid-cap stocks are an undervalued market.');
    expect(fix('It was An Unexpected gift.', 'Unexpected gift', 'gift')).toBe('It was A gift.');
    expect(fix('This is an important grasping hand.', 'grasping hand', 'lever')).toBe('This is an important lever.');
    expect(fix("It is trapped in an 'involution' cycle.", 'involution', 'cutthroat competition')).toBe("It is trapped in a 'cutthroat competition' cycle.");
    expect(fix('It is a “track” of its own.', 'track', 'arena')).toBe('It is an “arena” of its own.');
  });

  test('"a" and "an" follow the sound, not the letter', () => {
    expect(fix('We opened a shop.', 'shop', 'hourly service')).toBe('We opened an hourly service.');
    expect(fix('We chose an option.', 'option', 'user-friendly design')).toBe('We chose a user-friendly design.');
    expect(fix('It is a firm.', 'firm', 'SME')).toBe('It is an SME.');
    expect(fix('It is an idea.', 'idea', 'one-off')).toBe('It is a one-off.');
  });

  test('deleting words before a noun fixes the article too', () => {
    expect(fix('The award was an unexpected surprise.', 'unexpected ', '')).toBe('The award was a surprise.');
    expect(fix('The award was an unexpected surprise.', 'unexpected', '')).toBe('The award was a surprise.');
  });

  test('a replacement opening with "the" drops it after a determiner or a possessive', () => {
    expect(fix('It must improve its blood-making ability.', 'blood-making ability', 'the ability to make money')).toBe('It must improve its ability to make money.');
    expect(fix("The firm's blood-making ability fell.", 'blood-making ability', 'the ability to make money')).toBe("The firm's ability to make money fell.");
    expect(fix('It needs a blood-making ability.', 'blood-making ability', 'the ability to make money')).toBe('It needs an ability to make money.');
    expect(fix("It's blood-making ability that counts.", 'blood-making ability', 'the ability to make money')).toBe("It's the ability to make money that counts.");
    expect(fix('It lacks blood-making ability.', 'blood-making ability', 'the ability to make money')).toBe('It lacks the ability to make money.');
  });

  test('a lower-case replacement at the start of a sentence takes a capital', () => {
    expect(fix('Warm reminder: the park closes at six.', 'Warm reminder', 'please note')).toBe('Please note: the park closes at six.');
    expect(fix('Tea sells. Warm reminder: it closes.', 'Warm reminder', 'please note')).toBe('Tea sells. Please note: it closes.');
  });

  test('a name spelt with a lower-case start keeps it at the start of a sentence', () => {
    expect(fix('Keda Xunfei unveiled a model.', 'Keda Xunfei', 'iFlytek')).toBe('iFlytek unveiled a model.');
    expect(fix('Sales fell. Yibei said so.', 'Yibei', 'eBay')).toBe('Sales fell. eBay said so.');
    expect(fix('Zhenwo phones sold well.', 'Zhenwo', 'realme')).toBe('Realme phones sold well.');
  });

  test('the suggestion shown for a flag at a sentence start is written the same way', () => {
    expect(matchCase('iFlytek', 'Keda')).toBe('iFlytek');
    expect(matchCase('enable', 'Empower')).toBe('Enable');
    expect(matchCase('enable', 'empower')).toBe('enable');
  });
});

describe('word forms in suggestions', () => {
  test('a word takes the form of another: s, past, participle, -ing', () => {
    expect(conjugate('help', 's')).toBe('helps');
    expect(conjugate('go', 'past')).toBe('went');
    expect(conjugate('go', 'participle')).toBe('gone');
    expect(conjugate('leapfrog', 'ing')).toBe('leapfrogging');
    expect(conjugate('stop', 'ing')).toBe('stopping');
    expect(conjugate('develop', 'past')).toBe('developed');
    expect(conjugate('tie', 'ing')).toBe('tying');
    expect(conjugate('silo', 's')).toBe('silos');
    expect(conjugate('study', 's')).toBe('studies');
    expect(conjugate('Take', 'past')).toBe('Took');
    expect(conjugate('API', 's')).toBe('APIs');
    expect(conjugate('SME', 's')).toBe('SMEs');
  });

  test('the form of a word in text is read against the words a pattern was written with', () => {
    expect(formOf('empowers', ['empower'])).toBe('s');
    expect(formOf('landed', ['land', 'landed'])).toBe('ed');
    expect(formOf('went', ['go'])).toBe('past');
    expect(formOf('enterprises', ['enterprise', 'enterprises'])).toBe('s');
    expect(formOf('business', ['business'])).toBe('base');
    // A prefix on an irregular verb keeps its forms.
    expect(formOf('repaid', ['repay'])).toBe('ed');
    expect(formOf('withheld', ['withhold'])).toBe('ed');
    expect(formOf('outsold', ['outsell'])).toBe('ed');
  });

  test('an "-ing" noun of a pattern stays a noun, so a suggestion for it is not made an "-ing" form', () => {
    // "exchange meeting|meetings|session": forum~2 gives "forum", not "foruming".
    expect(formOf('meeting', ['meeting', 'meetings', 'session'])).toBe('base');
    expect(formOf('drawing', ['drawing', 'drawings'])).toBe('base');
    expect(formOf('meetings', ['meeting', 'meetings', 'session'])).toBe('s');
    // A pattern that lists only inflected forms is read by their endings.
    expect(formOf('floating', ['floating', 'fluttering'])).toBe('ing');
    expect(formOf('exploded', ['exploded', 'burst'])).toBe('ed');
    expect(conjugate('speed', 'past')).toBe('sped');
    // "grind~1 on" after "were ground down", "hear~1" after "had heard".
    expect(conjugate('grind', 'participle')).toBe('ground');
    expect(conjugate('hear', 'past')).toBe('heard');
    expect(conjugate('strive', 'participle')).toBe('striven');
  });

  test('nouns with irregular plurals follow the match too', () => {
    expect(formOf('geese', ['goose'])).toBe('s');
    expect(formOf('strongmen', ['strongman'])).toBe('s');
    expect(conjugate('craftsman', 's')).toBe('craftsmen');
    expect(conjugate('ox', 's')).toBe('oxen');
    expect(conjugate('human', 's')).toBe('humans');
  });

  test('"be" in a suggestion agrees with the subject of the verb it replaces', () => {
    expect(beForm('past', ['three', 'deputy', 'mayors'])).toBe('were');
    expect(beForm('past', ['the', 'vice', 'governor'])).toBe('was');
    expect(beForm('base', ['officials', 'often'])).toBe('are');
    expect(beForm('base', ['they'])).toBe('are');
    expect(beForm('base', ['expected', 'to'])).toBe('be');
    expect(beForm('base', ['it', 'will'])).toBe('be');
    expect(beForm('s', ['the', 'governor'])).toBe('is');
    expect(beForm('participle', ['has'])).toBe('been');
    // The word before is not the subject after a preposition ("the price of shares fell"): singular.
    expect(beForm('past', ['price', 'of', 'shares'])).toBe('was');
  });

  test('"its" and "itself" in a verb suggestion follow a plural subject', () => {
    expect(hasPluralSubject(['three', 'carmakers'])).toBe(true);
    expect(hasPluralSubject(['the', 'carmaker'])).toBe(false);
    expect(hasPluralSubject(['among', 'robotaxi', 'operators'])).toBe(false);
  });

  test('an adverb between the auxiliary and the verb does not hide the participle', () => {
    // "Interns have always backed the pot" gives "have always taken the blame", not "have always took".
    expect(tenseFromContext(['interns', 'have', 'always'])).toBe('participle');
    expect(tenseFromContext(['it', 'has', 'long'])).toBe('participle');
    expect(tenseFromContext(['he', 'always'])).toBe('past');
    expect(tenseFromContext(['will', 'soon'])).toBe('base');
  });

  test('a pattern word that is a prefixed irregular verb matches its past forms', () => {
    expect(inflections('repay')).toEqual(expect.arrayContaining(['repays', 'repaid', 'repaying']));
    expect(inflections('withhold')).toContain('withheld');
    expect(inflections('rebuild')).toContain('rebuilt');
    expect(inflections('undertake')).toEqual(expect.arrayContaining(['undertook', 'undertaken']));
    // Not for words that only look prefixed.
    expect(inflections('feed')).not.toContain('fed');
  });
});

describe('rule packs with suggestions that reuse matched words and their forms', () => {
  const pack = (rules: string, classes = '') => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calque-pack-'));
    fs.writeFileSync(path.join(dir, 'test.yaml'), `family: test\n${classes}rules:\n${rules}`);
    return dir;
  };
  const rule = (patterns: string, suggestions: string) => `
  - id: test-rule
    patterns:
${patterns}
    suggestions: ${suggestions}
    message: m
    explanation: e
    category: style/awkward
    severity: minor
    examples:
      flag: ['We [empower firms]. => We help firms.']
      pass: ['We help firms.']
`;
  const suggestionsFor = (dir: string, text: string) =>
    new PhraseMatcher(loadRuleFamilies(dir)[0].rules).run(text, tokenize(text)).map((f) => f.suggestions[0]);

  test('help~1 follows the form of the matched verb; \\2 keeps the matched words', () => {
    const dir = pack(rule("      - '[empower @firms]'", "['help~1 \\2']"), 'classes:\n  firms: [firm, firms, merchant, merchants]\n');
    expect(suggestionsFor(dir, 'The platform empowers merchants.')).toEqual(['helps merchants']);
    expect(suggestionsFor(dir, 'It has empowered firms.')).toEqual(['helped firms']);
    expect(suggestionsFor(dir, 'It is empowering firms.')).toEqual(['helping firms']);
  });

  test('a pattern may bring suggestions of its own; the others use the rule\'s', () => {
    const dir = pack(rule("      - pattern: '[=landing of ...2 projects]'\n        suggestions: ['implementation of \\3 \\4']\n      - 'projects [=landed]'", '[took effect]'));
    expect(suggestionsFor(dir, 'We sped up the landing of these projects.')).toEqual(['implementation of these projects']);
    expect(suggestionsFor(dir, 'The projects landed.')).toEqual(['took effect']);
  });

  test('a reference to a word outside the pattern is a load error naming the rule', () => {
    const dir = pack(rule("      - '[empower firms]'", "['help \\3']"));
    expect(() => loadRuleFamilies(dir)).toThrow(RulePackError);
    expect(() => loadRuleFamilies(dir)).toThrow(/test-rule.*refers to element 3/);
  });

  test('the list of a rule\'s suggestions shows references as "…" and forms as the plain word', () => {
    expect(describeSuggestion('help~1 \\2 \\3')).toBe('help …');
  });
});

describe('references to consecutive elements', () => {
  test('give the matched text as it stands, hyphens included', () => {
    const text = 'small and medium-sized enterprises';
    const spans: Record<number, [number, number]> = { 1: [0, 5], 2: [6, 9], 3: [10, 16], 4: [17, 22], 5: [23, 34] };
    const elementsText = (from: number, to: number) => text.slice(spans[from][0], spans[to][1]);
    expect(expandSuggestion('help \\1 \\2 \\3 \\4 \\5', elementsText)).toBe('help small and medium-sized enterprises');
    expect(expandSuggestion('\\5 of \\1 size', elementsText)).toBe('enterprises of small size');
  });

  test('a pattern written with inflected forms only still tells the form of a match', () => {
    expect(formOf('empowered', ['empowered', 'empowering'])).toBe('ed');
    expect(formOf('logistics', ['logistics'])).toBe('base');
  });
});

describe('flag examples state their fixed sentence', () => {
  test('a rule pack whose flag example lacks " => fixed sentence" does not load, and the error names file, rule and example', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calque-pack-'));
    fs.writeFileSync(path.join(dir, 'unfixed.yaml'), `family: test
rules:
  - id: unfixed-rule
    pattern: '[empower firms]'
    suggestions: [help firms]
    message: m
    explanation: e
    category: style/awkward
    severity: minor
    examples:
      flag: ['We [empower firms].']
      pass: ['We help firms.']
`);
    expect(() => loadRuleFamilies(dir)).toThrow(RulePackError);
    expect(() => loadRuleFamilies(dir)).toThrow(/unfixed\.yaml: rule unfixed-rule: flag example "We \[empower firms\]\." does not say what fixing it gives/);
  });
});
