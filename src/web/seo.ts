// For search engines and harvesters: robots.txt and a sitemap of every public page in every language.
import type { FastifyInstance } from 'fastify';
import { publicAudience, type CatalogService } from '../catalog/service.ts';
import type { Config } from '../config.ts';
import { xmlText } from '../explore/geo-formats.ts';
import { tabsOf, tabPath } from './dataset-frame.tsx';
import { languages, localPath } from '../i18n/index.ts';

export async function seoRoutes(
  app: FastifyInstance,
  deps: { config: Config; catalog: CatalogService },
): Promise<void> {
  const base = deps.config.baseUrl.replace(/\/$/, '');

  app.get('/robots.txt', async (_request, reply) => {
    const lines = ['User-agent: *', 'Disallow: /-/', 'Disallow: /api/', 'Allow: /api/explore/v2.1/catalog/exports/', '', `Sitemap: ${base}/sitemap.xml`, ''];
    return reply.type('text/plain; charset=utf-8').send(lines.join('\n'));
  });

  app.get('/sitemap.xml', async (_request, reply) => {
    // The sitemap is public: it lists only what an anonymous visitor may see, whoever asks.
    const datasets = await deps.catalog.listDatasets(publicAudience);
    const entry = (path: string, lastmod?: string) => {
      const alternates = languages
        .map((l) => `<xhtml:link rel="alternate" hreflang="${l}" href="${xmlText(base + localPath(l, deps.config.defaultLanguage, path))}"/>`)
        .join('');
      return languages
        .map((l) => `<url><loc>${xmlText(base + localPath(l, deps.config.defaultLanguage, path))}</loc>${lastmod ? `<lastmod>${lastmod.slice(0, 10)}</lastmod>` : ''}${alternates}</url>`)
        .join('\n');
    };
    const urls = [entry('/'), entry('/datasets'), ...datasets.flatMap((d) => tabsOf(d).map((tab) => entry(tabPath(d.id, tab), d.modifiedAt)))];
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls.join('\n')}\n</urlset>\n`;
    return reply.type('application/xml; charset=utf-8').send(xml);
  });
}
