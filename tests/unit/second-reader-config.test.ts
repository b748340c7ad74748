import { ConfigError, loadConfig } from '../../server/config';

test('the second reader is off without CALQUE_LLM_BASE_URL', () => {
  expect(loadConfig({}).llm).toBeUndefined();
  expect(loadConfig({ CALQUE_LLM_BASE_URL: '  ', CALQUE_LLM_MODEL: 'qwen' }).llm).toBeUndefined();
});

test('with a base URL it has its defaults', () => {
  expect(loadConfig({ CALQUE_LLM_BASE_URL: 'http://127.0.0.1:8080/v1/', CALQUE_LLM_MODEL: 'qwen2.5-7b', CALQUE_LLM_API_KEY: 'k' }).llm).toEqual({
    baseUrl: 'http://127.0.0.1:8080/v1', model: 'qwen2.5-7b', apiKey: 'k', concurrency: 2, timeoutMs: 60_000, attempts: 4, retryBaseMs: 1_000,
  });
});

test.each([
  [{ CALQUE_LLM_BASE_URL: 'localhost:8080' }, /http:\/\/ or https:\/\//],
  [{ CALQUE_LLM_BASE_URL: 'not a url' }, /must be an http\(s\) URL/],
  [{ CALQUE_LLM_BASE_URL: 'http://x/v1', CALQUE_LLM_CONCURRENCY: '0' }, /CALQUE_LLM_CONCURRENCY must be a whole number from 1 to 64/],
  [{ CALQUE_LLM_BASE_URL: 'http://x/v1', CALQUE_LLM_TIMEOUT_MS: 'soon' }, /CALQUE_LLM_TIMEOUT_MS/],
])('a bad value stops the start with a plain message: %p', (env, message) => {
  expect(() => loadConfig(env)).toThrow(ConfigError);
  expect(() => loadConfig(env)).toThrow(message);
});
