import { parseReply, MalformedReply, normaliseCategory } from '../../server/llm/parse';
import { placeErrors } from '../../server/llm/locate';

const one = { span: 'entered its second half', category: 'style/awkward', severity: 'major', explanation: 'A calque.', suggestion: 'is past its halfway mark' };

describe('reading the second reader\'s reply', () => {
  test.each([
    ['bare JSON', JSON.stringify({ errors: [one] })],
    ['text around the JSON', `Sure! Here is my review:\n${JSON.stringify({ errors: [one] })}\nHope this helps {not json}.`],
    ['a code fence', '```json\n' + JSON.stringify({ errors: [one] }, null, 2) + '\n```'],
    ['a bare list', JSON.stringify([one])],
  ])('%s', (_name, content) => {
    expect(parseReply(content).errors).toEqual([{ ...one, category: 'style/awkward' }]);
  });

  test('a missing field gets a default; an item without a span is counted, not kept', () => {
    const reply = parseReply(JSON.stringify({ errors: [{ span: 'x y' }, { category: 'fluency/grammar' }, 'junk'] }));
    expect(reply.errors).toEqual([{ span: 'x y', category: 'accuracy/mistranslation', severity: 'minor', explanation: '', suggestion: undefined }]);
    expect(reply.unusable).toBe(2);
  });

  test('an unknown category becomes one of ours', () => {
    expect(normaliseCategory('Accuracy/Omission')).toBe('accuracy/omission');
    expect(normaliseCategory('Fluency/Register')).toBe('fluency/grammar');
    expect(normaliseCategory('Style / Unidiomatic')).toBe('style/awkward');
    expect(normaliseCategory('wat')).toBe('accuracy/mistranslation');
  });

  test('suggestions and explanations are one line of plain text; a runaway list is cut', () => {
    const reply = parseReply(JSON.stringify({ errors: [{ span: 'a', suggestion: ' two\nlines\u0007 ', explanation: 'x\r\ny' }, ...Array.from({ length: 60 }, () => ({ span: 'b' }))] }));
    expect(reply.errors[0]).toMatchObject({ suggestion: 'two lines', explanation: 'x y' });
    expect(reply.errors).toHaveLength(50);
    expect(reply.unusable).toBe(11);
  });

  test('a reply without any list of errors is refused', () => {
    expect(() => parseReply('I cannot help with that.')).toThrow(MalformedReply);
    expect(() => parseReply('{"errors": "none"}')).toThrow(MalformedReply);
  });
});

describe('placing spans', () => {
  const err = (span: string) => ({ span, category: 'style/awkward' as const, severity: 'minor' as const, explanation: '', suggestion: undefined });

  test('verbatim, and after normalising spaces and curly quotes', () => {
    const text = 'The “Double Eleven”  shopping   festival entered its second half.';
    const { placed, dropped } = placeErrors(text, [err('entered its second half'), err('"Double Eleven" shopping festival')]);
    expect(dropped).toBe(0);
    expect(placed.map((p) => text.slice(p.start, p.end))).toEqual(['“Double Eleven”  shopping   festival', 'entered its second half']);
    expect(placed[0].text).toBe('“Double Eleven”  shopping   festival');
  });

  test('a span not in the text is dropped and counted, never guessed', () => {
    const { placed, dropped } = placeErrors('Sales rose sharply.', [err('sales fell'), err('rose sharply'), err('  ')]);
    expect(placed.map((p) => p.text)).toEqual(['rose sharply']);
    expect(dropped).toBe(2);
  });

  test('the same span twice takes the next occurrence', () => {
    const { placed } = placeErrors('very very good', [err('very'), err('very'), err('very')]);
    expect(placed.map((p) => p.start)).toEqual([0, 5]);
  });
});
