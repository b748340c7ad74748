import fs from 'node:fs';
import { decodeText } from '../formats/decode';
import { UsageError } from './args';

/** The text of a file named on the command line, decoded as the importers do. */
export function readText(file: string): string {
  if (!fs.existsSync(file)) throw new UsageError(`${file}: no such file`);
  return decodeText(fs.readFileSync(file), file);
}
