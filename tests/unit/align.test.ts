import { alignDocument, alignParagraphs, alignSentences, AlignedSegment, Link } from '../../server/text/align';

// A Chinese tech-news item and an English machine translation that splits the first sentence
// in two and merges the second and third.
const huaweiZh = [
  '华为周二在深圳发布了新款折叠屏手机Mate X6，这款手机搭载了自研的麒麟芯片，并首次支持卫星通话功能。',
  '起售价为8999元。',
  '比上一代便宜了1000元。',
  '公司表示，新机将于下周五在全国门店开售。',
  '分析人士认为，此举将加剧高端手机市场的竞争。',
];
const huaweiEn = [
  'Huawei unveiled its new foldable phone, the Mate X6, in Shenzhen on Tuesday.',
  "The phone is powered by the company's own Kirin chip and is the first to support satellite calling.",
  'Prices start at 8,999 yuan, 1,000 yuan cheaper than the previous generation.',
  'The company said the new phone will go on sale in stores nationwide next Friday.',
  'Analysts believe the move will intensify competition in the high-end smartphone market.',
];

const xiaomiZh = '小米周四公布了第三季度财报。营收同比增长22%，达到925亿元，超出市场预期。';
const xiaomiEn = 'Xiaomi reported its third-quarter results on Thursday. Revenue rose 22% year on year to 92.5 billion yuan, beating market expectations.';
const byteDanceZh = '字节跳动宣布将在新加坡设立新的人工智能研究中心。该中心计划在未来三年内招聘约五百名研究人员。';
const byteDanceEn = 'ByteDance announced it will set up a new artificial intelligence research centre in Singapore. The centre plans to hire about 500 researchers over the next three years.';

/** Every index of both sides appears exactly once, in increasing order. */
function expectCompleteAndOrdered(links: Link[], sourceCount: number, targetCount: number) {
  expect(links.flatMap((l) => l.source)).toEqual(Array.from({ length: sourceCount }, (_, i) => i));
  expect(links.flatMap((l) => l.target)).toEqual(Array.from({ length: targetCount }, (_, i) => i));
  for (const link of links) {
    expect(link.source.length + link.target.length).toBeGreaterThan(0);
    expect(link.source.length).toBeLessThanOrEqual(2);
    expect(link.target.length).toBeLessThanOrEqual(2);
  }
}

const pairs = (segments: AlignedSegment[]) => segments.map((s) => [s.paragraph, s.source, s.target]);

describe('alignSentences', () => {
  test('finds a 1–2 split and a 2–1 merge in a Chinese→English translation', () => {
    const links = alignSentences(huaweiZh, huaweiEn);
    expect(links).toEqual([
      { source: [0], target: [0, 1] },
      { source: [1, 2], target: [2] },
      { source: [3], target: [3] },
      { source: [4], target: [4] },
    ]);
  });

  test('an explicit ratio gives the same alignment as the estimate here', () => {
    expect(alignSentences(huaweiZh, huaweiEn, 3.3)).toEqual(alignSentences(huaweiZh, huaweiEn));
  });

  test('equal lists of similar sentences align one to one', () => {
    const en = ['The update is out.', 'It fixes twelve bugs in the sync engine.', 'Install it today.'];
    const fr = ['La mise à jour est sortie.', 'Elle corrige douze bogues du moteur de synchronisation.', "Installez-la aujourd'hui."];
    expect(alignSentences(en, fr)).toEqual([0, 1, 2].map((i) => ({ source: [i], target: [i] })));
  });

  test('one empty side gives 1–0 or 0–1 links', () => {
    expect(alignSentences([], [])).toEqual([]);
    expect(alignSentences(['一。', '二。'], [])).toEqual([
      { source: [0], target: [] },
      { source: [1], target: [] },
    ]);
    expect(alignSentences([], ['One.'])).toEqual([{ source: [], target: [0] }]);
  });

  test('5,000 × 5,000 sentences align quickly along the diagonal', () => {
    const source = Array.from({ length: 5000 }, (_, i) => '文'.repeat(10 + ((i * 7919) % 50)));
    const target = source.map((s, i) => 'w'.repeat(s.length * 3 + (i % 7) - 3));
    const links = alignSentences(source, target);
    expectCompleteAndOrdered(links, 5000, 5000);
    expect(links.every((l) => l.source.length === 1 && l.source[0] === l.target[0])).toBe(true);
  });

  test('a long omitted stretch far from the diagonal still yields a complete alignment', () => {
    const source = Array.from({ length: 3000 }, (_, i) => '文'.repeat(10 + ((i * 7919) % 50)));
    const target = source.map((s) => 'w'.repeat(s.length * 3));
    target.splice(500, 400);
    const links = alignSentences(source, target, 3);
    expectCompleteAndOrdered(links, 3000, 2600);
    expect(links.at(-1)).toEqual({ source: [2999], target: [2599] });
  });
});

describe('alignParagraphs', () => {
  test('pairs paragraphs by index when the counts agree', () => {
    expect(alignParagraphs([['一。'], ['二。']], [['One.'], ['Two.']])).toEqual([
      { source: [0], target: [0] },
      { source: [1], target: [1] },
    ]);
  });

  test('detects a paragraph the translation split in two', () => {
    const source = [[xiaomiZh], huaweiZh, [byteDanceZh]];
    const target = [[xiaomiEn], huaweiEn.slice(0, 2), huaweiEn.slice(2), [byteDanceEn]];
    const links = alignParagraphs(source, target);
    expect(links).toEqual([
      { source: [0], target: [0] },
      { source: [1], target: [1, 2] },
      { source: [2], target: [3] },
    ]);
  });

  test('a paragraph the translation left out is merged with a neighbour, never lost', () => {
    // Length alone cannot tell an omission from a merge (Gale & Church report the same), so
    // the reviewer sees the untranslated paragraph next to its neighbour's translation.
    const links = alignParagraphs([[xiaomiZh], huaweiZh, [byteDanceZh]], [[xiaomiEn], [byteDanceEn]]);
    expectCompleteAndOrdered(links, 3, 2);
    expect(links[0]).toEqual({ source: [0], target: [0] });
  });
});

describe('alignDocument', () => {
  test('aligns sentences within paragraphs and joins merged sentences the way each language writes', () => {
    const source = `${huaweiZh.join('')}\n\n${xiaomiZh}`;
    const target = `${huaweiEn.join(' ')}\n\n${xiaomiEn}`;
    expect(pairs(alignDocument(source, target, 'zh-CN', 'en'))).toEqual([
      [0, huaweiZh[0], `${huaweiEn[0]} ${huaweiEn[1]}`],
      [0, `${huaweiZh[1]}${huaweiZh[2]}`, huaweiEn[2]],
      [0, huaweiZh[3], huaweiEn[3]],
      [0, huaweiZh[4], huaweiEn[4]],
      [1, '小米周四公布了第三季度财报。', 'Xiaomi reported its third-quarter results on Thursday.'],
      [1, '营收同比增长22%，达到925亿元，超出市场预期。', 'Revenue rose 22% year on year to 92.5 billion yuan, beating market expectations.'],
    ]);
  });

  test('differing paragraph counts: every sentence appears once, in order, numbered by target paragraph', () => {
    const source = `${xiaomiZh}\n\n${huaweiZh.join('')}\n\n${byteDanceZh}`;
    const target = [xiaomiEn, huaweiEn.slice(0, 3).join(' '), huaweiEn.slice(3).join(' '), byteDanceEn].join('\n\n');
    const segments = alignDocument(source, target, 'zh', 'en');
    expect(segments.map((s) => s.source).join('')).toBe(source.replace(/\n/g, ''));
    expect(segments.map((s) => s.target).filter(Boolean).join(' ')).toBe(target.replace(/\n\n/g, ' '));
    expect(segments.map((s) => s.paragraph)).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
  });

  test('a paragraph missing from the translation: every source sentence still appears once, in order', () => {
    const source = `${xiaomiZh}\n\n${huaweiZh.join('')}\n\n${byteDanceZh}`;
    const target = `${xiaomiEn}\n\n${byteDanceEn}`;
    const segments = alignDocument(source, target, 'zh', 'en');
    expect(segments.map((s) => s.source).join('')).toBe(source.replace(/\n/g, ''));
    expect(segments.map((s) => s.target).filter(Boolean).join(' ')).toBe(target.replace(/\n\n/g, ' '));
    expect(segments.slice(0, 2).map((s) => s.paragraph)).toEqual([0, 0]);
    expect(segments.slice(2).every((s) => s.paragraph === 1)).toBe(true);
  });

  test('English to Chinese joins merged Chinese sentences without spaces', () => {
    const segments = alignDocument(huaweiEn.join(' '), huaweiZh.join(''), 'en', 'zh-Hans');
    expect(segments[0]).toEqual({ paragraph: 0, source: `${huaweiEn[0]} ${huaweiEn[1]}`, target: huaweiZh[0] });
    expect(segments[1]).toEqual({ paragraph: 0, source: huaweiEn[2], target: `${huaweiZh[1]}${huaweiZh[2]}` });
  });

  test('a machine translation without a source gives one segment per target sentence', () => {
    const target = `${huaweiEn.slice(0, 2).join(' ')}\r\n\r\n${xiaomiEn}`;
    const expected = [
      [0, '', huaweiEn[0]],
      [0, '', huaweiEn[1]],
      [1, '', 'Xiaomi reported its third-quarter results on Thursday.'],
      [1, '', 'Revenue rose 22% year on year to 92.5 billion yuan, beating market expectations.'],
    ];
    expect(pairs(alignDocument(undefined, target, 'zh', 'en'))).toEqual(expected);
    expect(pairs(alignDocument(' \n\n ', target, 'zh', 'en'))).toEqual(expected);
  });

  test('empty input', () => {
    expect(alignDocument(undefined, '', 'zh', 'en')).toEqual([]);
    expect(alignDocument('', '', 'zh', 'en')).toEqual([]);
    expect(pairs(alignDocument(xiaomiZh, '', 'zh', 'en'))).toEqual([
      [0, '小米周四公布了第三季度财报。', ''],
      [0, '营收同比增长22%，达到925亿元，超出市场预期。', ''],
    ]);
  });
});
