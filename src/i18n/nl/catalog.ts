// Dutch: the catalog page.
import type { Counted } from '../plural.ts';
export const catalog = {
  title: 'Datasets',
  /** The title of the catalog's RSS feed. */
  feedTitle: 'Opendatacatalogus',
  /** The catalog's title and description in its DCAT-AP description. */
  dcatTitle: (portal: string) => `${portal}: open data`,
  dcatDescription: (publisher: string) => `Open data van ${publisher}`,
  searchResults: (q: string) => `Zoekresultaten voor "${q}"`,
  found: { one: (n) => `${n} dataset gevonden`, other: (n) => `${n} datasets gevonden` } as Counted,
  none: 'Geen datasets gevonden. Probeer minder of andere woorden, of verwijder een filter.',
  filters: 'Filters',
  activeFilters: 'Actieve filters',
  removeFilter: (label: string) => `Filter "${label}" verwijderen`,
  clearAll: 'Alle filters wissen',
  facet: {
    theme: 'Thema',
    keyword: 'Trefwoord',
    publisher: 'Uitgever',
    license: 'Licentie',
    features: 'Mogelijkheden',
    modified: 'Gewijzigd',
  },
  feature: { geo: 'Kaart', analyze: 'Grafiek', timeserie: 'Tijdreeks', table: 'Tabel' } as Record<string, string>,
  period: { week: 'Afgelopen week', month: 'Afgelopen maand', year: 'Afgelopen jaar', older: 'Langer dan een jaar geleden' } as Record<string, string>,
  sort: 'Sorteren op',
  sorts: { relevance: 'Relevantie', title: 'Titel', modified: 'Laatst gewijzigd', popularity: 'Populariteit' } as Record<string, string>,
  apply: 'Toepassen',
  matchedIn: 'Gevonden in',
  matchFields: { title: 'titel', description: 'beschrijving', keyword: 'trefwoorden', field: 'velden' } as Record<string, string>,
  showMore: 'Meer tonen',
};
