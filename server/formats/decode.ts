import { AppError, badRequest } from '../errors';

/**
 * Turns uploaded bytes into text: UTF-8 (with or without BOM) or UTF-16 with a BOM. Anything
 * else, including binary files, is refused with a message naming the file.
 */
export function decodeText(bytes: Buffer, name: string): string {
  if (bytes.length === 0) throw badRequest('empty-file', `${name} is empty.`);
  let encoding = 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    throw badRequest('invalid-encoding', `${name} is not valid UTF-8${offset >= 0 ? ` (first bad byte at offset ${offset})` : ''}. Save it as UTF-8 and try again.`);
  }
  if (/\u0000/.test(text)) throw new AppError(415, 'binary-file', `${name} looks like a binary file, not text.`);
  return text.replace(/^\uFEFF/, '');
}

function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return -1;
}
