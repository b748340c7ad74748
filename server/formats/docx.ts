import { AppError, badRequest } from '../errors';
import { readZipEntry, zipEntries } from './zip';

export interface DocxLimits {
  /** Largest document part (word/document.xml) unpacked, in bytes. */
  maxXmlBytes: number;
  /** Largest text taken from it, in characters. */
  maxTextChars: number;
}

export const DEFAULT_DOCX_LIMITS: DocxLimits = { maxXmlBytes: 64 * 1024 * 1024, maxTextChars: 12_000_000 };

/**
 * The paragraphs of a Word .docx, separated by blank lines, as mammoth's raw text gives them.
 * Read by a single pass over the document part, so time and memory grow with the file: the
 * part's size is checked in the ZIP directory before inflating, inflation stops at that size,
 * and reading stops as soon as the text passes the limit.
 */
export function docxText(bytes: Buffer, what: string, limits: DocxLimits = DEFAULT_DOCX_LIMITS): string {
  return docxParagraphs(bytes, what, limits).text;
}

/**
 * The text of a Word .docx (paragraphs separated by blank lines) and the style of each non-empty
 * paragraph, so that an export can give every paragraph its style back.
 */
export function docxParagraphs(bytes: Buffer, what: string, limits: DocxLimits = DEFAULT_DOCX_LIMITS): { text: string; styles: string[] } {
  const entries = zipEntries(bytes, what);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const rels = byName.get('_rels/.rels');
  const main = byName.get(mainPartName(rels ? readZipEntry(bytes, rels, 1024 * 1024, what).toString('utf8') : '')) ?? byName.get('word/document.xml');
  if (!main) throw badRequest('invalid-docx', `${what} could not be read as a Word .docx file (it has no document part).`);
  const xml = readZipEntry(bytes, main, limits.maxXmlBytes, what).toString('utf8');
  const styles: string[] = [];
  const text = paragraphText(xml, what, limits.maxTextChars, styles).replace(/\n{3,}/g, '\n\n').trim();
  if (text === '') throw badRequest('empty-text', `${what} has no text.`);
  return { text, styles };
}

/** The document part named by the package relationships (usually word/document.xml). */
function mainPartName(rels: string): string {
  for (const m of rels.matchAll(/<Relationship\b([^>]{0,2000})>/g)) {
    const type = /\bType="([^"]*)"/.exec(m[1])?.[1] ?? '';
    const target = /\bTarget="([^"]*)"/.exec(m[1])?.[1];
    if (target && type.endsWith('/officeDocument')) return target.replace(/^\//, '');
  }
  return 'word/document.xml';
}

// What mammoth leaves out of the raw text: deleted and moved-away text, field codes, the first
// choice of alternate content (the fallback is read), and property blocks (whose w:tab are tab stops).
const SKIPPED = new Set(['w:del', 'w:moveFrom', 'w:delText', 'w:instrText', 'mc:Choice', 'w:pPr', 'w:rPr', 'w:sectPr', 'w:tblPr', 'w:trPr', 'w:tcPr', 'w:tabs']);
const INLINE: Record<string, string> = { 'w:tab': '\t', 'w:noBreakHyphen': '\u2011', 'w:softHyphen': '\u00AD' };
const ENTITY = /&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (all, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name];
    const code = hex ? parseInt(hex, 16) : Number(dec);
    return code <= 0x10ffff ? String.fromCodePoint(code) : all;
  });
}

/**
 * Text of the w:t elements, "\n\n" after each paragraph; one scan with indexOf, never a
 * backtracking expression. The style (w:pStyle) of each paragraph with text goes to `styles`.
 */
function paragraphText(xml: string, what: string, maxChars: number, styles: string[] = []): string {
  const malformed = (why: string) => badRequest('invalid-docx', `${what} could not be read as a Word .docx file (${why}).`);
  const out: string[] = [];
  let length = 0;
  const push = (s: string) => {
    out.push(s);
    length += s.length;
    if (length > maxChars) {
      throw new AppError(400, 'text-too-long', `The text of ${what} has more than ${maxChars.toLocaleString('en')} characters; the limit is ${maxChars.toLocaleString('en')}.`);
    }
  };
  const open: string[] = [];
  let skipped = 0;
  let at = 0;
  let style = '';
  let paragraphStart = 0;
  const endParagraph = () => {
    if (out.slice(paragraphStart).join('').trim() !== '') styles.push(style);
    push('\n\n');
    paragraphStart = out.length;
    style = '';
  };
  while (at < xml.length) {
    const lt = xml.indexOf('<', at);
    const textEnd = lt < 0 ? xml.length : lt;
    if (textEnd > at && skipped === 0 && open[open.length - 1] === 'w:t') push(decodeEntities(xml.slice(at, textEnd)));
    if (lt < 0) break;
    if (xml.startsWith('<!--', lt)) {
      const close = xml.indexOf('-->', lt + 4);
      if (close < 0) throw malformed('an unclosed comment');
      at = close + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const close = xml.indexOf(']]>', lt + 9);
      if (close < 0) throw malformed('an unclosed CDATA section');
      if (skipped === 0 && open[open.length - 1] === 'w:t') push(xml.slice(lt + 9, close));
      at = close + 3;
      continue;
    }
    if (xml.startsWith('<!', lt)) throw badRequest('xml-doctype', `${what} has a DOCTYPE or ENTITY declaration; Calque does not read DTDs or entity declarations.`);
    const gt = xml.indexOf('>', lt + 1);
    if (gt < 0) throw malformed('an unclosed tag');
    at = gt + 1;
    if (xml.charCodeAt(lt + 1) === 0x3f) continue; // <?xml ...?>
    const closing = xml.charCodeAt(lt + 1) === 0x2f;
    const selfClosing = xml.charCodeAt(gt - 1) === 0x2f;
    const body = xml.slice(closing ? lt + 2 : lt + 1, selfClosing ? gt - 1 : gt);
    const space = body.search(/[\s/]/);
    const name = space < 0 ? body : body.slice(0, space);
    if (closing) {
      if (open.pop() !== name) throw malformed(`</${name.slice(0, 40)}> does not close the element it should`);
      if (SKIPPED.has(name)) skipped--;
      else if (name === 'w:p' && skipped === 0) endParagraph();
      continue;
    }
    if (name === 'w:pStyle') style = /\bw:val="([^"]{0,200})"/.exec(body)?.[1] ?? '';
    if (name === 'w:p' && !selfClosing) {
      paragraphStart = out.length;
      style = '';
    }
    if (skipped === 0) {
      const inline = INLINE[name];
      if (inline) push(inline);
      else if (name === 'w:p' && selfClosing) endParagraph();
    }
    if (selfClosing) continue;
    open.push(name);
    if (SKIPPED.has(name)) skipped++;
  }
  if (open.length > 0) throw malformed(`<${open[open.length - 1].slice(0, 40)}> is never closed`);
  return out.join('');
}
