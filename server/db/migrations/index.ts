import type { Migration } from '../migrate';
import { initial } from './0001-initial';
import { reviewWorkflow } from './0002-review-workflow';
import { formats } from './0003-formats';
import { accounts } from './0004-accounts';
import { internedFindingTexts } from './0005-interned-finding-texts';
import { accountIds } from './0006-account-ids';
import { secondReader } from './0007-second-reader';
import { dismissalReasons } from './0008-dismissal-reasons';
import { wholeDocumentTools } from './0009-whole-document-tools';
import { findingsCheckedWith } from './0010-findings-checked-with';

/** Every schema version in order. A shipped migration is never edited: add a new one. */
export const migrations: Migration[] = [initial, reviewWorkflow, formats, accounts, internedFindingTexts, accountIds, secondReader, dismissalReasons, wholeDocumentTools, findingsCheckedWith];
