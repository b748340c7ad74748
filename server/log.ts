import pino, { type DestinationStream, type Logger } from 'pino';

import type { LogLevel } from './config';

export type { Logger };

/** Only what an operator needs from an error: never the extra fields a library hangs on it (body-parser's `body`). */
function serializeError(err: unknown) {
  if (!(err instanceof Error)) return { message: String(err) };
  const code = (err as { code?: unknown }).code;
  return { type: err.name, message: err.message, ...(typeof code === 'string' ? { code } : {}), stack: err.stack };
}

/** The process's JSON logger: one line per event on standard output (or `destination` in tests). */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino({ level, base: undefined, serializers: { err: serializeError } }, destination);
}
