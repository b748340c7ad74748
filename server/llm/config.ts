import { ConfigError, intFrom } from '../config-values';

/** Where the second reader is and how hard it may be pushed; undefined base URL = the feature is off. */
export interface LlmConfig {
  /** e.g. http://127.0.0.1:8080/v1 (the server speaks the OpenAI chat-completions protocol). */
  baseUrl: string;
  model: string;
  apiKey: string | undefined;
  /** Requests in flight at once, over the whole process. */
  concurrency: number;
  timeoutMs: number;
  /** Attempts per segment in a document job (the first included). */
  attempts: number;
  /** First back-off delay of a job's retries; it doubles with every attempt. */
  retryBaseMs: number;
}

/** The second reader's settings from the environment, or undefined when CALQUE_LLM_BASE_URL is not set. */
export function loadLlmConfig(env: NodeJS.ProcessEnv = process.env): LlmConfig | undefined {
  const raw = env.CALQUE_LLM_BASE_URL?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`CALQUE_LLM_BASE_URL must be an http(s) URL such as http://127.0.0.1:8080/v1, not "${raw}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`CALQUE_LLM_BASE_URL must start with http:// or https://, not "${raw}".`);
  return {
    baseUrl: raw.replace(/\/+$/, ''),
    model: env.CALQUE_LLM_MODEL?.trim() || 'default',
    apiKey: env.CALQUE_LLM_API_KEY || undefined,
    concurrency: intFrom(env, 'CALQUE_LLM_CONCURRENCY', 2, 1, 64),
    timeoutMs: intFrom(env, 'CALQUE_LLM_TIMEOUT_MS', 60_000, 100, 600_000),
    attempts: intFrom(env, 'CALQUE_LLM_ATTEMPTS', 4, 1, 10),
    retryBaseMs: intFrom(env, 'CALQUE_LLM_RETRY_MS', 1_000, 1, 60_000),
  };
}
