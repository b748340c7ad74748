import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadRuleFamilies } from '../../server/checks/rulepack';
import { PhraseMatcher } from '../../server/checks/phrase-matcher';
import { tokenize } from '../../server/text/tokens';

interface TestRule {
  id: string;
  pattern: string;
  flag: string;
  pass: string;
  suggestion?: string;
  unless?: string[];
}

/** A rule pack of one-pattern rules, each flagging its example sentence. */
function matcherOf(rules: TestRule[]): PhraseMatcher {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calque-matcher-'));
  const yaml = rules.map((r) => `
  - id: ${r.id}
    pattern: "${r.pattern}"
    suggestions: ['${r.suggestion ?? 'x'}']
    ${r.unless ? `unless: [${r.unless.join(', ')}]` : ''}
    message: m
    explanation: e
    category: style/awkward
    severity: minor
    examples:
      flag: ["${r.flag}"]
      pass: ["${r.pass}"]
`).join('');
  fs.writeFileSync(path.join(dir, 'test.yaml'), `family: test\nrules:\n${yaml}`);
  return new PhraseMatcher(loadRuleFamilies(dir)[0].rules);
}

const flagged = (matcher: PhraseMatcher, text: string) => matcher.run(text, tokenize(text)).map((f) => `${f.ruleId}: ${f.text}`);

describe('the phrase matcher', () => {
  test('a several-word alternative is preferred to a shorter one it starts with, whatever their order', () => {
    const matcher = matcherOf([
      { id: 'foundry', pattern: 'shoe [foundry|foundry-factory]', flag: 'A shoe [foundry factory] closed. => A shoe x closed.', pass: 'A shoe shop closed.' },
      { id: 'white-hot', pattern: '[white-hot|white-hot-stage]', flag: 'It entered a [white-hot stage]. => It entered a x.', pass: 'It was hot.' },
    ]);
    expect(flagged(matcher, 'The shoe foundry factory in Putian closed.')).toEqual(['foundry: foundry factory']);
    expect(flagged(matcher, 'The shoe foundry in Putian closed.')).toEqual(['foundry: foundry']);
    expect(flagged(matcher, 'The price war entered a white-hot stage.')).toEqual(['white-hot: white-hot stage']);
  });

  test("a possessive matches its word even where another rule names the possessive itself (\"people's\")", () => {
    const matcher = matcherOf([
      { id: 'brand-potential', pattern: '[brand potential-energy]', flag: 'Its [brand potential energy] grew. => Its x grew.', pass: 'Its brand grew.' },
      { id: 'brands-halo', pattern: "[=brand's =halo]", flag: "It lost the [brand's halo]. => It lost the x.", pass: 'It lost the brand.' },
    ]);
    expect(flagged(matcher, "The brand's potential energy rose.")).toEqual(["brand-potential: brand's potential energy"]);
    expect(flagged(matcher, "The brand's halo faded.")).toEqual(["brands-halo: brand's halo"]);
  });

  test('words a suggestion reuses keep the apostrophe of a plural possessive', () => {
    const matcher = matcherOf([
      { id: 'potential-energy', pattern: '[brand|brands potential-energy]', suggestion: '\\1 momentum', flag: 'Its [brand potential energy] grew. => Its brand momentum grew.', pass: 'Its brand grew.' },
    ]);
    const text = "The brands' potential energy grew.";
    expect(matcher.run(text, tokenize(text)).map((f) => f.suggestions[0])).toEqual(["brands' momentum"]);
  });
});

describe('spellings', () => {
  test('a pattern written in American spelling flags British text, and the other way round', () => {
    const matcher = matcherOf([
      { id: 'us-written', pattern: '[commercialization landing]', flag: 'It sped up [commercialization landing]. => It sped up x.', pass: 'It sped up sales.' },
      { id: 'uk-written', pattern: '[labour =force =army]', flag: 'It hired a [labour force army]. => It hired a x.', pass: 'It hired staff.' },
    ]);
    expect(flagged(matcher, 'The firm sped up its commercialisation landing.')).toEqual(['us-written: commercialisation landing']);
    expect(flagged(matcher, 'The firm hired a labor force army.')).toEqual(['uk-written: labor force army']);
  });
});

describe('gaps', () => {
  test('read through a percent sign after a number, and through no other punctuation', () => {
    const matcher = matcherOf([
      { id: 'optimized-staff', pattern: '[optimized ...3 staff]', flag: 'It [optimized half its staff]. => It x.', pass: 'It hired staff.' },
    ]);
    expect(flagged(matcher, 'The firm optimized 20% of its staff.')).toEqual(['optimized-staff: optimized 20% of its staff']);
    expect(flagged(matcher, 'The firm optimized costs, then its staff.')).toEqual([]);
    expect(flagged(matcher, 'The firm optimized % its staff.')).toEqual([]);
  });
});

describe('unless words', () => {
  test('a possessive in the sentence counts as its word', () => {
    const matcher = matcherOf([
      { id: 'face-change', pattern: '[changed face]', unless: ['opera'], flag: 'Results [changed face]. => Results x.', pass: 'The opera singer changed face.' },
    ]);
    expect(flagged(matcher, "In the opera's last act the hero changed face.")).toEqual([]);
    expect(flagged(matcher, 'Its results changed face.')).toEqual(['face-change: changed face']);
  });

  test('a word capitalised only because it opens the sentence loses the capital where a suggestion moves it; a name keeps its own', () => {
    const matcher = matcherOf([
      { id: 'new-infra', pattern: '[medical|Honor new infrastructure]', suggestion: 'new \\1 infrastructure',
        flag: '[Medical new infrastructure] grows. => New medical infrastructure grows.', pass: 'New medical infrastructure grows.' },
    ]);
    const first = (text: string) => matcher.run(text, tokenize(text))[0]?.suggestions[0];
    expect(first('Medical new infrastructure grows.')).toBe('New medical infrastructure');
    expect(first('Honor new infrastructure grows.')).toBe('New Honor infrastructure');
    expect(first('They said medical new infrastructure grows.')).toBe('new medical infrastructure');
  });

  test('a pattern crosses a comma only where it names one; a gap never does', () => {
    const matcher = matcherOf([
      { id: 'fang-guan-fu', pattern: '[delegation ,? regulation and service]', flag: 'They pushed [delegation, regulation and service] reform. => They pushed x reform.', pass: 'Delegation is hard.' },
      { id: 'gap', pattern: 'land ...2 [platform]', flag: 'It will land the new [platform]. => It will land the new x.', pass: 'It will land.' },
    ]);
    expect(flagged(matcher, 'They pushed delegation, regulation and service reform.')).toEqual(['fang-guan-fu: delegation, regulation and service']);
    expect(flagged(matcher, 'They pushed delegation，regulation and service reform.')).toEqual(['fang-guan-fu: delegation，regulation and service']);
    expect(flagged(matcher, 'They pushed delegation regulation and service reform.')).toEqual(['fang-guan-fu: delegation regulation and service']);
    expect(flagged(matcher, 'They pushed delegation. Regulation and service followed.')).toEqual([]);
    expect(flagged(matcher, 'It will land, the platform says.')).toEqual([]);
  });

  test('a word written =word is that form only: not its possessive, which a plain word matches', () => {
    const matcher = matcherOf([
      { id: 'exact', pattern: '[=film arrangement rate]', flag: 'The [film arrangement rate] rose. => The x rose.', pass: 'The films arrangement rate rose.' },
      { id: 'plain', pattern: '[movie arrangement rate]', flag: 'The [movie arrangement rate] rose. => The x rose.', pass: 'The movies rose.' },
    ]);
    expect(flagged(matcher, "The film's arrangement rate rose.")).toEqual([]);
    expect(flagged(matcher, "The movie's arrangement rate rose.")).toEqual(["plain: movie's arrangement rate"]);
  });
});
