import type { Check, DocumentCheck } from './types';
import { nameRomanisation } from './document/name-romanisation';
import { inconsistentTranslation } from './document/inconsistent-translation';
import { sourceTermConsistency } from './document/source-term-consistency';
import { termNotUsed } from './document/term-not-used';
import { forbiddenTerm } from './document/forbidden-term';
import { repeatedWord } from './generic/repeated-word';
import { doubleSpace } from './generic/double-space';
import { punctuationSpacing } from './generic/punctuation-spacing';
import { leftoverCjk } from './generic/leftover-cjk';
import { numberMismatch } from './generic/number-mismatch';
import { unbalancedBrackets } from './generic/unbalanced-brackets';
import { sourceIdiom } from './source/source-idiom';
import { spelling } from './spelling/spelling';
import { unusualPairing } from './naturalness/unusual-pairing';
import { quotedCoinage } from './naturalness/quoted-coinage';
import { bracketedGloss } from './generic/bracketed-gloss';
import { orForMay } from './generic/or-for-may';
import { headlineOpener } from './generic/headline-opener';

/** Every coded check, in the order their findings are listed. Phrase rules come from data/rules. */
export const CHECKS: Check[] = [leftoverCjk, numberMismatch, repeatedWord, doubleSpace, punctuationSpacing, unbalancedBrackets, sourceIdiom, spelling, unusualPairing, quotedCoinage, bracketedGloss, orForMay, headlineOpener];

/** Checks that look at the whole document: consistency across segments. */
export const DOCUMENT_CHECKS: DocumentCheck[] = [inconsistentTranslation, sourceTermConsistency, nameRomanisation, termNotUsed, forbiddenTerm];
