// English: the dataset's console tab.
import type { console as nl } from '../nl/console.ts';

export const console: typeof nl = {
  title: 'API',
};
