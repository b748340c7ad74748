import { CATEGORIES, SEVERITIES } from '../checks/types';

/** Bumped whenever the wording below changes: cached answers to an older prompt are not reused. */
export const PROMPT_VERSION = 1;

/** What the second reader is shown of one segment. */
export interface ReviewRequest {
  /** The source sentence(s); empty when the document has none. */
  source: string;
  /** The current English text. */
  text: string;
  sourceLang: string;
  targetLang: string;
  previous?: string;
  next?: string;
}

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

const SYSTEM = `You are a careful second reader of machine translation into English for a news desk.
Find real errors only: meaning changed or lost, words added, wrong terms, ungrammatical or unidiomatic English,
and calques (word-for-word renderings no native writer would use). Do not report matters of taste.
Answer with JSON only, exactly of this shape:
{"errors": [{"span": "...", "category": "...", "severity": "minor|major|critical", "explanation": "...", "suggestion": "..."}]}
- "span": words copied exactly, character for character, from the English text; as short as possible.
- "category": one of ${CATEGORIES.join(', ')}.
- "severity": one of ${SEVERITIES.join(', ')}.
- "explanation": one or two plain sentences for the editor.
- "suggestion": the replacement for the span only (not the whole sentence); "" to delete it.
If the translation is fine, answer {"errors": []}.`;

/** The chat messages for one segment. The context segments are for reading only. */
export function buildMessages(request: ReviewRequest): ChatMessage[] {
  const lines = [`Language pair: ${request.sourceLang} → ${request.targetLang}`];
  if (request.previous) lines.push(`Previous segment (context only): ${request.previous}`);
  if (request.source.trim()) lines.push(`Source (${request.sourceLang}): ${request.source}`);
  lines.push(`English text to review: ${request.text}`);
  if (request.next) lines.push(`Next segment (context only): ${request.next}`);
  return [{ role: 'system', content: SYSTEM }, { role: 'user', content: lines.join('\n') }];
}

/** The reply's JSON schema, sent as response_format to servers that enforce one. */
export const REPLY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['errors'],
  properties: {
    errors: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['span', 'category', 'severity', 'explanation', 'suggestion'],
        properties: {
          span: { type: 'string' },
          category: { type: 'string', enum: [...CATEGORIES] },
          severity: { type: 'string', enum: [...SEVERITIES] },
          explanation: { type: 'string' },
          suggestion: { type: 'string' },
        },
      },
    },
  },
} as const;
