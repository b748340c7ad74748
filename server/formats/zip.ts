import zlib, { deflateRawSync } from 'node:zlib';
import { AppError, badRequest } from '../errors';

/** One file of a ZIP archive, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** The uncompressed size the directory declares; reading never inflates more than this. */
  size: number;
  localOffset: number;
  encrypted: boolean;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const MAX_ENTRIES = 10_000;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * The entries of a ZIP archive, read from its central directory only: nothing is inflated, so
 * the sizes can be checked before any work is done.
 */
export function zipEntries(bytes: Buffer, what: string): ZipEntry[] {
  const invalid = (why: string) => badRequest('invalid-docx', `${what} could not be read as a Word .docx file (${why}).`);
  // The end record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw invalid('no ZIP directory');
  const count = bytes.readUInt16LE(end + 10);
  const directoryOffset = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) throw invalid('ZIP64 archives are not supported');
  if (count > MAX_ENTRIES) throw invalid(`more than ${MAX_ENTRIES.toLocaleString('en')} files inside`);
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let k = 0; k < count; k++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== DIRECTORY_ENTRY) throw invalid('damaged ZIP directory');
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    entries.push({
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      size: bytes.readUInt32LE(at + 24),
      localOffset: bytes.readUInt32LE(at + 42),
      encrypted: (bytes.readUInt16LE(at + 8) & 1) === 1,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The bytes of one entry. Its declared size is checked against `maxBytes` before inflating, and
 * inflation stops at the declared size, so an entry that lies about its size cannot unpack more.
 */
export function readZipEntry(bytes: Buffer, entry: ZipEntry, maxBytes: number, what: string): Buffer {
  const invalid = (why: string) => badRequest('invalid-docx', `${what} could not be read as a Word .docx file (${why}).`);
  const tooLarge = () => new AppError(413, 'docx-too-large',
    `${what} unpacks to more than ${mb(maxBytes)} of document text (${entry.name}); the limit is ${mb(maxBytes)}. Split the document and try again.`);
  if (entry.encrypted) throw invalid('it is encrypted');
  if (entry.size === 0xffffffff || entry.size > maxBytes) throw tooLarge();
  const local = entry.localOffset;
  if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== LOCAL_HEADER) throw invalid(`damaged entry ${entry.name}`);
  const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) throw invalid(`truncated entry ${entry.name}`);
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw invalid(`unsupported compression in ${entry.name}`);
  try {
    return zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
  } catch (err) {
    // Inflating past the declared size: the archive hides how big it is.
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      throw new AppError(413, 'docx-too-large', `${what} unpacks to more than its ZIP directory declares for ${entry.name}; Calque does not read such files.`);
    }
    throw invalid(`damaged data in ${entry.name}`);
  }
}

/** One entry of an archive to write, already deflated. */
export interface PackedEntry {
  name: string;
  packed: Buffer;
  crc: number;
  /** The uncompressed size the headers declare (a test may declare a false one, as a zip bomb does). */
  size: number;
}

/** A ZIP archive (deflated entries, no ZIP64) of the files given: what a .docx is. */
export function zip(files: Array<{ name: string; data: string | Buffer }>): Buffer {
  return writeZip(files.map((file) => {
    const raw = typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data;
    return { name: file.name, packed: deflateRawSync(raw), crc: zlib.crc32(raw), size: raw.length };
  }));
}

/** The archive of deflated entries: local headers and data, then the central directory. */
export function writeZip(entries: PackedEntry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(LOCAL_HEADER, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6); // UTF-8 names
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt16LE(0x21, 12); // 1980-01-01
    header.writeUInt32LE(entry.crc, 14);
    header.writeUInt32LE(entry.packed.length, 18);
    header.writeUInt32LE(entry.size, 22);
    header.writeUInt16LE(name.length, 26);
    locals.push(header, name, entry.packed);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(DIRECTORY_ENTRY, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(0x0800, 8);
    record.writeUInt16LE(8, 10);
    record.writeUInt16LE(0x21, 14);
    record.writeUInt32LE(entry.crc, 16);
    record.writeUInt32LE(entry.packed.length, 20);
    record.writeUInt32LE(entry.size, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE(offset, 42);
    central.push(record, name);
    offset += header.length + name.length + entry.packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_DIRECTORY, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
