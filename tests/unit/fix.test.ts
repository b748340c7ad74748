import { applyFix, expandSuggestion } from '../../server/checks/fix';
import { conjugate } from '../../server/text/inflect';

describe('applying a suggestion', () => {
  test.each([
    ['Profits rose，and so did costs.', '，', ',', 'Profits rose, and so did costs.'],
    ['Growth hit 35%，and costs fell.', '，', ',', 'Growth hit 35%, and costs fell.'],
    ['We will repeat it again.', ' again', '', 'We will repeat it.'],
    ['We will repeat it again today.', 'again', '', 'We will repeat it today.'],
    ['Basically the plan works.', 'Basically', '', 'The plan works.'],
    ['Empower the firms now.', 'Empower', 'Help', 'Help the firms now.'],
    ['It said so. Empower them.', 'Empower', 'help', 'It said so. Help them.'],
    ['It will empower them.', 'empower', 'help', 'It will help them.'],
  ])('%s: "%s" → "%s"', (text, span, replacement, expected) => {
    const start = text.indexOf(span);
    expect(applyFix(text, start, start + span.length, replacement)).toBe(expected);
  });
});

describe('suggestions that reuse the matched words', () => {
  test('references fill in the words of an element; empty ones close up', () => {
    const words = ['', 'empower', 'small and medium', 'firms'];
    expect(expandSuggestion('help \\2 \\3', (n) => words[n])).toBe('help small and medium firms');
    expect(expandSuggestion('help \\1 \\3', (n) => (n === 1 ? '' : words[n]))).toBe('help firms');
  });

  test('a verb in braces agrees with the replaced words', () => {
    expect(expandSuggestion('{focus} on', () => '', ['deeply', 'cultivating'])).toBe('focusing on');
    expect(expandSuggestion('{focus} on', () => '', ['deeply', 'cultivated'])).toBe('focused on');
    expect(expandSuggestion('{focus} on', () => '', ['deeply', 'cultivates'])).toBe('focuses on');
    expect(expandSuggestion('{focus} on', () => '', ['deeply', 'cultivate'])).toBe('focus on');
  });

  test.each([
    ['take', 'landing', 'taking'], ['take', 'landed', 'took'], ['make', 'lands', 'makes'], ['stop', 'going', 'stopping'],
    ['carry', 'landed', 'carried'], ['push', 'lands', 'pushes'], ['be', 'land', 'be'],
  ])('conjugate(%s, like %s) = %s', (verb, like, expected) => expect(conjugate(verb, like)).toBe(expected));
});
