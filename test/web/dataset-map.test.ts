// The map tab over a live server: the SVG map and cluster table without JavaScript, filters, shapes, the outline asset, tiles.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import { Invalid } from '../../src/errors.ts';
import { clusterGap, project, separateClusters } from '../../src/web/client/map-query.lib.ts';
import { BaseLabels, BaseLayer, fitView } from '../../src/web/map-svg.tsx';
import { fixture } from '../helpers/engine.ts';
import { importCities, json, startServer, type ServerHarness } from '../helpers/server.ts';
import { startPortal } from './helpers.ts';

let s: ServerHarness;
before(async () => {
  s = await startPortal();
  await s.portal.catalog.importDataset({
    datasetId: 'vormen',
    path: fixture('geojson/shapes.geojson'),
    input: parseMetadataInput({ title: { nl: 'Vormen', en: 'Shapes' } }),
    actor: 'test',
  });
  for (const id of ['flemish-places', 'reports-nis']) {
    await s.portal.catalog.importDataset({
      datasetId: id,
      path: fixture(`explore/${id}.json`),
      input: parseMetadataInput(JSON.parse(readFileSync(fixture(`explore/${id}.meta.json`), 'utf8'))),
      actor: 'test',
    });
  }
});
after(() => s.close());

const page = async (path: string) => {
  const response = await s.get(path);
  return { status: response.status, headers: response.headers, body: await response.text() };
};

/** The counts the SVG draws, one per cluster circle. */
function svgCounts(body: string): number[] {
  const svg = /<svg class="static-map"[\s\S]*?<\/svg>/.exec(body)?.[0] ?? '';
  const circles = svg.match(/<circle class="cluster-mark"/g) ?? [];
  const counts = [...svg.matchAll(/<g class="cluster(?: single)?" data-count="(\d+)">/g)].map((m) => Number(m[1]));
  assert.equal(circles.length, counts.length, 'one circle per cluster');
  return counts.sort((a, b) => a - b);
}

const zoomOf = (body: string) => Number(/<svg class="static-map"[^>]* data-zoom="(\d+)"/.exec(body)?.[1]);
const configOf = (body: string) => JSON.parse(/<script type="application\/json" id="map-config">(.*?)<\/script>/s.exec(body)?.[1] ?? 'null');
const sum = (ns: number[]) => ns.reduce((a, b) => a + b, 0);
const decode = (text: string) => text.replace(/&amp;/g, '&');

test('without JavaScript the map tab draws one circle per cluster, with the counts the API groups at the same zoom', async () => {
  const map = await page('/datasets/cities/map');
  assert.equal(map.status, 200);
  const zoom = zoomOf(map.body);
  assert.ok(zoom >= 2 && zoom <= 12, `a whole zoom level, got ${zoom}`);
  const counts = svgCounts(map.body);
  assert.equal(sum(counts), 10, 'every city is in some cluster');
  const api = await json(
    s.get(
      `/api/explore/v2.1/catalog/datasets/cities/records?${new URLSearchParams({
        select: 'count(*) as n',
        group_by: `geo_cluster(location, ${zoom})`,
        limit: '100',
      })}`,
    ),
  );
  assert.deepEqual(counts, api.results.map((r: { n: number }) => r.n).sort((a: number, b: number) => a - b));
  // The JSON twin is that same group_by, with the page's language.
  const twin = decode(/<link rel="alternate" type="application\/json" href="([^"]+)"/.exec(map.body)?.[1] ?? '');
  assert.equal(new URL(twin, s.url).searchParams.get('group_by'), `geo_cluster(\`location\`, ${zoom}) as cluster`);
  const twinCounts = (await json(s.get(twin))).results.map((r: { n: number }) => r.n).sort((a: number, b: number) => a - b);
  assert.deepEqual(twinCounts, counts);
  // The text alternative: a table with a row per cluster and the same counts.
  const table = /<table id="map-clusters">[\s\S]*?<\/table>/.exec(map.body)?.[0] ?? '';
  const rows = [...table.matchAll(/<tr><th scope="row">[^<]+<\/th><td class="number">(\d+)<\/td><\/tr>/g)].map((m) => Number(m[1]));
  assert.deepEqual(rows.sort((a, b) => a - b), counts);
  assert.match(map.body, /<svg class="static-map"[^>]* role="img" aria-labelledby="static-map-title"/);
  assert.match(map.body, /<title id="static-map-title">Kaart van Europese steden: 10 records in \d+ groepen<\/title>/);
  assert.match(map.body, /<path class="country home" d="M/, 'Belgium is drawn in the outline');
});

test('the map script and Leaflet stylesheet load on the map tab only', async () => {
  const map = await page('/datasets/cities/map');
  const script = /<script type="module" src="(\/-\/static\/map\.[0-9a-f]+\.js)"><\/script>/.exec(map.body)?.[1];
  assert.ok(script, 'the map tab lists its script');
  assert.match(map.body, /<link rel="stylesheet" href="\/-\/static\/leaflet\.[0-9a-f]+\.css">/);
  assert.match(map.body, /<link rel="stylesheet" href="\/-\/static\/map\.[0-9a-f]+\.css">/);
  const bundle = await s.get(script);
  assert.match(bundle.headers.get('content-type') ?? '', /javascript/);
  const code = await bundle.text();
  assert.ok(code.includes('geo_cluster(') && code.includes('in_bbox('), 'the bundle asks the API for clusters in the view');
  assert.ok(code.includes('leaflet-zoom-animated'), 'Leaflet is bundled, not fetched from elsewhere');
  const info = await page('/datasets/cities');
  assert.equal(info.status, 200);
  assert.doesNotMatch(info.body, /leaflet|\/-\/static\/map\./, 'the information tab loads no map code');
  assert.match(info.body, /<a href="\/datasets\/cities\/map">Kaart<\/a>/);
});

test('filters from the URL change the counts, show as chips, and carry over to the table and the GeoJSON export', async () => {
  const france = await page('/datasets/cities/map?refine=country:FR');
  assert.equal(sum(svgCounts(france.body)), 5);
  assert.match(france.body, /<a class="chip" href="\/datasets\/cities\/map" aria-label="Filter Country: FR verwijderen">Country: FR/);
  assert.match(france.body, /<a href="\/datasets\/cities\/table\?refine=country%3AFR">Dezelfde records in de tabel<\/a>/);
  const exportLink = decode(/href="(\/api\/explore\/v2\.1\/catalog\/datasets\/cities\/exports\/geojson[^"]*)"/.exec(france.body)?.[1] ?? '');
  const exported = await json(s.get(exportLink));
  assert.equal(exported.type, 'FeatureCollection');
  assert.equal(exported.features.length, 5);
  const notFrance = await page('/datasets/cities/map?exclude=country:FR');
  assert.equal(sum(svgCounts(notFrance.body)), 5);
  assert.match(notFrance.body, /niet Country: FR/);
  const berlin = await page('/datasets/cities/map?q=Berlin');
  assert.deepEqual(svgCounts(berlin.body), [1]);
  assert.match(berlin.body, /<input id="map-q" name="q" type="search" value="Berlin">/);
  assert.match(berlin.body, /<g class="cluster single" data-count="1"><title>1 record op 52,52, 13,405<\/title>/);
  // The script gets the same filters, as the API's words.
  assert.deepEqual(configOf(france.body).filters, [['refine', 'country:FR']]);
});

test('a filter the query language refuses is explained on the tab, not turned into an error page', async () => {
  const bad = await page('/datasets/cities/map?refine=nosuchfield:1');
  assert.equal(bad.status, 400);
  assert.match(bad.body, /<div class="notice notice-error" role="alert"><p class="notice-title">Deze filters kunnen niet worden toegepast<\/p><p>Er is geen veld „nosuchfield”/);
  const english = await page('/en/datasets/cities/map?refine=nosuchfield:1');
  assert.equal(english.status, 400);
  assert.match(english.body, /<p class="notice-title">These filters cannot be applied<\/p><p>There is no field “nosuchfield”/);
  assert.deepEqual(svgCounts(bad.body), []);
  assert.doesNotMatch(bad.body, /\/-\/static\/map\.[0-9a-f]+\.js/, 'no script to fail the same way again');
});

test('the outline is a long-cached GeoJSON asset of Europe around Belgium', async () => {
  const map = await page('/datasets/cities/map');
  const url = configOf(map.body).outline as string;
  assert.match(url, /^\/-\/static\/outline\.[0-9a-f]+\.geojson$/);
  const response = await s.get(url);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'application/geo+json');
  assert.match(response.headers.get('cache-control') ?? '', /max-age=31536000, immutable/);
  const outline = await response.json();
  assert.equal(outline.type, 'FeatureCollection');
  const belgium = outline.features.find((f: { properties: { code: string } }) => f.properties.code === '056');
  assert.equal(belgium?.properties.name, 'Belgium');
  const rings: number[][][] = belgium.geometry.type === 'Polygon' ? belgium.geometry.coordinates : belgium.geometry.coordinates.flat();
  // Brussels lies inside Belgium's outline (even-odd ray casting), Amsterdam does not.
  const inside = ([x, y]: number[]) =>
    rings.reduce((odd, ring) => ring.slice(1).reduce((o, b, i) => {
      const a = ring[i];
      return (a[1] > y) !== (b[1] > y) && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0] ? !o : o;
    }, odd), false);
  assert.equal(inside([4.35, 50.85]), true);
  assert.equal(inside([4.9, 52.37]), false);
  for (const name of ['Netherlands', 'France', 'Germany', 'Luxembourg']) {
    assert.ok(outline.features.some((f: { properties: { name: string } }) => f.properties.name === name), `${name} is there`);
  }
  const all = outline.features.flatMap((f: { geometry: { coordinates: unknown } }) => JSON.stringify(f.geometry.coordinates).match(/-?[\d.]+,-?[\d.]+/g) ?? []);
  assert.ok(all.every((pair: string) => {
    const [lon, lat] = pair.split(',').map(Number);
    return lon >= -25 && lon <= 45 && lat >= 34 && lat <= 72;
  }), 'clipped to Europe');
});

test('a geo_shape dataset draws its shapes as paths with names, lists them, and can show its points instead', async () => {
  const shapes = await page('/datasets/vormen/map');
  assert.equal(shapes.status, 200);
  const svg = /<svg class="static-map"[\s\S]*?<\/svg>/.exec(shapes.body)?.[0] ?? '';
  const paths = [...svg.matchAll(/<path class="shape" d="M[^"]+"><title>([^<]+)<\/title><\/path>/g)].map((m) => m[1]);
  assert.deepEqual(paths.sort(), ['Twee delen', 'Vierkant']);
  assert.match(shapes.body, /<ol class="shape-list"><li>[^<]+<\/li><li>[^<]+<\/li><\/ol>/);
  assert.equal(configOf(shapes.body).kind, 'shapes');
  assert.match(shapes.body, /<a href="\/datasets\/vormen\/map\?field=geo_shape" aria-current="true">/);
  const points = await page('/datasets/vormen/map?field=geo_point_2d');
  assert.equal(configOf(points.body).kind, 'points');
  assert.equal(sum(svgCounts(points.body)), 2);
  const filtered = await page('/datasets/vormen/map?refine=provincie:Vierkant');
  assert.equal([...filtered.body.matchAll(/<path class="shape"/g)].length, 1);
});

test('a dataset without a geo field has no map tab', async () => {
  const map = await page('/datasets/werkloosheid/map');
  assert.equal(map.status, 404);
  const info = await page('/datasets/werkloosheid');
  assert.doesNotMatch(info.body, /\/datasets\/werkloosheid\/map/);
});

test('the map tab speaks English under /en', async () => {
  const map = await page('/en/datasets/cities/map?refine=country:DE');
  assert.equal(map.status, 200);
  assert.match(map.body, /<title id="static-map-title">Map of European cities: 3 records in \d+ groups<\/title>/);
  assert.match(map.body, /aria-label="Map of European cities"/);
  assert.equal(configOf(map.body).messages.loading, 'Loading…');
  assert.match(map.body, /<a href="\/en\/datasets\/cities\/table\?refine=country%3ADE">The same records in the table<\/a>/);
});

test('a tile server appears in the page and the image policy only when configured', async () => {
  const plain = await page('/datasets/cities/map');
  assert.equal(configOf(plain.body).tiles, null);
  assert.match(plain.headers.get('content-security-policy') ?? '', /img-src 'self' data:;/);
  const tiled = await startServer('sqlite', { MAP_TILE_URL: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png', MAP_TILE_ATTRIBUTION: '© Example <b>maps</b>' });
  try {
    await importCities(tiled.portal);
    const response = await tiled.get('/datasets/cities/map');
    const body = await response.text();
    assert.deepEqual(configOf(body).tiles, { url: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png', attribution: '© Example <b>maps</b>' });
    assert.ok(!body.includes('<b>maps</b>'), 'the attribution is never markup in the page');
    assert.match(response.headers.get('content-security-policy') ?? '', /img-src 'self' data: https:\/\/\*\.tiles\.example\.org;/);
  } finally {
    await tiled.close();
  }
});

/** The cluster circles the SVG draws, as centre and radius. */
const svgCircles = (body: string) =>
  [...body.matchAll(/<circle class="cluster-mark" cx="([-\d.]+)" cy="([-\d.]+)" r="([\d.]+)"/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]), r: Number(m[3]) }));

test('the SVG draws Belgium\'s municipalities under the data, with municipality names at a city\'s zoom and province names at the country\'s', async () => {
  const map = await page('/datasets/flemish-places/map');
  assert.equal(map.status, 200);
  const svg = /<svg class="static-map"[\s\S]*?<\/svg>/.exec(map.body)?.[0] ?? '';
  assert.match(svg, /<g class="base" aria-hidden="true">/);
  assert.match(svg, /<path class="municipality" data-nis="44021" d="M[^"]+"/, 'Gent is drawn');
  assert.match(svg, /<path class="province" data-nis="40000" d="M/, 'East Flanders is drawn');
  assert.match(svg, /<text class="base-label municipality"[^>]*>Gent<\/text>/);
  assert.ok(svg.indexOf('class="base"') < svg.indexOf('class="clusters"'), 'the base layer lies under the clusters');
  // Zoomed out to all of Belgium the provinces are named instead, in the page's language; over Europe, nothing.
  const belgium = fitView(null);
  const provinces = String(BaseLabels({ view: belgium, names: 'nl' }));
  assert.match(provinces, /<text class="base-label province"[^>]*>Oost-Vlaanderen<\/text>/);
  assert.doesNotMatch(provinces, /base-label municipality/);
  assert.match(String(BaseLabels({ view: belgium, names: 'en' })), />East Flanders<\/text>/);
  assert.doesNotMatch(String(BaseLayer({ view: belgium })), /class="municipality"/, 'no municipal borders at the country\'s zoom');
  assert.equal(String(BaseLabels({ view: fitView([-5, 40, 15, 55]), names: 'nl' })), '', 'no names where Belgium is a speck');
  const english = await page('/en/datasets/flemish-places/map');
  assert.match(english.body, /<text class="base-label municipality"[^>]*>Ghent<\/text>/, 'English names where English has one');
  assert.match(map.body, /Statbel/, 'the source is credited on the map');
  // The shapes are an asset of a few hundred kB, with NIS codes and names in both languages.
  const url = configOf(map.body).base as string;
  const response = await s.get(url);
  assert.equal(response.status, 200);
  const topology = await response.json();
  const gent = topology.objects.municipalities.geometries.find((g: { properties: { nis: string } }) => g.properties.nis === '44021');
  assert.deepEqual([gent.properties.nl, gent.properties.fr], ['Gent', 'Gand']);
  assert.equal(topology.objects.provinces.geometries.length, 11, 'ten provinces and Brussels');
  assert.equal(topology.objects.regions.geometries.length, 3);
  assert.ok(JSON.stringify(topology).length < 400_000);
});

test('the map opens on the records\' extent, and no two cluster circles overlap', async () => {
  for (const path of ['/datasets/flemish-places/map', '/datasets/cities/map', '/datasets/flemish-places/map?refine=soort:kasteel']) {
    const map = await page(path);
    const circles = svgCircles(map.body);
    assert.ok(circles.length > 0, path);
    // Every circle lies wholly inside the picture: the view fits the filtered records, not a fixed Belgium.
    for (const c of circles) assert.ok(c.x - c.r >= 0 && c.y - c.r >= 0 && c.x + c.r <= 800 && c.y + c.r <= 520, `${path}: circle at ${c.x},${c.y} in view`);
    for (let i = 0; i < circles.length; i++) {
      for (let j = i + 1; j < circles.length; j++) {
        const [a, b] = [circles[i], circles[j]];
        assert.ok(Math.hypot(a.x - b.x, a.y - b.y) >= a.r + b.r, `${path}: circles at ${a.x},${a.y} and ${b.x},${b.y} overlap`);
      }
    }
  }
  const gent = configOf((await page('/datasets/flemish-places/map?refine=soort:park')).body).extent;
  assert.deepEqual(gent, [3.7222, 51.0377, 3.768, 51.043], 'the two parks\' box');
});

test('clusters whose circles would touch are merged into one with their counts and boxes', () => {
  const [x] = project(3.72, 51.05, 10);
  const near = (dx: number, count: number) => {
    const lon = ((x + dx) / (256 * 2 ** 10)) * 360 - 180;
    return { lat: 51.05, lon, count, box: [lon, 51.05, lon, 51.05] as [number, number, number, number] };
  };
  const merged = separateClusters([near(0, 40), near(12, 3), near(400, 1)], 10);
  assert.equal(merged.length, 2);
  assert.deepEqual(merged.map((c) => c.count), [43, 1]);
  assert.ok(merged[0].box[2] > merged[0].box[0], 'the merged box spans both');
  const apart = separateClusters([near(0, 5), near(60 + clusterGap, 5)], 10);
  assert.equal(apart.length, 2, 'circles that do not touch stay apart');
});

test('a dataset of NIS codes gets a map of its municipalities shaded by record count, and says how many codes are unknown', async () => {
  const info = await page('/datasets/reports-nis');
  assert.match(info.body, /<a href="\/datasets\/reports-nis\/map">Kaart<\/a>/);
  const map = await page('/datasets/reports-nis/map');
  assert.equal(map.status, 200);
  const svg = /<svg class="static-map"[\s\S]*?<\/svg>/.exec(map.body)?.[0] ?? '';
  const areas = [...svg.matchAll(/<path class="area shade-(\d)" data-nis="(\d+)" data-count="(\d+)" d="M[^"]+"><title>([^<]+)<\/title>/g)]
    .map((m) => ({ shade: Number(m[1]), nis: m[2], count: Number(m[3]), title: m[4] }));
  assert.deepEqual(areas.map((a) => a.nis).sort(), ['11002', '44021', '71022']);
  const gent = areas.find((a) => a.nis === '44021')!;
  assert.equal(gent.title, 'Gent: 3 records');
  assert.ok(gent.shade > areas.find((a) => a.nis === '71022')!.shade, 'more records, darker');
  assert.match(map.body, /3 records met een onbekende NIS-code/);
  assert.match(map.body, /6 records in 3 gemeenten\./);
  assert.match(map.body, /<tr><th scope="row">Gent<\/th><td>44021<\/td><td class="number">3<\/td><\/tr>/);
  assert.equal(configOf(map.body).kind, 'areas');
  // The filters apply to the counts as everywhere.
  const filtered = await page('/datasets/reports-nis/map?q=stoeptegel');
  assert.match(filtered.body, /1 record in 1 gemeente\./, 'one record in one municipality, each in its singular');
  assert.doesNotMatch(filtered.body, /onbekende NIS-code/);
  const english = await page('/en/datasets/reports-nis/map');
  assert.match(english.body, /<title>Ghent: 3 records<\/title>/);
  assert.match(english.body, /3 records with an unknown NIS code/);
});

test('a nis_code annotation must name a level the map knows; anything else is refused with a clear message', () => {
  const meta = (annotation: unknown) => ({ fields: [{ name: 'gemeente', annotations: { nis_code: annotation } }] });
  for (const level of ['municipality', 'province', 'region']) assert.deepEqual(parseMetadataInput(meta([level])).fields?.[0].annotations, { nis_code: [level] });
  for (const bad of [['gemeente'], [], ['municipality', 'province']]) {
    assert.throws(() => parseMetadataInput(meta(bad)), (error: unknown) => {
      assert.ok(error instanceof Invalid);
      assert.match(error.message, /fields\[0\]\.annotations\.nis_code" must be one of \["municipality"\], \["province"\], \["region"\]/);
      return true;
    });
  }
});
