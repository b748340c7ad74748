/**
 * Compiles the rule packs and the calque lexicon into dist/knowledge.v8 (part of `npm run build`),
 * so that the first flag after a start does not parse YAML. See server/checks/knowledge-cache.ts.
 */
import { loadKnowledge } from '../server/checks/engine';
import { cacheFile } from '../server/checks/knowledge-cache';

const started = Date.now();
const families = loadKnowledge();
const rules = families.reduce((n, f) => n + f.rules.length, 0);
console.log(`compiled ${rules} rules and lexicon entries into ${cacheFile()} in ${Date.now() - started} ms`);
