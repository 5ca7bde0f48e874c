// English: the catalog page.
import type { catalog as nl } from '../nl/catalog.ts';

export const catalog: typeof nl = {
  title: 'Datasets',
  feedTitle: 'Open data catalog',
  dcatTitle: (portal) => `${portal}: open data`,
  dcatDescription: (publisher) => `Open data of ${publisher}`,
  searchResults: (q: string) => `Search results for "${q}"`,
  found: { one: (n) => `${n} dataset found`, other: (n) => `${n} datasets found` },
  none: 'No datasets found. Try fewer or other words, or remove a filter.',
  filters: 'Filters',
  activeFilters: 'Active filters',
  removeFilter: (label: string) => `Remove filter "${label}"`,
  clearAll: 'Clear all filters',
  facet: {
    theme: 'Theme',
    keyword: 'Keyword',
    publisher: 'Publisher',
    license: 'Licence',
    features: 'Features',
    modified: 'Modified',
  },
  feature: { geo: 'Map', analyze: 'Chart', timeserie: 'Time series', table: 'Table' },
  period: { week: 'Past week', month: 'Past month', year: 'Past year', older: 'More than a year ago' },
  sort: 'Sort by',
  sorts: { relevance: 'Relevance', title: 'Title', modified: 'Last modified', popularity: 'Popularity' },
  apply: 'Apply',
  matchedIn: 'Matched in',
  matchFields: { title: 'title', description: 'description', keyword: 'keywords', field: 'fields' },
  showMore: 'Show more',
};
