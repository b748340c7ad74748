import mammoth from 'mammoth';
import { badRequest } from '../errors';

/** The paragraphs of a Word .docx, separated by blank lines (mammoth's raw text). */
export async function docxText(bytes: Buffer, what: string): Promise<string> {
  let value: string;
  try {
    ({ value } = await mammoth.extractRawText({ buffer: bytes }));
  } catch (err) {
    throw badRequest('invalid-docx', `${what} could not be read as a Word .docx file (${(err as Error).message.slice(0, 200)}).`);
  }
  const text = value.replace(/\n{3,}/g, '\n\n').trim();
  if (text === '') throw badRequest('empty-text', `${what} has no text.`);
  return text;
}
