// English: the frame of every page.
import type { common as nl } from '../nl/common.ts';

export const common: typeof nl = {
  skipToContent: 'Skip to content',
  mainNavigation: 'Main navigation',
  home: 'Home',
  datasets: 'Datasets',
  api: 'API',
  language: 'Language',
  otherLanguage: 'Nederlands',
  otherLanguageLabel: 'This page in Dutch',
  searchLabel: 'Search the datasets',
  searchPlaceholder: 'Search by subject, keyword or field',
  search: 'Search',
  footerAbout: (publisher: string) => `An open data portal of ${publisher}.`,
  footerApi: 'Explore API v2.1',
  footerCatalog: 'DCAT-AP catalogue',
  footerPrivacy: 'Privacy',
  jsonTwin: 'This page as JSON',
  records: (n: string) => `${n} records`,
  datasetsCount: (n: string) => `${n} datasets`,
  modified: 'Modified',
  previous: 'Previous',
  next: 'Next',
  page: (n: string, of: string) => `Page ${n} of ${of}`,
  breadcrumb: 'Breadcrumb',
  pagination: 'Pagination',
};
