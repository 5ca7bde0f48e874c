// The Atom feed builder: entries the follow module adds (announcements) sit beside the versions, escaped, newest first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SaxesParser } from 'saxes';
import type { Dataset, Version } from '../../src/catalog/types.ts';
import { defaultMetadata } from '../../src/catalog/metadata.ts';
import { localPath, messages } from '../../src/i18n/index.ts';
import { catalogFeed, datasetFeed } from '../../src/web/feeds.ts';

const ctx = {
  lang: 'nl' as const,
  t: messages('nl'),
  config: { portalName: 'Open <data>', publisherName: 'Stad & Co', baseUrl: 'https://data.example.org' },
  link: (path: string) => localPath('nl', 'nl', path),
};

const dataset: Dataset = {
  id: 'werk', uid: 'da_1', metadata: { ...defaultMetadata('werk'), title: { nl: 'Werk' } }, fields: [], visibility: 'public', currentVersion: 'v2', recordsCount: 2,
  createdAt: '2026-01-01T00:00:00.000Z', modifiedAt: '2026-02-01T00:00:00.000Z', dataModifiedAt: null, metadataModifiedAt: '2026-01-01T00:00:00.000Z', publishedAt: '2026-01-01T00:00:00.000Z',
};
const version = (number: number, at: string | null): Version => ({
  id: `v${number}`, datasetId: 'werk', number, blob: '', recordsCount: 2, bytes: 1, sourceName: 'a.csv', sourceFormat: 'csv', fields: [], createdAt: at ?? '2026-03-01T00:00:00.000Z',
  publishedAt: at, sourceBlob: null, readings: {}, report: null, comparedTo: number > 1 ? number - 1 : null,
  changes: { comparedTo: number > 1 ? number - 1 : null, added: 2, removed: 0, changed: null, fields_added: [], fields_removed: [], fields_retyped: [], examples: { added: [], removed: [], changed: [] } },
});

function titlesOf(xml: string): string[] {
  const parser = new SaxesParser({ xmlns: true });
  const titles: string[] = [];
  let inTitle = false;
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    inTitle = tag.local === 'title' && tag.uri === 'http://www.w3.org/2005/Atom';
    if (inTitle) titles.push('');
  });
  parser.on('text', (text) => {
    if (inTitle) titles[titles.length - 1] += text;
  });
  parser.on('closetag', () => {
    inTitle = false;
  });
  parser.write(xml).close();
  return titles;
}

test('a dataset feed takes extra entries beside its versions, escaped and newest first; a staged version is left out', () => {
  const announcement = { id: 'announcement-7', title: 'Let op: <nieuwe> kolom & meer', text: 'Vanaf maart "anders"\u0001.', at: '2026-02-15T10:00:00.000Z', url: '/datasets/werk' };
  const xml = datasetFeed(ctx, dataset, [version(3, null), version(2, '2026-02-01T00:00:00.000Z'), version(1, '2026-01-01T00:00:00.000Z')], [announcement]);
  assert.deepEqual(titlesOf(xml), ['Werk: nieuwe versies', 'Let op: <nieuwe> kolom & meer', 'Werk: versie 2', 'Werk: versie 1']);
  assert.match(xml, /<id>https:\/\/data.example.org\/announcement-7<\/id>/);
  assert.match(xml, /<updated>2026-02-15T10:00:00.000Z<\/updated>/, 'the feed is as new as its newest entry');
  assert.doesNotMatch(xml, /\u0001/, 'a character XML cannot carry is dropped');
  assert.match(xml, /<author><name>Stad &amp; Co<\/name><\/author>/);
});

test('the catalog feed has a new dataset once, and its later versions', () => {
  const xml = catalogFeed(ctx, [dataset], [version(2, '2026-02-01T00:00:00.000Z'), version(1, '2026-01-01T00:00:00.000Z')]);
  assert.deepEqual(titlesOf(xml), ['Open <data>: nieuwe datasets en versies', 'Werk: versie 2', 'Nieuwe dataset: Werk']);
});
