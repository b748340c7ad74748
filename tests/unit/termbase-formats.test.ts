import { parseTbx, parseTermTable, tbxChunks, termTableChunks } from '../../server/termbase/formats';
import { findTerm } from '../../server/text/term-match';
import { AppError } from '../../server/errors';

const ENTRIES = [
  { sourceTerm: '大模型', targetTerm: 'large language model', note: 'Not "big model"; plural "large language models".', forbidden: ['big model', 'large model'] },
  { sourceTerm: '字节跳动', targetTerm: 'ByteDance', note: null, forbidden: ['Byte Dance'] },
  { sourceTerm: '算力', targetTerm: 'computing power', note: 'A <tag> & "quotes", commas, and\ttabs', forbidden: [] },
  { sourceTerm: '=SUM(A1)', targetTerm: '-dash first', note: null, forbidden: [] },
];
const join = (chunks: Iterable<string>) => [...chunks].join('');
const expected = ENTRIES.map((e) => ({ ...e, note: e.note?.replace(/\s+/g, ' ') ?? null }));

describe('glossary files', () => {
  test('TBX round-trips every entry: terms, notes, forbidden variants, special characters', () => {
    const tbx = join(tbxChunks(ENTRIES, { sourceLang: 'zh', targetLang: 'en' }, 'News & views'));
    expect(tbx).toContain('<conceptEntry id="c1">');
    expect(tbx).toContain('deprecatedTerm-admn-sts');
    expect(parseTbx(tbx, 'test.tbx', { sourceLang: 'zh', targetLang: 'en' })).toEqual(expected);
  });

  test.each(['csv', 'tsv'] as const)('%s round-trips every entry (formula cells guarded and read back)', (kind) => {
    const text = join(termTableChunks(ENTRIES, kind));
    expect(text).toContain("'=SUM(A1)");
    expect(parseTermTable(text, kind, `test.${kind}`)).toEqual(expected);
  });

  test('reads a TBX 2 (martif) file with langSet and tig, and the source language given', () => {
    const martif = `<?xml version="1.0"?><martif type="TBX" xml:lang="en"><text><body>
      <termEntry id="t1"><descrip type="definition">Chip maker</descrip>
        <langSet xml:lang="en-US"><tig><term>Semiconductor Manufacturing International</term></tig>
          <tig><term>SMIC Corp</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet>
        <langSet xml:lang="zh-CN"><tig><term>中芯国际</term></tig></langSet>
      </termEntry></body></text></martif>`;
    expect(parseTbx(martif, 'old.tbx', { sourceLang: 'zh', targetLang: 'en' })).toEqual([
      { sourceTerm: '中芯国际', targetTerm: 'Semiconductor Manufacturing International', note: 'Chip maker', forbidden: ['SMIC Corp'] },
    ]);
  });

  test('refuses a DTD or entity declaration, and a file that is not TBX', () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY a "aaaa">]><tbx><text><body/></text></tbx>';
    expect(() => parseTbx(bomb, 'bomb.tbx')).toThrow(expect.objectContaining({ reason: 'xml-doctype' }) as unknown as AppError);
    expect(() => parseTbx('<xliff version="2.0"/>', 'x.tbx')).toThrow(/not <tbx>/);
    expect(() => parseTbx('<tbx><text><body></body></text></tbx>', 'e.tbx')).toThrow(/no glossary entries/);
  });

  test('a CSV without a header is source, target, note, forbidden; a blank source is refused with its line', () => {
    expect(parseTermTable('算力,computing power,,compute power; hashrate\n', 'csv', 'g.csv')).toEqual([
      { sourceTerm: '算力', targetTerm: 'computing power', note: null, forbidden: ['compute power', 'hashrate'] },
    ]);
    expect(() => parseTermTable('source,target\n算力,computing power\n,orphan\n', 'csv', 'g.csv')).toThrow(/line 3/);
  });
});

describe('finding a term', () => {
  test('in any inflected form, hyphenated or not, ignoring case', () => {
    const text = 'Two Large-Language Models and a large language model.';
    expect(findTerm(text, 'large language model').map((s) => text.slice(s.start, s.end))).toEqual(['Large-Language Models', 'large language model']);
  });
  test('Chinese terms as written; terms with inner punctuation literally', () => {
    expect(findTerm('公司发布了大模型。', '大模型')).toEqual([{ start: 5, end: 8 }]);
    expect(findTerm('Exports to the U.S. rose.', 'u.s.')).toEqual([{ start: 15, end: 19 }]);
    expect(findTerm('A bigger model.', 'big model')).toEqual([]);
  });
});
