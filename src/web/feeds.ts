// Atom 1.0 feeds for people without an account: a dataset's versions with what changed, and the catalog's new datasets and versions.
import type { Dataset, Version } from '../catalog/types.ts';
import { xmlText } from '../explore/geo-formats.ts';
import { localized } from '../explore/present.ts';
import type { PageContext } from './context.ts';
import { changePhrases } from './version-changes.ts';

/** One entry: a version, a new dataset, or an announcement that the follow module adds. */
export interface FeedEntry {
  /** A stable id: a URI, or a key of the module's own that the feed turns into one. */
  id: string;
  title: string;
  text: string;
  /** ISO time of the news. */
  at: string;
  /** Where a person reads more (a path of the portal, or an absolute URL). */
  url: string;
}

/** A feed lists the newest news; a reader that polls keeps the older. */
const maxEntries = 50;

type FeedContext = Pick<PageContext, 'lang' | 't' | 'link'> & { config: Pick<PageContext['config'], 'baseUrl' | 'portalName' | 'publisherName'> };

const absolute = (ctx: FeedContext, url: string) => (/^https?:\/\//.test(url) ? url : `${ctx.config.baseUrl.replace(/\/$/, '')}${url}`);
/** Ids do not depend on the language the feed is read in: the default language's path. */
const uriOf = (ctx: FeedContext, id: string) => (/^[a-z][a-z0-9+.-]*:/i.test(id) ? id : `${ctx.config.baseUrl.replace(/\/$/, '')}/${id.replace(/^\//, '')}`);

function atom(ctx: FeedContext, feed: { id: string; title: string; self: string; alternate: string; updated: string }, entries: FeedEntry[]): string {
  const newest = [...entries].sort((a, b) => b.at.localeCompare(a.at)).slice(0, maxEntries);
  const updated = newest.reduce((latest, e) => (e.at > latest ? e.at : latest), feed.updated);
  const entry = (e: FeedEntry) =>
    `<entry><id>${xmlText(uriOf(ctx, e.id))}</id><title>${xmlText(e.title)}</title><updated>${xmlText(e.at)}</updated>` +
    `<link rel="alternate" type="text/html" href="${xmlText(absolute(ctx, e.url))}"/><summary type="text">${xmlText(e.text)}</summary></entry>`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${ctx.lang}">` +
    `<id>${xmlText(feed.id)}</id><title>${xmlText(feed.title)}</title><updated>${xmlText(updated)}</updated>` +
    `<link rel="self" type="application/atom+xml" href="${xmlText(absolute(ctx, feed.self))}"/>` +
    `<link rel="alternate" type="text/html" href="${xmlText(absolute(ctx, feed.alternate))}"/>` +
    `<author><name>${xmlText(ctx.config.publisherName)}</name></author><generator>Opaal</generator>\n` +
    `${newest.map(entry).join('\n')}\n</feed>\n`
  );
}

/** A version as an entry: its number and what changed. */
function versionEntry(ctx: FeedContext, dataset: Dataset, version: Version): FeedEntry {
  const title = localized(dataset.metadata.title, ctx.lang) ?? dataset.id;
  const phrases = version.changes ? changePhrases(ctx.lang, ctx.t.versions, version.changes) : [];
  return {
    id: `/datasets/${dataset.id}/versions/${version.number}`,
    title: ctx.t.versions.newVersion(title, version.number),
    text: phrases.join(', '),
    at: version.publishedAt ?? version.createdAt,
    url: ctx.link(`/datasets/${dataset.id}/versions/${version.number}`),
  };
}

/** A dataset's published versions with their changes, and the entries the caller adds (announcements). */
export function datasetFeed(ctx: FeedContext, dataset: Dataset, versions: Version[], entries: FeedEntry[] = []): string {
  const title = localized(dataset.metadata.title, ctx.lang) ?? dataset.id;
  const published = versions.filter((v) => v.publishedAt !== null);
  return atom(
    ctx,
    { id: uriOf(ctx, `/datasets/${dataset.id}/feed.atom`), title: ctx.t.versions.datasetFeedTitle(title), self: ctx.link(`/datasets/${dataset.id}/feed.atom`), alternate: ctx.link(`/datasets/${dataset.id}`), updated: dataset.publishedAt ?? dataset.modifiedAt },
    [...published.map((v) => versionEntry(ctx, dataset, v)), ...entries],
  );
}

/** The catalog's news: each dataset when it was published, each later version, and the entries the caller adds. */
export function catalogFeed(ctx: FeedContext, datasets: Dataset[], versions: Version[], entries: FeedEntry[] = []): string {
  const byId = new Map(datasets.map((d) => [d.id, d]));
  const news: FeedEntry[] = datasets
    .filter((d) => d.publishedAt !== null)
    .map((d) => ({
      id: `/datasets/${d.id}`,
      title: ctx.t.versions.newDataset(localized(d.metadata.title, ctx.lang) ?? d.id),
      text: localized(d.metadata.description, ctx.lang) ?? '',
      at: d.publishedAt!,
      url: ctx.link(`/datasets/${d.id}`),
    }));
  for (const version of versions) {
    const dataset = byId.get(version.datasetId);
    // The first version comes with its dataset's entry.
    const first = version.changes ? version.changes.comparedTo === null : version.number === 1;
    if (dataset && !first && version.publishedAt !== null) news.push(versionEntry(ctx, dataset, version));
  }
  const updated = datasets.reduce((latest, d) => (d.modifiedAt > latest ? d.modifiedAt : latest), '1970-01-01T00:00:00.000Z');
  return atom(ctx, { id: uriOf(ctx, '/catalog/feed.atom'), title: ctx.t.versions.catalogFeedTitle(ctx.config.portalName), self: ctx.link('/catalog/feed.atom'), alternate: ctx.link('/datasets'), updated }, [...news, ...entries]);
}
