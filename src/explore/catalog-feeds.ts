// Catalog feeds that are documents rather than tables: RSS 2.0 and Project Open Data's data.json (DCAT-US 1.1).
import type { Dataset } from '../catalog/types.ts';
import type { Language } from '../i18n/index.ts';
import { xmlText } from './geo-formats.ts';
import { localized, localizedList } from './present.ts';

const pick = (text: Partial<Record<Language, string>>, lang: Language) => localized(text, lang) ?? '';

/** Newest first: a feed reader shows what changed. */
export function rssFeed(datasets: Dataset[], options: { baseUrl: string; lang: Language; title: string }): string {
  const items = [...datasets]
    .sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt))
    .map((d) => {
      const link = `${options.baseUrl}/datasets/${d.id}`;
      return (
        `<item><title>${xmlText(pick(d.metadata.title, options.lang))}</title><link>${xmlText(link)}</link>` +
        `<guid isPermaLink="true">${xmlText(link)}</guid><description>${xmlText(pick(d.metadata.description, options.lang))}</description>` +
        `<pubDate>${new Date(d.modifiedAt).toUTCString()}</pubDate>${d.metadata.theme.map((t) => `<category>${xmlText(t)}</category>`).join('')}</item>`
      );
    });
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${xmlText(options.title)}</title>` +
    `<link>${xmlText(options.baseUrl)}</link><description>${xmlText(options.title)}</description><language>${options.lang}</language>\n` +
    `${items.join('\n')}\n</channel></rss>\n`
  );
}

/** data.json as harvesters of Project Open Data read it; distributions point at the live exports. */
export function dataJson(datasets: Dataset[], options: { baseUrl: string; lang: Language }) {
  const api = `${options.baseUrl}/api/explore/v2.1/catalog/datasets`;
  return {
    conformsTo: 'https://project-open-data.cio.gov/v1.1/schema',
    '@type': 'dcat:Catalog',
    dataset: datasets.map((d) => ({
      '@type': 'dcat:Dataset',
      identifier: `${options.baseUrl}/datasets/${d.id}`,
      title: pick(d.metadata.title, options.lang),
      description: pick(d.metadata.description, options.lang) || pick(d.metadata.title, options.lang),
      keyword: localizedList(d.metadata.keyword, options.lang),
      theme: d.metadata.theme,
      modified: d.modifiedAt,
      issued: d.metadata.issued ?? d.createdAt,
      publisher: { '@type': 'org:Organization', name: d.metadata.publisher?.name ?? '' },
      contactPoint: {
        '@type': 'vcard:Contact',
        fn: d.metadata.contactPoint?.name ?? d.metadata.publisher?.name ?? '',
        ...(d.metadata.contactPoint?.email ? { hasEmail: `mailto:${d.metadata.contactPoint.email}` } : {}),
      },
      accessLevel: d.visibility === 'public' ? 'public' : 'restricted public',
      ...(d.metadata.license?.url ? { license: d.metadata.license.url } : {}),
      ...(d.metadata.accrualPeriodicity ? { accrualPeriodicity: d.metadata.accrualPeriodicity } : {}),
      language: d.metadata.language,
      landingPage: `${options.baseUrl}/datasets/${d.id}`,
      distribution: ['csv', 'json', 'geojson']
        .filter((f) => f !== 'geojson' || d.fields.some((x) => x.type === 'geo_point_2d' || x.type === 'geo_shape'))
        .map((format) => ({
          '@type': 'dcat:Distribution',
          downloadURL: `${api}/${d.id}/exports/${format}`,
          mediaType: { csv: 'text/csv', json: 'application/json', geojson: 'application/geo+json' }[format],
          format: format.toUpperCase(),
        })),
    })),
  };
}
