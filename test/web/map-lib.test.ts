// The map's pieces without a server: tile settings and the image policy, the projection and view fitting, clipping, cluster rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config.ts';
import { ConfigError } from '../../src/errors.ts';
import { apiPairs, clusterQuery, clusterRecordsQuery, inBox, parseClusters, project } from '../../src/web/client/map-query.lib.ts';
import { displayValue } from '../../src/web/client/map-popup.lib.ts';
import { clipToBox } from '../../src/web/map-outline.ts';
import { fitView, svgHeight, svgWidth } from '../../src/web/map-svg.tsx';
import { tileImageSources } from '../../src/web/map-tiles.ts';

test('a tile URL needs http(s) and the {z}, {x} and {y} placeholders; {s} subdomains become a wildcard in img-src', () => {
  const config = loadConfig({ MAP_TILE_URL: 'https://{s}.tile.example.org/{z}/{x}/{y}.png', MAP_TILE_ATTRIBUTION: '© Example' });
  assert.equal(config.mapTileUrl, 'https://{s}.tile.example.org/{z}/{x}/{y}.png');
  assert.equal(config.mapTileAttribution, '© Example');
  assert.deepEqual(tileImageSources(config.mapTileUrl), ['https://*.tile.example.org']);
  assert.deepEqual(tileImageSources('https://tiles.example.org:8443/{z}/{x}/{y}.png'), ['https://tiles.example.org:8443']);
  assert.deepEqual(tileImageSources(null), []);
  assert.equal(loadConfig({}).mapTileUrl, null);
  assert.throws(() => loadConfig({ MAP_TILE_URL: 'https://tile.example.org/tile.png' }), ConfigError);
  assert.throws(() => loadConfig({ MAP_TILE_URL: 'ftp://tile.example.org/{z}/{x}/{y}.png' }), /MAP_TILE_URL/);
});

test('the projection is web Mercator on 256-pixel tiles, as Leaflet and geo_cluster use', () => {
  assert.deepEqual(project(0, 0, 0), [128, 128]);
  const [x, y] = project(4.35, 50.85, 8);
  assert.equal(Math.round(x), 33560);
  assert.equal(Math.round(y), 21983);
});

test('the view is the largest whole zoom that fits the records, centred on them', () => {
  const flanders = fitView([2.54, 50.68, 5.92, 51.5]);
  assert.equal(flanders.zoom, 8);
  const [left, top] = project(2.54, 51.5, 8).map((v, i) => v - (i === 0 ? flanders.left : flanders.top));
  const [right, bottom] = project(5.92, 50.68, 8).map((v, i) => v - (i === 0 ? flanders.left : flanders.top));
  assert.ok(left > 0 && top > 0 && right < svgWidth && bottom < svgHeight, 'the records are inside the picture');
  assert.ok(Math.abs(left + right - svgWidth) < 1e-6, 'centred');
  assert.equal(fitView([4.35, 50.85, 4.35, 50.85]).zoom, 12, 'one point is not shown infinitely close');
  assert.equal(fitView([-170, -80, 170, 80]).zoom, 2);
});

test('clipping keeps the part of a ring inside the box', () => {
  const square = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]];
  const clipped = clipToBox(square, [5, -1, 20, 20]);
  assert.deepEqual(clipped.map((p) => p.join(',')).sort(), ['10,0', '10,10', '5,0', '5,10']);
  assert.deepEqual(clipToBox(square, [20, 20, 30, 30]), []);
});

test('cluster queries put in_bbox corners latitude first and read the extent of each group', () => {
  assert.equal(inBox('location', [3, 50.5, 4.25, 51]), 'in_bbox(`location`, 50.5, 3, 51, 4.25)');
  const query = clusterQuery('location', 7, [3, 50.5, 4.25, 51]);
  assert.deepEqual(apiPairs(query, [['refine', 'country:BE']], 'nl'), [
    ['select', 'count(*) as n, bbox(`location`) as extent'],
    ['where', 'in_bbox(`location`, 50.5, 3, 51, 4.25)'],
    ['refine', 'country:BE'],
    ['group_by', 'geo_cluster(`location`, 7) as cluster'],
    ['order_by', 'n desc'],
    ['limit', '2000'],
    ['lang', 'nl'],
  ]);
  const extent = (w: number, s: number, e: number, n: number) => ({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] }, properties: {} });
  const clusters = parseClusters([{ n: 3, extent: extent(4, 50, 5, 51) }, { n: 1, extent: extent(3.5, 50.2, 3.5, 50.2) }, { n: 2, extent: null }]);
  assert.deepEqual(clusters, [
    { lat: 50.5, lon: 4.5, count: 3, box: [4, 50, 5, 51] },
    { lat: 50.2, lon: 3.5, count: 1, box: [3.5, 50.2, 3.5, 50.2] },
  ]);
  assert.match(clusterRecordsQuery('location', clusters[1], 5).where[0], /^in_bbox\(`location`, 50\.1999999, 3\.4999999, 50\.2000001, 3\.5000001\)$/);
});

test('popup values read as the language writes them, and geo fields are left out', () => {
  const texts = { yes: 'ja', no: 'nee', more: '', moreOne: '' };
  assert.equal(displayValue(1926522, { name: 'n', label: 'N', type: 'int' }, 'nl', texts), '1.926.522');
  assert.equal(displayValue(true, { name: 'b', label: 'B', type: 'boolean' }, 'nl', texts), 'ja');
  assert.equal(displayValue('2024-01-01', { name: 'd', label: 'D', type: 'date' }, 'en', texts), '1 Jan 2024');
  assert.equal(displayValue(['a', 'b'], { name: 't', label: 'T', type: 'text' }, 'en', texts), 'a, b');
  assert.equal(displayValue({ lat: 1, lon: 2 }, { name: 'g', label: 'G', type: 'geo_point_2d' }, 'en', texts), null);
  assert.equal(displayValue('', { name: 't', label: 'T', type: 'text' }, 'en', texts), null);
});
