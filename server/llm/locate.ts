import type { ReportedError } from './parse';

export interface PlacedError extends ReportedError {
  start: number;
  end: number;
  /** The span as it stands in the text (it may differ from the model's in spaces and quotes). */
  text: string;
}

const QUOTES: Record<string, string> = { '‘': "'", '’': "'", '‚': "'", '‛': "'", '′': "'", '“': '"', '”': '"', '„': '"', '‟': '"', '″': '"', '«': '"', '»': '"' };

/** Text with runs of white space as one space and curly quotes straight, and where each character came from. */
function normalise(text: string): { value: string; from: number[]; to: number[] } {
  let value = '';
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (/\s/.test(c)) {
      let j = i;
      while (j + 1 < text.length && /\s/.test(text[j + 1])) j++;
      value += ' ';
      from.push(i);
      to.push(j + 1);
      i = j;
      continue;
    }
    value += QUOTES[c] ?? c;
    from.push(i);
    to.push(i + 1);
  }
  return { value, from, to };
}

/**
 * Places each error at its span in the text: found verbatim, or after spaces and quotes are
 * normalised on both sides. An error whose span is not there is dropped and counted, never placed
 * at a guessed offset. Of several occurrences the first not yet taken by another error is used.
 */
export function placeErrors(text: string, errors: ReportedError[]): { placed: PlacedError[]; dropped: number } {
  const norm = normalise(text);
  const placed: PlacedError[] = [];
  let dropped = 0;
  for (const error of errors) {
    const range = find(text, norm, error.span, placed);
    if (!range) {
      dropped++;
      continue;
    }
    placed.push({ ...error, start: range.start, end: range.end, text: text.slice(range.start, range.end) });
  }
  return { placed: placed.sort((a, b) => a.start - b.start), dropped };
}

function find(text: string, norm: ReturnType<typeof normalise>, span: string, taken: PlacedError[]): { start: number; end: number } | undefined {
  const free = (start: number, end: number) => !taken.some((p) => p.start === start && p.end === end);
  for (let i = text.indexOf(span); span.length > 0 && i >= 0; i = text.indexOf(span, i + 1)) {
    if (free(i, i + span.length)) return { start: i, end: i + span.length };
  }
  const wanted = normalise(span.trim()).value;
  if (wanted === '' || wanted === ' ') return undefined;
  for (let i = norm.value.indexOf(wanted); i >= 0; i = norm.value.indexOf(wanted, i + 1)) {
    const start = norm.from[i];
    const end = norm.to[i + wanted.length - 1];
    if (end > start && free(start, end)) return { start, end };
  }
  return undefined;
}
