/**
 * British and American spellings of one word ("commercialisation" and "commercialization",
 * "labour" and "labor", "modelled" and "modeled"), so that a pattern written either way matches
 * text written the other. Like inflections() this over-generates on purpose: a variant that is no
 * English word ("enterprize") is never in a text, so it never matches. What it must not do is
 * produce another real word ("filled" → "filed"), which is why the rules below are narrow.
 */

// Whole words that differ otherwise, each pair written British, American.
const PAIRS: [string, string][] = [
  ['centre', 'center'], ['metre', 'meter'], ['theatre', 'theater'], ['fibre', 'fiber'], ['litre', 'liter'],
  ['calibre', 'caliber'], ['defence', 'defense'], ['offence', 'offense'], ['licence', 'license'], ['pretence', 'pretense'],
  ['catalogue', 'catalog'], ['dialogue', 'dialog'], ['analogue', 'analog'], ['programme', 'program'], ['grey', 'gray'],
  ['aluminium', 'aluminum'], ['mould', 'mold'], ['plough', 'plow'], ['sceptic', 'skeptic'], ['sceptical', 'skeptical'],
  ['jewellery', 'jewelry'], ['manoeuvre', 'maneuver'], ['ageing', 'aging'], ['judgement', 'judgment'],
  ['fulfil', 'fulfill'], ['enrol', 'enroll'], ['instalment', 'installment'], ['tonne', 'ton'],
];
const OTHER_SPELLING = new Map<string, string>();
for (const [british, american] of PAIRS) {
  OTHER_SPELLING.set(british, american);
  OTHER_SPELLING.set(american, british);
}

// Words spelt -our in Britain and -or in America, by their common start ("colo" + "ur").
const OUR_STEMS = ['colo', 'favo', 'hono', 'labo', 'behavio', 'flavo', 'neighbo', 'harbo', 'rumo', 'humo', 'vigo', 'endeavo',
  'armo', 'savo', 'odo', 'tumo', 'parlo', 'splendo', 'vapo', 'clamo', 'rigo', 'valo'];

/** The other spellings of one word form (lower case); none for most words. */
export function spellingVariants(w: string): string[] {
  const out: string[] = [];
  const pair = OTHER_SPELLING.get(w);
  if (pair) out.push(pair);
  const plural = w.endsWith('s') ? OTHER_SPELLING.get(w.slice(0, -1)) : undefined;
  if (plural) out.push(plural + 's');
  // -ize / -ise and their derivatives (organization, organised, prioritizing); -yze / -yse.
  const ize = /^(.{3,})iz(e|es|ed|ing|er|ers|ation|ations|ational)$/.exec(w);
  if (ize) out.push(`${ize[1]}is${ize[2]}`);
  const ise = /^(.{3,})is(e|es|ed|ing|er|ers|ation|ations|ational)$/.exec(w);
  if (ise) out.push(`${ise[1]}iz${ise[2]}`);
  const yse = /^(.{2,})y([sz])(e|es|ed|ing)$/.exec(w);
  if (yse) out.push(`${yse[1]}y${yse[2] === 's' ? 'z' : 's'}${yse[3]}`);
  for (const stem of OUR_STEMS) {
    if (!w.startsWith(stem)) continue;
    const rest = w.slice(stem.length);
    if (rest.startsWith('ur')) out.push(`${stem}r${rest.slice(2)}`);
    else if (rest.startsWith('r')) out.push(`${stem}ur${rest.slice(1)}`);
  }
  // A final l doubles before -ed and -ing in Britain (travelled, modelling), in words of two or
  // more syllables only: "filled" is not a spelling of "filed".
  const doubled = /^(.*[aeiou][^aeiou]+[aeiou])ll(ed|ing|er|ers)$/.exec(w);
  if (doubled) out.push(`${doubled[1]}l${doubled[2]}`);
  const single = /^(.*[aeiou][^aeiou]+[aeiou])l(ed|ing|er|ers)$/.exec(w);
  if (single) out.push(`${single[1]}ll${single[2]}`);
  return out;
}
