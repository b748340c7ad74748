import path from 'node:path';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './review/import';
import { PROJECT_ROOT } from './paths';
import { loadLlmConfig, type LlmConfig } from './llm/config';
import { ConfigError, intFrom } from './config-values';

export interface Config {
  port: number;
  dbFile: string;
  /** Directory of the rule packs (*.yaml). */
  rulesDir: string;
  /** Directory of the calque lexicon (*.yaml); '' for none. */
  lexiconDir: string;
  limits: ImportLimits & { maxBodyBytes: number; maxUploadBytes: number };
  /** Rows of the review grid per page. */
  pageSize: number;
  /** Mark cookies Secure even on plain-HTTP requests (behind a TLS-terminating proxy). */
  secureCookies: boolean;
  /** The second reader (server/llm/); undefined when no endpoint is configured: nothing is sent anywhere. */
  llm: LlmConfig | undefined;
  /** The compiled browser client (client/*.ts), served at /static/client/. */
  clientDir: string;
  /** Worker threads for big imports and flagging (0: everything on the event loop). */
  workers: number;
  /** CALQUE_LOG_LEVEL; silent by default under Jest, so test output stays readable. */
  logLevel: LogLevel;
}

export { ConfigError };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

function logLevelFrom(env: NodeJS.ProcessEnv): LogLevel {
  const raw = env.CALQUE_LOG_LEVEL;
  if (raw === undefined || raw === '') return process.env.JEST_WORKER_ID ? 'silent' : 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) throw new ConfigError(`CALQUE_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${raw}".`);
  return raw as LogLevel;
}

/** Reads the environment once; throws a ConfigError with a plain message on a bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intFrom(env, 'PORT', 3000, 0, 65535),
    dbFile: env.CALQUE_DB || path.join(PROJECT_ROOT, 'data', 'calque.db'),
    rulesDir: env.CALQUE_RULES_DIR || path.join(PROJECT_ROOT, 'data', 'rules'),
    lexiconDir: env.CALQUE_LEXICON_DIR ?? path.join(PROJECT_ROOT, 'data', 'lexicon', 'calques'),
    pageSize: intFrom(env, 'CALQUE_PAGE_SIZE', 100, 10, 1000),
    secureCookies: env.CALQUE_SECURE_COOKIES === '1',
    llm: loadLlmConfig(env),
    clientDir: env.CALQUE_CLIENT_DIR || path.join(PROJECT_ROOT, 'dist', 'client'),
    workers: intFrom(env, 'CALQUE_WORKERS', 1, 0, 16),
    logLevel: logLevelFrom(env),
    limits: {
      ...DEFAULT_IMPORT_LIMITS,
      maxTextChars: intFrom(env, 'CALQUE_MAX_TEXT_CHARS', DEFAULT_IMPORT_LIMITS.maxTextChars, 1000, 200_000_000),
      maxSegments: intFrom(env, 'CALQUE_MAX_SEGMENTS', DEFAULT_IMPORT_LIMITS.maxSegments, 10, 5_000_000),
      maxBodyBytes: intFrom(env, 'CALQUE_MAX_BODY_BYTES', 30 * 1024 * 1024, 1024, 2 ** 31),
      maxUploadBytes: intFrom(env, 'CALQUE_MAX_UPLOAD_BYTES', 25 * 1024 * 1024, 1024, 2 ** 31),
    },
  };
}
