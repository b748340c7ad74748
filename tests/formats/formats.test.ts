import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { AppError } from '../../server/errors';
import { parseXliff } from '../../server/formats/xliff';
import { parseTmx } from '../../server/formats/tmx';
import { parseDelimited } from '../../server/formats/tsv';
import { detectFormat, readUpload } from '../../server/formats/detect';
import { placeholderProblem, parseCodes, renderInline } from '../../server/formats/placeholders';
import { csvLine } from '../../server/formats/csv';
import { barChartSvg } from '../../server/formats/report';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'formats');
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

describe('XLIFF 2.0 import', () => {
  const doc = parseXliff(read('sample-2.0.xlf'));

  test('reads languages, units, segment ids, states and notes', () => {
    expect(doc).toMatchObject({ format: 'xliff', sourceLang: 'zh', targetLang: 'en', hasSource: true });
    expect(doc.segments.map((s) => [s.unitId, s.externalId, s.paragraph, s.status])).toEqual([
      ['intro', 's1', 0, 'new'], ['intro', 's2', 0, 'reviewed'], ['body-1', null, 1, 'new'],
    ]);
    expect(JSON.parse(doc.segments[0].notes!)).toEqual([{ text: 'Headline of the press release', category: 'context' }]);
  });

  test('turns inline codes into numbered placeholders shared by source and target', () => {
    const [first, second] = doc.segments;
    expect(first.source).toBe('公司表示，⟦1⟧新平台⟦/1⟧将于明年落地。⟦2/⟧');
    expect(first.mt).toBe('The company said the ⟦1⟧new platform⟦/1⟧ will land next year.⟦2/⟧');
    expect(second.mt).toBe('The price is 5 & 6 <yuan>.');
    const codes = parseCodes(first.codes)!;
    expect(codes.codes['1']).toMatchObject({ paired: true, id: '1', open: '<pc id="1" dataRefStart="d1" dataRefEnd="d2">', close: '</pc>' });
    expect(codes.originalData).toContain('<data id="d1">&lt;b&gt;</data>');
    expect(renderInline(first.mt, codes, 'xliff2')).toBe('The company said the <pc id="1" dataRefStart="d1" dataRefEnd="d2">new platform</pc> will land next year.<ph id="2" dataRef="d3"/>');
  });
});

describe('XLIFF 1.2 import', () => {
  const doc = parseXliff(read('sample-1.2.xlf'));

  test('reads trans-units, g/x codes, notes, approval and <seg-source> segments', () => {
    expect(doc).toMatchObject({ format: 'xliff12', sourceLang: 'zh-CN', targetLang: 'en-US' });
    expect(doc.segments.map((s) => [s.unitId, s.externalId, s.source, s.mt, s.status])).toEqual([
      ['tu-1', null, '点击⟦1⟧这里⟦/1⟧继续⟦2/⟧', 'Click ⟦1⟧here⟦/1⟧ to continue⟦2/⟧', 'new'],
      ['tu-2', 'a', '第一句。', 'First sentence.', 'approved'],
      ['tu-2', 'b', '第二句。', 'Second ⟦1/⟧one⟦2/⟧.', 'approved'],
    ]);
    expect(JSON.parse(doc.segments[0].notes!)).toEqual([{ text: 'UI string', from: 'pm' }]);
    expect(renderInline(doc.segments[2].mt, parseCodes(doc.segments[2].codes), 'xliff12')).toBe('Second <bpt id="5">&lt;i&gt;</bpt>one<ept id="5">&lt;/i&gt;</ept>.');
  });
});

describe('XML safety and errors', () => {
  test('refuses a DOCTYPE with entity declarations (billion laughs) without expanding anything', () => {
    const err = errorOf(() => parseXliff(read('billion-laughs.xlf'), 'billion-laughs.xlf'));
    expect(err.status).toBe(400);
    expect(err.reason).toBe('xml-doctype');
    expect(err.message).toMatch(/DOCTYPE declaration on line 1/);
  });

  test('malformed XML names the line', () => {
    const err = errorOf(() => parseXliff(read('malformed.xlf'), 'malformed.xlf'));
    expect(err.reason).toBe('malformed-xml');
    expect(err.message).toMatch(/malformed\.xlf is not well-formed XML: .*line 4/);
  });

  test.each([
    ['<xliff version="3.0"><file/></xliff>', 'unsupported-xliff-version'],
    ['<xliff version="2.0" srcLang="zh" trgLang="en"><file id="f"><unit><segment><source>a</source></segment></unit></file></xliff>', 'invalid-xliff'],
    ['<xliff version="2.0" srcLang="zh" trgLang="en"><file id="f"><unit id="u"><segment><source>a</source></segment></unit></file></xliff>', 'no-targets'],
    ['<html><body/></html>', 'not-xliff'],
  ])('%s is refused with %s', (xml, reason) => {
    expect(errorOf(() => parseXliff(xml)).reason).toBe(reason);
  });
});

describe('TMX import', () => {
  test('takes the header srclang as source even when the target comes first, with codes', () => {
    const doc = parseTmx(read('sample.tmx'));
    expect(doc).toMatchObject({ sourceLang: 'zh', targetLang: 'en' });
    expect(doc.segments.map((s) => [s.unitId, s.source, s.mt])).toEqual([
      ['t1', '公司表示，新平台将于明年落地。', 'The company said the new platform will land next year.'],
      ['t2', '按⟦1/⟧确定⟦2/⟧。', 'Press ⟦1/⟧OK⟦2/⟧.'],
    ]);
    expect(JSON.parse(doc.segments[0].notes!)).toEqual([{ text: 'From the 2023 report' }]);
  });

  test('a unit with a single variant is refused, naming it', () => {
    const xml = '<tmx version="1.4"><header srclang="zh"/><body><tu tuid="x"><tuv xml:lang="zh"><seg>a</seg></tuv></tu></body></tmx>';
    expect(errorOf(() => parseTmx(xml)).message).toMatch(/unit 1 \("x"\) has 1 <tuv>/);
  });
});

describe('TSV and CSV import', () => {
  test('a header names the source and MT columns; quotes are text in TSV', () => {
    const doc = parseDelimited(read('sample.tsv'), 'sample.tsv', 'tsv');
    expect(doc.hasSource).toBe(true);
    expect(doc.segments.map((s) => [s.source, s.mt])).toEqual([
      ['公司表示，新平台将于明年落地。', 'The company said the new platform will land next year.'],
      ['团队与多所高校相互合作。', 'The team carried out "mutual cooperation" with several universities.'],
    ]);
  });

  test('without a header two columns are source and MT; CSV quoting is honoured', () => {
    const doc = parseDelimited(read('sample.csv'), 'sample.csv', 'csv');
    expect(doc.segments.map((s) => [s.source, s.mt])).toEqual([['原文一，带逗号', 'The first, quoted, sentence.'], ['第二句', '=cmd|calc']]);
  });

  test('columns found by language code, in any order; a single column is MT only', () => {
    expect(parseDelimited('en,zh\nHello.,你好。\n', 'x.csv', 'csv').segments).toEqual([{ paragraph: 0, source: '你好。', mt: 'Hello.' }]);
    const mtOnly = parseDelimited('One.\nTwo.\n', 'x.tsv', 'tsv');
    expect(mtOnly.hasSource).toBe(false);
    expect(mtOnly.segments.map((s) => s.mt)).toEqual(['One.', 'Two.']);
  });

  test('an unclosed quote is a 400 naming the line', () => {
    const err = errorOf(() => parseDelimited('source,mt\na,b\nc,"unclosed\n', 'bad.csv', 'csv'));
    expect(err.reason).toBe('malformed-csv');
    expect(err.message).toMatch(/bad\.csv could not be read as CSV \(line \d\)/);
  });

  test('a header without an MT column is refused', () => {
    expect(errorOf(() => parseDelimited('source,notes\na,b\n', 'x.csv', 'csv')).reason).toBe('csv-columns');
  });
});

describe('format detection', () => {
  test.each([
    ['<?xml version="1.0"?><xliff version="2.0">', 'anything.dat', 'xliff'],
    ['<tmx version="1.4">', 'memory.xml', 'tmx'],
    ['a\tb', 'pairs.tsv', 'tsv'],
    ['a,b', 'pairs.csv', 'csv'],
    ['Some text.', 'mt.txt', 'txt'],
  ])('%s named %s is %s', (content, name, format) => {
    expect(detectFormat(Buffer.from(content), name)).toBe(format);
  });

  test.each([
    ['%PDF-1.4', 'paper.pdf', /"\.pdf" files are not supported/],
    ['<html><body/></html>', 'page.html', /XML with a <html> root element/],
    ['not a zip', 'letter.docx', /not a Word file/],
  ])('%s named %s is refused', (content, name, message) => {
    const err = errorOf(() => detectFormat(Buffer.from(content), name));
    expect(err.status).toBe(400);
    expect(err.message).toMatch(message);
  });

  test('a Word file gives its paragraphs as MT paragraphs', async () => {
    const { meta, segments } = await readUpload(fs.readFileSync(path.join(FIXTURES, 'sample.docx')), 'sample.docx', { sourceLang: 'zh', targetLang: 'en' });
    expect(meta).toMatchObject({ title: 'sample', format: 'docx', hasSource: false });
    expect(segments.map((s) => [s.paragraph, s.mt])).toEqual([
      [0, 'The company said the new platform will land next year.'],
      [0, 'It will open in May.'],
      [1, 'The team carried out mutual cooperation with several universities.'],
    ]);
  });

  test('a broken Word file is a 400', async () => {
    const bytes = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('garbage')]);
    await expect(readUpload(bytes, 'broken.docx', { sourceLang: 'zh', targetLang: 'en' })).rejects.toMatchObject({ status: 400, reason: 'invalid-docx' });
  });
});

describe('protected placeholders', () => {
  const codes = parseCodes(JSON.stringify({ codes: { 1: { paired: true, from: 'xliff2', open: '<pc id="1">', close: '</pc>' }, 2: { paired: false, from: 'xliff2', open: '<ph id="2"/>' } } }));
  const mt = 'Click ⟦1⟧here⟦/1⟧ now.⟦2/⟧';
  test.each([
    ['Press ⟦1⟧this⟦/1⟧ now.⟦2/⟧', undefined],
    ['⟦2/⟧Press ⟦1⟧this⟦/1⟧.', undefined],
    ['Press here now.⟦2/⟧', /⟦1⟧ is not|was removed/],
    ['Press ⟦1⟧here now.⟦2/⟧', /opened but never closed/],
    ['Press ⟦/1⟧here⟦1⟧ now.⟦2/⟧', /must close/],
    ['Press ⟦1⟧here⟦/1⟧ now.⟦2/⟧⟦2/⟧', /appears twice/],
    ['Press ⟦1⟧here⟦/1⟧ ⟦3/⟧.⟦2/⟧', /⟦3\/⟧ is not one of/],
    ['Press ⟦1/⟧here.⟦2/⟧', /is not one of/],
  ])('%s', (proposed, problem) => {
    const result = placeholderProblem(mt, proposed, codes);
    if (problem === undefined) expect(result).toBeUndefined();
    else expect(result).toMatch(problem);
  });

  test('segments without codes are not checked', () => {
    expect(placeholderProblem('Plain.', 'Has ⟦1⟧ text.', undefined)).toBeUndefined();
  });

  test('text around codes is XML-escaped on export', () => {
    expect(renderInline('a < b & ⟦2/⟧', codes, 'xliff2')).toBe('a &lt; b &amp; <ph id="2"/>');
    expect(renderInline('⟦1⟧x⟦/1⟧', codes, 'xliff12')).toBe('<g id="1">x</g>');
    expect(renderInline('⟦1⟧x⟦/1⟧', codes, 'tmx')).toBe('<bpt i="1">&lt;pc id="1"&gt;</bpt>x<ept i="1">&lt;/pc&gt;</ept>');
  });
});

describe('CSV and SVG output', () => {
  test('cells that a spreadsheet would run as a formula are defused; quoting round-trips', () => {
    const line = csvLine(['=SUM(A1)', '+1', '-x', '@cmd', 'a "quoted", text\nwith a line break', 42]);
    expect(parse(line)).toEqual([["'=SUM(A1)", "'+1", "'-x", "'@cmd", 'a "quoted", text\nwith a line break', '42']]);
  });

  test('chart labels are escaped', () => {
    const svg = barChartSvg('T', [{ label: '<script>x</script>', values: [1, 2] }], ['a', 'b']);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
  });
});
