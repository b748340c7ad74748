import type { Migration } from '../migrate';
import { initial } from './0001-initial';

/** Every schema version in order. A shipped migration is never edited: add a new one. */
export const migrations: Migration[] = [initial];
