/**
 * Parses YAML, loading the parser on first use: a flagger read from the stored knowledge image
 * never parses YAML, and loading the parser costs about 50 ms of a one-line `calque flag`.
 */
export function parseYaml(text: string): unknown {
  const { parse } = require('yaml') as typeof import('yaml');
  return parse(text);
}
