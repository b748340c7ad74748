import type { Migration } from '../migrate';

/**
 * What an imported bilingual file carries besides the text: the unit id (and the segment id
 * inside the unit) to write back on export, the file's notes, and the map from the protected
 * placeholders in the text (⟦1⟧, ⟦/1⟧, ⟦2/⟧) to the original inline codes.
 */
export const formats: Migration = {
  version: 3,
  name: '0003-formats',
  up: `
    ALTER TABLE segments ADD COLUMN unit_id TEXT;
    ALTER TABLE segments ADD COLUMN external_id TEXT;
    ALTER TABLE segments ADD COLUMN notes TEXT CHECK (notes IS NULL OR json_valid(notes));
    ALTER TABLE segments ADD COLUMN codes TEXT CHECK (codes IS NULL OR json_valid(codes));
  `,
};
