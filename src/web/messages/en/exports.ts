// English: the dataset's exports tab.
import type { exports as nl } from '../nl/exports.ts';

export const exports: typeof nl = {
  title: 'Export',
};
