// English: the dataset's map tab.
import type { map as nl } from '../nl/map.ts';

export const map: typeof nl = {
  title: 'Map',
};
