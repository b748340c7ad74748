import type { Finding } from '../checks/types';
import { LlmClient } from './client';
import type { LlmConfig } from './config';
import { readText } from './read-text';

/**
 * The rule-based findings of `calque flag --llm` with the second reader's added. When the
 * endpoint is not configured or fails, the rule-based findings come back alone and stderr says why.
 */
export async function withSecondReader(config: LlmConfig | undefined, text: string, findings: Finding[], options: { source?: string; sourceLang?: string; targetLang?: string }): Promise<Finding[]> {
  if (!config) {
    process.stderr.write('calque: --llm: the second reader is not set up (set CALQUE_LLM_BASE_URL); showing the rule-based findings only.\n');
    return findings;
  }
  const reading = await readText(new LlmClient(config), text, options);
  if (reading.failed === reading.sentences && reading.sentences > 0) {
    process.stderr.write(`calque: --llm: ${reading.firstFailure} Showing the rule-based findings only.\n`);
  } else if (reading.failed > 0) {
    process.stderr.write(`calque: --llm: no answer for ${reading.failed} of ${reading.sentences} sentences (${reading.firstFailure})\n`);
  }
  if (reading.dropped > 0) process.stderr.write(`calque: --llm: ${reading.dropped} of the second reader's errors left out: their words are not in the text.\n`);
  return [...findings, ...reading.findings].sort((a, b) => a.start - b.start);
}
