/** Span scoring of predicted highlights against annotated spans, per segment. */
export interface Span {
  start: number;
  end: number;
}

export interface Scored {
  predicted: Span[];
  gold: Span[];
}

export interface Scores {
  segments: number;
  predictedSpans: number;
  goldSpans: number;
  /** Share of predicted spans that overlap a gold span. */
  spanPrecision: number;
  /** Share of gold spans overlapped by a predicted span. */
  spanRecall: number;
  /** Share of highlighted characters that lie inside a gold span. */
  charPrecision: number;
  /** Share of gold characters that are highlighted. */
  charRecall: number;
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** Characters covered by a set of spans (overlaps counted once). */
function covered(spans: Span[]): Set<number> {
  const chars = new Set<number>();
  for (const s of spans) for (let i = s.start; i < s.end; i++) chars.add(i);
  return chars;
}

export function score(items: Scored[]): Scores {
  let predictedSpans = 0, goodPredicted = 0, goldSpans = 0, foundGold = 0;
  let predictedChars = 0, goldChars = 0, sharedChars = 0;
  for (const { predicted, gold } of items) {
    predictedSpans += predicted.length;
    goldSpans += gold.length;
    goodPredicted += predicted.filter((p) => gold.some((g) => overlaps(p, g))).length;
    foundGold += gold.filter((g) => predicted.some((p) => overlaps(p, g))).length;
    const p = covered(predicted);
    const g = covered(gold);
    predictedChars += p.size;
    goldChars += g.size;
    for (const c of p) if (g.has(c)) sharedChars++;
  }
  const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
  return {
    segments: items.length,
    predictedSpans,
    goldSpans,
    spanPrecision: ratio(goodPredicted, predictedSpans),
    spanRecall: ratio(foundGold, goldSpans),
    charPrecision: ratio(sharedChars, predictedChars),
    charRecall: ratio(sharedChars, goldChars),
  };
}
