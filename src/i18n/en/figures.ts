// English: the public figures of use (src/stats/figures.ts) on a dataset's page and the home page.
import type { figures as nl } from '../nl/figures.ts';

export const figures: typeof nl = {
  use: 'Use',
  downloads: 'Downloads',
  apiCalls: 'API calls',
  recentAndTotal: (recent, total, days) => `${recent} in the last ${days} days, ${total} in all`,
  popularity: 'Popularity',
  score: (score) => `${score} out of 10`,
  countedHow: 'Counted without cookies and without anything about who uses the data; updated every ten minutes.',
  mostUsedPeriod: (days) => `Most used in the last ${days} days`,
  uses: (formatted) => `used ${formatted} times`,
  noUseYet: (days) => `No use counted yet in the last ${days} days.`,
};
