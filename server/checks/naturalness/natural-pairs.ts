import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../paths';

/** data/naturalness/natural-pairs.txt: native pairs the unusual-pairing check must leave alone. */
export function naturalPairsFile(): string {
  return path.join(PROJECT_ROOT, 'data', 'naturalness', 'natural-pairs.txt');
}

export function parseNaturalPairs(text: string): Set<string> {
  const pairs = new Set<string>();
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim().toLowerCase();
    if (line) pairs.add(line.split(/\s+/).join(' '));
  }
  return pairs;
}

let shared: Set<string> | undefined;

/** The list, read on first use. */
export function naturalPairs(): Set<string> {
  return (shared ??= parseNaturalPairs(fs.readFileSync(naturalPairsFile(), 'utf8')));
}
