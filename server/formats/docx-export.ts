import type { SegmentText } from '../db/segments';
import { stripPlaceholders } from './placeholders';
import { attrString, escapeXml } from './xml';
import { zip } from './zip';

const NO_SPACE_LANGS = /^(zh|ja|th|lo|km|my)\b/i;
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** Styles Word knows by these ids, with a look close to its own defaults. */
const KNOWN_STYLES: Record<string, { name: string; run: string; paragraph?: string }> = {
  Title: { name: 'Title', run: '<w:sz w:val="56"/>' },
  Subtitle: { name: 'Subtitle', run: '<w:i/><w:sz w:val="30"/>' },
  Heading1: { name: 'heading 1', run: '<w:b/><w:sz w:val="32"/>', paragraph: '<w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/>' },
  Heading2: { name: 'heading 2', run: '<w:b/><w:sz w:val="28"/>', paragraph: '<w:keepNext/><w:spacing w:before="200" w:after="100"/><w:outlineLvl w:val="1"/>' },
  Heading3: { name: 'heading 3', run: '<w:b/><w:sz w:val="24"/>', paragraph: '<w:keepNext/><w:outlineLvl w:val="2"/>' },
  Quote: { name: 'Quote', run: '<w:i/>', paragraph: '<w:ind w:left="720" w:right="720"/>' },
  ListParagraph: { name: 'List Paragraph', run: '', paragraph: '<w:ind w:left="720"/>' },
};
const STYLE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The cleaned text's paragraphs (sentences joined as in the plain-text export), with their paragraph numbers. */
function* paragraphsOf(segments: Iterable<SegmentText>, targetLang: string): Generator<{ paragraph: number; text: string }> {
  const joiner = NO_SPACE_LANGS.test(targetLang) ? '' : ' ';
  let current: { paragraph: number; text: string } | undefined;
  for (const s of segments) {
    const text = (s.codes ? stripPlaceholders(s.text).replace(/ {2,}/g, ' ') : s.text).trim();
    if (text === '') continue;
    if (current && current.paragraph !== s.paragraph) {
      yield current;
      current = undefined;
    }
    current = current ? { paragraph: current.paragraph, text: current.text + joiner + text } : { paragraph: s.paragraph, text };
  }
  if (current) yield current;
}

/**
 * The cleaned text as a Word .docx: one Word paragraph per paragraph of the document, each with
 * the style it had when a .docx was imported (headings stay headings).
 */
export function cleanedDocx(segments: Iterable<SegmentText>, targetLang: string, styles: ReadonlyMap<number, string>, title: string): Buffer {
  const used = new Set<string>();
  let body = '';
  for (const p of paragraphsOf(segments, targetLang)) {
    const style = styles.get(p.paragraph);
    const safe = style && STYLE_ID.test(style) ? style : undefined;
    if (safe) used.add(safe);
    const runs = p.text.split('\n').map((line, i) => (i > 0 ? '<w:br/>' : '') + `<w:t xml:space="preserve">${escapeXml(line)}</w:t>`).join('');
    body += `<w:p>${safe ? `<w:pPr><w:pStyle${attrString({ 'w:val': safe })}/></w:pPr>` : ''}<w:r>${runs}</w:r></w:p>`;
  }
  const lang = attrString({ 'w:val': targetLang });
  const styleDefs = [...used].map((id) => {
    const known = KNOWN_STYLES[id];
    return `<w:style w:type="paragraph"${attrString({ 'w:styleId': id })}><w:name${attrString({ 'w:val': known?.name ?? id })}/><w:basedOn w:val="Normal"/><w:qFormat/>`
      + `${known?.paragraph ? `<w:pPr>${known.paragraph}</w:pPr>` : ''}${known?.run ? `<w:rPr>${known.run}</w:rPr>` : ''}</w:style>`;
  }).join('');
  const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  return zip([
    { name: '[Content_Types].xml', data: `${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>` },
    { name: '_rels/.rels', data: `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>` },
    { name: 'docProps/core.xml', data: `${xml}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${escapeXml(title)}</dc:title><dc:language>${escapeXml(targetLang)}</dc:language></cp:coreProperties>` },
    { name: 'word/_rels/document.xml.rels', data: `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>` },
    { name: 'word/styles.xml', data: `${xml}<w:styles xmlns:w="${W}"><w:docDefaults><w:rPrDefault><w:rPr><w:lang${lang}/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="160"/></w:pPr></w:style>${styleDefs}</w:styles>` },
    { name: 'word/document.xml', data: `${xml}<w:document xmlns:w="${W}"><w:body>${body}<w:sectPr/></w:body></w:document>` },
  ]);
}
