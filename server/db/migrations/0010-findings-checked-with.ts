import type { Migration } from '../migrate';

/**
 * The fingerprint of the rules and checks a document's findings were worked out with
 * (checks/checks-fingerprint.ts). Documents imported before have none: their findings are worked
 * out again with the current rules at the next start.
 */
export const findingsCheckedWith: Migration = {
  version: 10,
  name: '0010-findings-checked-with',
  up: `
    ALTER TABLE documents ADD COLUMN checked_with TEXT;
  `,
};
