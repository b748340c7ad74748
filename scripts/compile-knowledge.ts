/**
 * Compiles the rule packs and the calque lexicon into dist/knowledge/ (part of `npm run build`), so
 * that the first flag after a start does not parse YAML. See server/checks/knowledge-image.ts.
 */
import { knowledgeImageDir, loadKnowledge } from '../server/checks/engine';

const started = Date.now();
const families = loadKnowledge();
const rules = families.reduce((n, f) => n + f.rules.length, 0);
console.log(`${rules} rules and lexicon entries ready in ${knowledgeImageDir()} (${Date.now() - started} ms)`);
