// Dutch: the public figures of use (src/stats/figures.ts) on a dataset's page and the home page.
export const figures = {
  use: 'Gebruik',
  downloads: 'Downloads',
  apiCalls: 'API-oproepen',
  /** "12 in de laatste 30 dagen, 340 in totaal" (numbers already formatted). */
  recentAndTotal: (recent: string, total: string, days: number) => `${recent} in de laatste ${days} dagen, ${total} in totaal`,
  popularity: 'Populariteit',
  /** The score out of 10, formatted. */
  score: (score: string) => `${score} op 10`,
  countedHow: 'Geteld zonder cookies en zonder iets over wie de gegevens gebruikt; bijgewerkt om de tien minuten.',
  mostUsedPeriod: (days: number) => `Meest gebruikt in de laatste ${days} dagen`,
  /** Downloads, API calls and page views together, on a card of the home page. */
  uses: (formatted: string) => `${formatted} keer gebruikt`,
  noUseYet: (days: number) => `In de laatste ${days} dagen is nog geen gebruik geteld.`,
};
