import { testApp, api } from '../helpers/app';
import { buildDocx, docxBomb, documentXml } from '../../bench/zip';
import fs from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import { parseXml } from '../../server/formats/xml';
import { docxText } from '../../server/formats/docx';

/**
 * Archives and XML that unpack to far more than they weigh. Each is refused with a 4xx from the
 * sizes in the ZIP directory (or from counting before parsing), long before it could fill memory,
 * and the server answers the next request as usual.
 */
jest.setTimeout(120_000);

type Built = ReturnType<typeof testApp>;

function uploadDocx(built: Built, bytes: Buffer, name = 'report.docx') {
  return api(built.app).post('/api/documents').field('sourceLang', 'zh').field('targetLang', 'en').attach('file', bytes, name);
}

const heapMb = () => process.memoryUsage().heapUsed / 1024 / 1024;
const documents = (built: Built) => (built.db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;

describe('a .docx zip bomb', () => {
  let bomb: Buffer;
  let liar: Buffer;
  beforeAll(async () => {
    // 300 MB of paragraphs, about 1 MB packed; and the same part claiming to be 1 MB.
    bomb = await docxBomb(300 * 1024 * 1024);
    liar = await docxBomb(300 * 1024 * 1024, 1024 * 1024);
  });

  test('that declares its 300 MB is refused with a 413 before inflating', async () => {
    expect(bomb.length).toBeLessThan(1.2 * 1024 * 1024);
    const built = testApp();
    const before = heapMb();
    const started = Date.now();
    const res = await uploadDocx(built, bomb).expect(413);
    expect(res.body.error.reason).toBe('docx-too-large');
    expect(res.body.error.message).toMatch(/report\.docx unpacks to more than 64\.0 MB/);
    // Unpacking it all takes seconds and gigabytes; the directory check takes neither.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(heapMb() - before).toBeLessThan(150);
    expect(documents(built)).toBe(0);
    await api(built.app).get('/api/me').expect(200);
  });

  test('that hides its size in the ZIP directory stops inflating at the declared size', async () => {
    const built = testApp();
    const before = heapMb();
    const res = await uploadDocx(built, liar).expect(413);
    expect(res.body.error.reason).toBe('docx-too-large');
    expect(res.body.error.message).toMatch(/more than its ZIP directory declares/);
    expect(heapMb() - before).toBeLessThan(150);
    expect(documents(built)).toBe(0);
    await api(built.app).get('/api/me').expect(200);
  });

  test('within the part limit but over the text limit stops reading at the text limit', async () => {
    const built = testApp({ CALQUE_MAX_TEXT_CHARS: '100000' });
    const res = await uploadDocx(built, await docxBomb(20 * 1024 * 1024)).expect(400);
    expect(res.body.error.reason).toBe('text-too-long');
    expect(res.body.error.message).toMatch(/more than 100,000 characters/);
    expect(documents(built)).toBe(0);
  });

  test('a small honest .docx still imports', async () => {
    const built = testApp();
    const res = await uploadDocx(built, buildDocx(documentXml(['The team met on Monday.', 'It agreed on a plan.']))).expect(201);
    expect(res.body).toMatchObject({ format: 'docx', segments: 2 });
  });
});

describe('XML files', () => {
  const xliff = (target: string) => `<?xml version="1.0"?><xliff version="1.2"><file source-language="zh" target-language="en"><body><trans-unit id="1"><source>中文</source><target>${target}</target></trans-unit></body></file></xliff>`;

  test('with more character references than the limit are refused before parsing', async () => {
    const built = testApp();
    const res = await api(built.app).post('/api/documents').attach('file', Buffer.from(xliff('&amp;'.repeat(2_000_001))), 'memory.xlf').expect(413);
    expect(res.body.error.reason).toBe('xml-too-many-entities');
    expect(res.body.error.message).toMatch(/2,000,001 character references/);
    expect(documents(built)).toBe(0);
  });

  test('longer than the limit are refused before parsing', () => {
    expect(() => parseXml(xliff('x'.repeat(2000)), 'memory.xlf', { maxChars: 1000, maxEntityReferences: 10 })).toThrow(expect.objectContaining({ status: 413, reason: 'xml-too-large' }));
    expect(() => parseXml(xliff('&lt;'.repeat(11)), 'memory.xlf', { maxChars: 1000, maxEntityReferences: 10 })).toThrow(expect.objectContaining({ status: 413, reason: 'xml-too-many-entities' }));
  });
});

describe('the one-pass .docx reader', () => {
  test('gives the text mammoth gives', async () => {
    const xml = '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>'
      + '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>Profits &amp; costs</w:t><w:tab/><w:t xml:space="preserve"> rose.</w:t></w:r></w:p>'
      + '<w:p><w:ins><w:r><w:t>Inserted</w:t></w:r></w:ins><w:del><w:r><w:delText>deleted</w:delText></w:r></w:del><w:r><w:fldChar w:fldCharType="begin"/><w:instrText>PAGE</w:instrText><w:fldChar w:fldCharType="end"/><w:noBreakHyphen/><w:t>&#x4E2D;</w:t></w:r></w:p>'
      + '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
      + '<w:p><w:r><mc:AlternateContent><mc:Choice><w:t>choice</w:t></mc:Choice><mc:Fallback><w:t>fallback</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>'
      + '<w:p/><w:sectPr/></w:body></w:document>';
    for (const [name, bytes] of [['sample.docx', fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'formats', 'sample.docx'))], ['made.docx', buildDocx(xml)]] as const) {
      const expected = (await mammoth.extractRawText({ buffer: bytes })).value.replace(/\n{3,}/g, '\n\n').trim();
      expect(docxText(bytes, name)).toBe(expected);
    }
  });
});
