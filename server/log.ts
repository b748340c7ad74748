import pino, { type DestinationStream, type Logger } from 'pino';

import type { LogLevel } from './config';

export type { Logger };

const MAX_MESSAGE = 500;
const cut = (text: string) => (text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text);

/**
 * Only what an operator needs from an error: never the extra fields a library hangs on it
 * (body-parser's `body`), and a message cut short, since a parser may quote the text it choked on.
 */
function serializeError(err: unknown) {
  if (!(err instanceof Error)) return { message: cut(String(err)) };
  const code = (err as { code?: unknown }).code;
  const stack = err.stack?.split('\n').filter((line) => /^\s+at /.test(line)).join('\n');
  return { type: err.name, message: cut(err.message), ...(typeof code === 'string' ? { code } : {}), stack };
}

/** The process's JSON logger: one line per event on standard output (or `destination` in tests). */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino({ level, base: undefined, serializers: { err: serializeError } }, destination);
}
