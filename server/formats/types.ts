import type { PreparedSegment } from '../review/import';

/** What a format parser makes of a file: segments, and the languages when the file says them. */
export interface ParsedDocument {
  format: string;
  sourceLang?: string;
  targetLang?: string;
  hasSource: boolean;
  segments: PreparedSegment[];
}

export interface Note {
  text: string;
  category?: string;
  from?: string;
}
