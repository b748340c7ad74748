import { withAgreeingVerb } from '../../server/checks/verb-agreement';
import { applyFix } from '../../server/checks/fix';

/** The sentence after applying the first suggestion for `highlight`, agreement included. */
function fixed(sentence: string, highlight: string, suggestions: string[]): string {
  const start = sentence.indexOf(highlight);
  const agreed = withAgreeingVerb(sentence, start, start + highlight.length, suggestions);
  return applyFix(sentence, start, agreed?.end ?? start + highlight.length, (agreed?.suggestions ?? suggestions)[0]);
}

describe('a replacement keeps its verb in agreement', () => {
  test('a plural replacement of a singular subject takes the plural verb', () => {
    expect(fixed('The national team has been buying the dip.', 'national team', ['state-backed funds'])).toBe('The state-backed funds have been buying the dip.');
    expect(fixed('The layoff tide is spreading.', 'layoff tide', ['job cuts'])).toBe('The job cuts are spreading.');
    expect(fixed("The layoff tide isn't over.", 'layoff tide', ['job cuts'])).toBe("The job cuts aren't over.");
  });

  test('a singular replacement of a plural subject takes the singular verb', () => {
    expect(fixed('The main forces were selling banks.', 'main forces', ['big money'])).toBe('The big money was selling banks.');
    expect(fixed('Naked resignations are common.', 'Naked resignations', ['Quitting without a job'])).toBe('Quitting without a job is common.');
  });

  test('each suggestion gets the verb that agrees with it', () => {
    const sentence = 'The national team has bought shares.';
    const start = sentence.indexOf('national team');
    expect(withAgreeingVerb(sentence, start, start + 'national team'.length, ['state-backed funds', 'state fund'])?.suggestions)
      .toEqual(['state-backed funds have', 'state fund has']);
  });

  test('nothing changes where the number stays, or where the highlight is not the subject', () => {
    const unchanged = (sentence: string, highlight: string, suggestion: string) => {
      const start = sentence.indexOf(highlight);
      return withAgreeingVerb(sentence, start, start + highlight.length, [suggestion]);
    };
    expect(unchanged('The AI track is crowded.', 'AI track', 'AI sector')).toBeUndefined();
    // The subject is "the number", behind a preposition.
    expect(unchanged('The number of flexible employment personnel has grown.', 'flexible employment personnel', 'gig workers')).toBeUndefined();
    // The verb does not agree with the highlight, so something else is its subject.
    expect(unchanged('Vendors caught lacking weight were fined.', 'lacking weight', 'short-weighting')).toBeUndefined();
    // The head of "a wave of layoffs" is "wave".
    expect(unchanged('A layoff tide is sweeping the industry.', 'layoff tide', 'wave of layoffs')).toBeUndefined();
    // A collective noun takes either verb: "the younger generation are" is left as it is.
    expect(unchanged('The back waves are rising.', 'back waves', 'younger generation')).toBeUndefined();
    expect(unchanged('The national team bought shares.', 'national team', 'state-backed funds')).toBeUndefined();
  });
});
