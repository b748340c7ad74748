import mammoth from 'mammoth';
import { badRequest } from '../errors';

/** A node of mammoth's document tree, as much of it as we read. */
interface DocNode {
  type: string;
  value?: string;
  styleId?: string | null;
  styleName?: string | null;
  children?: DocNode[];
}

/**
 * The paragraphs of a Word .docx (separated by blank lines) and the style of each, so that an
 * export can give every paragraph its style back. Empty paragraphs are dropped from both.
 */
export async function docxParagraphs(bytes: Buffer, what: string): Promise<{ text: string; styles: string[] }> {
  const paragraphs: Array<{ text: string; style: string }> = [];
  const textOf = (node: DocNode): string => {
    if (node.type === 'text') return node.value ?? '';
    if (node.type === 'tab') return '\t';
    if (node.type === 'break') return '\n';
    return (node.children ?? []).map(textOf).join('');
  };
  const walk = (node: DocNode) => {
    if (node.type === 'paragraph') {
      const text = textOf(node).replace(/\n\s*\n/g, '\n').trim();
      if (text !== '') paragraphs.push({ text, style: node.styleId ?? '' });
      return;
    }
    for (const child of node.children ?? []) walk(child);
  };
  try {
    await mammoth.convertToHtml({ buffer: bytes }, {
      transformDocument: (document: DocNode) => {
        walk(document);
        return document;
      },
    } as Parameters<typeof mammoth.convertToHtml>[1]);
  } catch (err) {
    throw badRequest('invalid-docx', `${what} could not be read as a Word .docx file (${(err as Error).message.slice(0, 200)}).`);
  }
  if (paragraphs.length === 0) throw badRequest('empty-text', `${what} has no text.`);
  return { text: paragraphs.map((p) => p.text).join('\n\n'), styles: paragraphs.map((p) => p.style) };
}

/** The paragraphs of a Word .docx, separated by blank lines. */
export async function docxText(bytes: Buffer, what: string): Promise<string> {
  return (await docxParagraphs(bytes, what)).text;
}
