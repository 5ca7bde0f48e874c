// English: the dataset's chart tab.
import type { chart as nl } from '../nl/chart.ts';

export const chart: typeof nl = {
  title: 'Chart',
};
