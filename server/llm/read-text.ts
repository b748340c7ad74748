import { alignedSources } from '../checks/flag-text';
import type { Finding } from '../checks/types';
import { segmentDocument, type Span } from '../text/segment';
import { LlmFailure, type LlmClient } from './client';
import { placeErrors } from './locate';
import { withRetry } from './retry';
import { llmFinding } from './rule';

export interface TextReading {
  /** Findings of rule llm-review, offsets into the whole text. */
  findings: Finding[];
  sentences: number;
  /** Sentences the endpoint gave no usable answer for. */
  failed: number;
  /** Why the first of them failed. */
  firstFailure: string | undefined;
  /** Errors left out because their span is not in the sentence. */
  dropped: number;
}

/**
 * Asks the second reader about a whole text, sentence by sentence (as many at once as the
 * client allows), each with its aligned source and its neighbours as context. Used by
 * `calque flag --llm` and `npm run eval -- --llm`; nothing is cached.
 */
export async function readText(client: LlmClient, text: string, options: { source?: string; sourceLang?: string; targetLang?: string } = {}): Promise<TextReading> {
  const sourceLang = options.sourceLang ?? 'zh';
  const targetLang = options.targetLang ?? 'en';
  const target = segmentDocument(text, targetLang).paragraphs.map((p) => p.sentences);
  const sourceOf = options.source?.trim() ? alignedSources(options.source, sourceLang, target) : new Map<Span, string>();
  const sentences = target.flat();
  const result: TextReading = { findings: [], sentences: sentences.length, failed: 0, firstFailure: undefined, dropped: 0 };
  await Promise.all(sentences.map(async (span, i) => {
    try {
      const reply = await withRetry(() => client.review({
        source: sourceOf.get(span) ?? '',
        text: span.text,
        sourceLang,
        targetLang,
        previous: sentences[i - 1]?.text,
        next: sentences[i + 1]?.text,
      }), { attempts: client.config.attempts, baseMs: client.config.retryBaseMs });
      const { placed, dropped } = placeErrors(span.text, reply.errors);
      result.dropped += dropped + reply.unusable;
      for (const e of placed) {
        const f = llmFinding(e, client.model);
        result.findings.push({ ...f, start: f.start + span.start, end: f.end + span.start });
      }
    } catch (err) {
      if (!(err instanceof LlmFailure)) throw err;
      result.failed++;
      result.firstFailure ??= err.message;
    }
  }));
  result.findings.sort((a, b) => a.start - b.start);
  return result;
}
