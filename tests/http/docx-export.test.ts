import { testApp, api } from '../helpers/app';
import { readUpload } from '../../server/formats/detect';
import { cleanedDocx } from '../../server/formats/docx-export';
import { docxParagraphs } from '../../server/formats/docx';

const binary = (res: { on(event: string, listener: (chunk?: Buffer) => void): void }, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c) => chunks.push(c!));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('Word export', () => {
  test('the cleaned text comes out as a .docx Word reads, one paragraph per paragraph, edits included', async () => {
    const { app } = testApp();
    const doc = (await api(app).post('/api/documents').send({ title: 'Two paragraphs', sourceLang: 'zh', targetLang: 'en', mtText: 'First sentence. Second one.\n\nA new paragraph & more.' }).expect(201)).body;
    const [first] = (await api(app).get(`/api/documents/${doc.id}/segments`)).body;
    const proposal = (await api(app).post(`/api/segments/${first.id}/proposals`).send({ text: 'The first sentence.', baseVersion: 1 }).expect(201)).body;
    await api(app).post(`/api/proposals/${proposal.id}/accept`).expect(200);
    const res = await api(app).get(`/api/documents/${doc.id}/export?format=docx`).buffer(true).parse(binary as never).expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toMatch(/two-paragraphs-\d+\.docx/);
    const read = await docxParagraphs(res.body as Buffer, 'export.docx');
    expect(read.text).toBe('The first sentence. Second one.\n\nA new paragraph & more.');
  });

  test('an imported .docx comes back with its paragraph styles', async () => {
    // A styled .docx, written by the exporter itself, stands in for one from Word.
    const styled = cleanedDocx([
      { index: 0, paragraph: 0, text: 'Platform news', codes: null },
      { index: 1, paragraph: 1, text: 'The company said the new platform will land next year.', codes: null },
      { index: 2, paragraph: 2, text: 'Quoted words.', codes: null },
    ], 'en', new Map([[0, 'Heading1'], [2, 'Quote']]), 'styled');
    const { segments } = await readUpload(styled, 'styled.docx', { sourceLang: 'zh', targetLang: 'en' });
    expect(segments.map((s) => s.mt)).toEqual(['Platform news', 'The company said the new platform will land next year.', 'Quoted words.']);

    const { app } = testApp();
    const doc = (await api(app).post('/api/documents').field('sourceLang', 'zh').field('targetLang', 'en').attach('file', styled, 'styled.docx').expect(201)).body;
    const res = await api(app).get(`/api/documents/${doc.id}/export?format=docx`).buffer(true).parse(binary as never).expect(200);
    expect((await docxParagraphs(res.body as Buffer, 'again.docx')).styles).toEqual(['Heading1', '', 'Quote']);
  });
});
