import { appMeta } from './0001-app-meta';
import type { Migration } from './types';

export type { Migration } from './types';

/** Every schema step in order. Append only: never edit or reorder a migration that has shipped. */
export const migrations: readonly Migration[] = [appMeta];
