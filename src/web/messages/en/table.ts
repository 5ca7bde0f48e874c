// English: the dataset's table tab.
import type { table as nl } from '../nl/table.ts';

export const table: typeof nl = {
  title: 'Table',
};
