/** ZIP and .docx builders for the zip-bomb tests (tests/safety) and the latency benchmark. */
import zlib from 'node:zlib';
import { writeZip } from '../server/formats/zip';

export interface ZipEntry {
  name: string;
  data: Buffer | string;
  /** Uncompressed size written in the headers; defaults to the true size (a lie makes a bomb that hides). */
  declaredSize?: number;
  /** Already deflated data with its CRC and true size (then `data` is ignored). */
  packed?: { bytes: Buffer; crc: number; size: number };
}

/** A ZIP archive of deflated entries, built in memory (enough for .docx tests; no zip64). */
export function buildZip(entries: ZipEntry[]): Buffer {
  return writeZip(entries.map((entry) => {
    const data = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data, 'utf8');
    return {
      name: entry.name,
      packed: entry.packed?.bytes ?? zlib.deflateRawSync(data, { level: 9 }),
      crc: entry.packed?.crc ?? zlib.crc32(data),
      size: entry.declaredSize ?? entry.packed?.size ?? data.length,
    };
  }));
}

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
  + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
  + '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
  + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

/** The word/document.xml of paragraphs. */
export function documentXml(paragraphs: Iterable<string>): string {
  let body = '';
  for (const p of paragraphs) body += `<w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`;
  return `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
}

/** A minimal Word .docx whose document part is `xml` (declared with `declaredSize` when given). */
export function buildDocx(xml: string | Buffer, declaredSize?: number): Buffer {
  return buildZip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: '_rels/.rels', data: RELS },
    { name: 'word/document.xml', data: xml, declaredSize },
  ]);
}

/**
 * A .docx whose document part is `bytes` bytes of the same paragraph over and over (about 300 to
 * one deflated). The part is deflated chunk by chunk, so the test never holds it whole.
 */
export async function docxBomb(bytes: number, declaredSize?: number): Promise<Buffer> {
  const paragraph = '<w:p><w:r><w:t>The team carried out mutual cooperation with several universities.</w:t></w:r></w:p>';
  const head = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>');
  const tail = Buffer.from('</w:body></w:document>');
  const chunk = Buffer.from(paragraph.repeat(Math.ceil((1 << 20) / paragraph.length)));
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const packed: Buffer[] = [];
  deflate.on('data', (b: Buffer) => packed.push(b));
  const done = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  let crc = 0;
  let size = 0;
  const write = async (b: Buffer) => {
    crc = zlib.crc32(b, crc);
    size += b.length;
    if (!deflate.write(b)) await new Promise((resolve) => deflate.once('drain', resolve));
  };
  await write(head);
  while (size + chunk.length + tail.length <= bytes) await write(chunk);
  await write(tail);
  deflate.end();
  await done;
  return buildZip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: '_rels/.rels', data: RELS },
    { name: 'word/document.xml', data: Buffer.alloc(0), packed: { bytes: Buffer.concat(packed), crc, size }, declaredSize },
  ]);
}
