import { segmentDocument, splitParagraphs, splitSentences, Span } from '../../server/text/segment';

const texts = (spans: Span[]) => spans.map((s) => s.text);

function expectOffsetsSliceBack(source: string, spans: Span[]) {
  for (const span of spans) expect(source.slice(span.start, span.end)).toBe(span.text);
}

describe('splitParagraphs', () => {
  test('blank lines separate paragraphs; single line breaks do not', () => {
    const text = 'Title line\nsecond line\n\n\nNext paragraph.\n   \t\nLast one.';
    const paragraphs = splitParagraphs(text);
    expect(texts(paragraphs)).toEqual(['Title line\nsecond line', 'Next paragraph.', 'Last one.']);
    expectOffsetsSliceBack(text, paragraphs);
  });

  test('CRLF and CR line endings and a leading BOM', () => {
    const text = '\uFEFF第一段。\r\n\r\nSecond one.\r\rThird\ron two lines.\r\n';
    const paragraphs = splitParagraphs(text);
    expect(texts(paragraphs)).toEqual(['第一段。', 'Second one.', 'Third\ron two lines.']);
    expect(paragraphs[0].start).toBe(1);
    expectOffsetsSliceBack(text, paragraphs);
  });

  test('empty and whitespace-only input give no paragraphs', () => {
    expect(splitParagraphs('')).toEqual([]);
    expect(splitParagraphs(' \n\r\n\t \n')).toEqual([]);
    expect(splitParagraphs('\uFEFF')).toEqual([]);
  });
});

describe('splitSentences in English', () => {
  test.each([
    ['titles', 'Dr. Chen met Mr. Ortiz and Mrs. Hale at the lab. They signed the deal.'],
    ['more titles', 'Prof. Ng and Ms. Park spoke on St. Patrick’s Day. Both were late.'],
    ['company suffixes mid-sentence', 'Apple Inc. and Tencent Ltd. filed suits against Acme Corp. last week. Shares fell.'],
    ['Jr. mid-sentence', 'Martin Luther King Jr. gave the speech in 1963. It is still quoted.'],
    ['vs. and No.', 'The final was Team A vs. Team B in Hall No. 5 on Friday. Team A won.'],
    ['e.g. and i.e.', 'Some chips, e.g. the A18, use a 3 nm process, i.e. a smaller node. Others do not.'],
    ['etc. mid-sentence', 'Phones, tablets, etc. are exempt from the tariff. Laptops are not.'],
    ['dotted acronyms', 'The U.S. and U.K. governments asked the U.N. Security Council to meet. It declined.'],
    ['a.m. and p.m. mid-sentence', 'The update ships at 9 a.m. on Monday and ends at 5 p.m. on Friday. Plan ahead.'],
    ['months', 'The beta opens on Jan. 15 and closes on Feb. 28. Sign up now.'],
    ['initials', 'J. K. Rowling and George R. R. Martin both posted about it. Fans reacted.'],
    ['decimals and prices', 'Revenue grew 3.5 percent to $12.75 billion in version 2.0 of the report. Costs rose.'],
    ['ellipsis inside a sentence', 'The launch was delayed... again, the company said. No date was given.'],
  ])('no sentence break after %s', (_, text) => {
    const sentences = splitSentences(text, 'en');
    expect(sentences).toHaveLength(2);
    expect(sentences[1].text).toBe(text.slice(text.lastIndexOf('. ', text.length - 2) + 2));
  });

  test.each([
    ['It ends with etc. The next one starts here.', ['It ends with etc.', 'The next one starts here.']],
    ['The servers went down at 3 a.m. The team fixed them by noon.', ['The servers went down at 3 a.m.', 'The team fixed them by noon.']],
    ['Sales grew in the U.S. The company did not comment.', ['Sales grew in the U.S.', 'The company did not comment.']],
    ['Was it a bug? No. It was a feature.', ['Was it a bug?', 'No.', 'It was a feature.']],
  ])('ambiguous abbreviations still end a sentence when a new one starts: %s', (text, expected) => {
    expect(texts(splitSentences(text, 'en'))).toEqual(expected);
  });

  test('closing quotes after a full stop stay with the sentence', () => {
    expect(texts(splitSentences('He said "yes." Then he left.', 'en'))).toEqual(['He said "yes."', 'Then he left.']);
    expect(texts(splitSentences('She asked, “Is it ready?” Nobody answered.', 'en'))).toEqual([
      'She asked, “Is it ready?”',
      'Nobody answered.',
    ]);
  });

  test('an opening quote goes with the sentence it opens', () => {
    expect(texts(splitSentences('Did it ship?“Not yet,” he said.', 'en'))).toEqual(['Did it ship?', '“Not yet,” he said.']);
  });

  test('numbered list items are not split after their number', () => {
    expect(texts(splitSentences('1. Install the app. 2. Sign in.', 'en'))).toEqual(['1. Install the app.', '2. Sign in.']);
  });

  test('a line break always ends a sentence', () => {
    expect(texts(splitSentences('Release notes\nFixed a crash on start-up\r\nImproved battery life. Faster sync.', 'en'))).toEqual([
      'Release notes',
      'Fixed a crash on start-up',
      'Improved battery life.',
      'Faster sync.',
    ]);
  });

  test('offsets are shifted by the paragraph offset and slice back to the document', () => {
    const document = 'Intro.\n\n  Dr. Li spoke.  Then Mr. Wu left.  ';
    const paragraph = splitParagraphs(document)[1];
    const sentences = splitSentences(paragraph.text, 'en', paragraph.start);
    expect(texts(sentences)).toEqual(['Dr. Li spoke.', 'Then Mr. Wu left.']);
    expectOffsetsSliceBack(document, sentences);
  });

  test('empty input', () => {
    expect(splitSentences('', 'en')).toEqual([]);
    expect(splitSentences(' \n ', 'en')).toEqual([]);
  });

  test('an unknown language tag falls back to the default rules', () => {
    expect(texts(splitSentences('One. Two.', 'not a tag!'))).toEqual(['One.', 'Two.']);
  });
});

describe('splitSentences in Chinese', () => {
  test('full-width terminators split sentences without spaces', () => {
    expect(texts(splitSentences('新版本今天上线。你更新了吗？赶快试试！', 'zh'))).toEqual(['新版本今天上线。', '你更新了吗？', '赶快试试！']);
  });

  test('closing quotes and brackets stay with the sentence they close', () => {
    const text = '他说：“我们明天发布。”随后离开了会场。（详见附录。）《规定》已生效。';
    expect(texts(splitSentences(text, 'zh'))).toEqual(['他说：“我们明天发布。”', '随后离开了会场。', '（详见附录。）', '《规定》已生效。']);
  });

  test('a Chinese ellipsis ends a sentence, with its closing quote', () => {
    const text = '他犹豫了很久……最后还是签了字。她说：“再等等……”会议就结束了。';
    expect(texts(splitSentences(text, 'zh'))).toEqual(['他犹豫了很久……', '最后还是签了字。', '她说：“再等等……”', '会议就结束了。']);
  });

  test('an ellipsis followed by a terminator is one ending', () => {
    expect(texts(splitSentences('真的吗……？当然。', 'zh'))).toEqual(['真的吗……？', '当然。']);
  });

  test('mixed Chinese and Latin text', () => {
    const text = 'OpenAI发布了GPT-5。该模型支持100万token的上下文，价格为每百万token 1.25美元。Google 随后跟进。';
    expect(texts(splitSentences(text, 'zh'))).toEqual([
      'OpenAI发布了GPT-5。',
      '该模型支持100万token的上下文，价格为每百万token 1.25美元。',
      'Google 随后跟进。',
    ]);
  });

  test('English sentences quoted in Chinese text', () => {
    expect(texts(splitSentences('标语写着“Think different.”这句话很有名。', 'zh'))).toEqual(['标语写着“Think different.”', '这句话很有名。']);
  });
});

describe('segmentDocument', () => {
  test('paragraphs with their sentences, all offsets into the original text', () => {
    const text = '\uFEFF小米发布新手机。售价3999元。\r\n\r\n苹果公司回应称：“我们不予置评。”\r\n';
    const { paragraphs } = segmentDocument(text, 'zh');
    expect(paragraphs.map((p) => texts(p.sentences))).toEqual([['小米发布新手机。', '售价3999元。'], ['苹果公司回应称：“我们不予置评。”']]);
    for (const p of paragraphs) {
      expectOffsetsSliceBack(text, [p.span, ...p.sentences]);
    }
  });

  test('empty document', () => {
    expect(segmentDocument('', 'en')).toEqual({ paragraphs: [] });
  });
});

// Intl.Segmenter is quadratic in the length of one string; these inputs take minutes if any
// part of the pipeline hands it a whole long line or paragraph.
describe('linear time on large input', () => {
  const english = 'Dr. Li said the U.S. firm shipped 3.5 million units on Jan. 5. Sales rose again. ';
  const chinese = '该公司表示，新版本将于下月发布。“我们很满意，”他说。';

  test('a single 1 MB English line', () => {
    const line = english.repeat(Math.ceil(1e6 / english.length));
    const sentences = splitSentences(line, 'en');
    expect(sentences).toHaveLength(2 * Math.ceil(1e6 / english.length));
    expect(sentences[0].text).toBe('Dr. Li said the U.S. firm shipped 3.5 million units on Jan. 5.');
    expectOffsetsSliceBack(line, sentences.slice(-3));
  });

  test('a single 1 MB Chinese line', () => {
    const line = chinese.repeat(Math.ceil(1e6 / chinese.length));
    const sentences = splitSentences(line, 'zh');
    expect(sentences).toHaveLength(2 * Math.ceil(1e6 / chinese.length));
    expect(sentences[1].text).toBe('“我们很满意，”他说。');
  });

  test('a single 1 MB line without any sentence ending', () => {
    const line = 'word '.repeat(200_000) + '汉字'.repeat(100_000) + 'x'.repeat(300_000);
    const sentences = splitSentences(line, 'en');
    expect(sentences.map((s) => s.text).join('').replace(/\s/g, '')).toBe(line.replace(/\s/g, ''));
    for (const s of sentences) expect(s.text.length).toBeLessThanOrEqual(2000);
  });

  test('10 MB of ordinary paragraphs', () => {
    const paragraph = `${english.repeat(4).trim()}\n${english.repeat(2).trim()}\n\n`;
    const count = Math.ceil(1e7 / paragraph.length);
    const { paragraphs } = segmentDocument(paragraph.repeat(count), 'en');
    expect(paragraphs).toHaveLength(count);
    expect(paragraphs[count - 1].sentences).toHaveLength(12);
  });
});
