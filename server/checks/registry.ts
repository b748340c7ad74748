import type { Check } from './types';
import { repeatedWord } from './generic/repeated-word';
import { doubleSpace } from './generic/double-space';
import { leftoverCjk } from './generic/leftover-cjk';
import { numberMismatch } from './generic/number-mismatch';
import { unbalancedBrackets } from './generic/unbalanced-brackets';

/** Every coded check, in the order their findings are listed. Phrase rules come from data/rules. */
export const CHECKS: Check[] = [leftoverCjk, numberMismatch, repeatedWord, doubleSpace, unbalancedBrackets];
