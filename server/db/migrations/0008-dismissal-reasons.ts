import type { Migration } from '../migrate';

/** Why a finding was dismissed, when the reviewer says (optional). */
export const dismissalReasons: Migration = {
  version: 8,
  name: '0008-dismissal-reasons',
  up: `
    ALTER TABLE dismissals ADD COLUMN reason TEXT;
  `,
};
