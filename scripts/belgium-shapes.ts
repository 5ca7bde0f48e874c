// Builds src/web/assets/belgium.topo.json, the maps' offline base layer of Belgium: regions, provinces and municipalities
// with their NIS codes, names and a label point, simplified to a few hundred kB.
//
// Source: belgium.json of github.com/bmesuere/belgium-topojson (CC0 1.0), the 581 municipalities of 2019 with their NIS codes
// (Statbel REFNIS 2019) and Dutch and French names; its shapes come from github.com/arneh61/Belgium-Map (MIT). See
// docs/map-base-layer.md for the provenance and the licence notes.
//
// Run: node --import tsx scripts/belgium-shapes.ts path/to/belgium.json   (the source is kept out of the repository, e.g. in bench/.data)
import { readFileSync, writeFileSync } from 'node:fs';
import type { Topology, GeometryCollection, Polygon as TopoPolygon, MultiPolygon as TopoMultiPolygon } from 'topojson-specification';
import { feature, mergeArcs } from 'topojson-client';
import type { MultiPolygon, Polygon, Position } from 'geojson';

const source = process.argv[2];
if (!source) {
  console.error('Usage: node --import tsx scripts/belgium-shapes.ts path/to/belgium.json');
  process.exit(2);
}
const out = new URL('../src/web/assets/belgium.topo.json', import.meta.url).pathname;

/** Douglas–Peucker tolerance in degrees (about 250 m): a municipality stays recognisable at zoom 11, the file stays small. */
const tolerance = 0.0025;
/** Coordinates are stored on a grid of this many steps across Belgium's box (about 40 m a step). */
const grid = 8000;

type Props = Record<string, string | number | undefined>;
const topology = JSON.parse(readFileSync(source, 'utf8')) as Topology<{ municipalities: GeometryCollection<Props> }>;

// Arcs as absolute positions, then simplified one by one: shared borders stay shared, so neighbours still meet.
const [sx, sy] = topology.transform!.scale;
const [tx, ty] = topology.transform!.translate;
const absolute: Position[][] = topology.arcs.map((arc) => {
  let x = 0;
  let y = 0;
  return arc.map(([dx, dy]) => {
    x += dx;
    y += dy;
    return [x * sx + tx, y * sy + ty];
  });
});

function simplify(points: Position[]): Position[] {
  if (points.length <= 2) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [a, b] = stack.pop()!;
    const [ax, ay] = points[a];
    const [bx, by] = points[b];
    const dx = bx - ax;
    const dy = by - ay;
    const length = Math.hypot(dx, dy);
    let worst = -1;
    let index = -1;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = points[i];
      const d = length === 0 ? Math.hypot(px - ax, py - ay) : Math.abs(dy * px - dx * py + bx * ay - by * ax) / length;
      if (d > worst) (worst = d), (index = i);
    }
    if (worst > tolerance) {
      keep[index] = 1;
      stack.push([a, index], [index, b]);
    }
  }
  // A closed arc (an enclave's whole border) keeps at least four points, so it stays a ring.
  const kept = points.filter((_, i) => keep[i]);
  if (kept.length < 4 && points[0][0] === points[points.length - 1][0] && points[0][1] === points[points.length - 1][1] && points.length >= 4) {
    const third = Math.floor(points.length / 3);
    return [points[0], points[third], points[2 * third], points[points.length - 1]];
  }
  return kept;
}

const simplified = absolute.map(simplify);
const bbox = topology.bbox!;
const scale: [number, number] = [(bbox[2] - bbox[0]) / grid, (bbox[3] - bbox[1]) / grid];
const translate: [number, number] = [bbox[0], bbox[1]];
// Quantized and delta-encoded, as TopoJSON stores arcs.
const arcs = simplified.map((arc) => {
  let px = 0;
  let py = 0;
  const encoded: [number, number][] = [];
  for (const [x, y] of arc) {
    const qx = Math.round((x - translate[0]) / scale[0]);
    const qy = Math.round((y - translate[1]) / scale[1]);
    if (encoded.length > 0 && qx === px && qy === py) continue;
    encoded.push([qx - px, qy - py]);
    px = qx;
    py = qy;
  }
  if (encoded.length === 1) encoded.push([0, 0]);
  return encoded;
});

const regionNames: Record<string, { nl: string; fr: string; en: string }> = {
  '02000': { nl: 'Vlaams Gewest', fr: 'Région flamande', en: 'Flemish Region' },
  '03000': { nl: 'Waals Gewest', fr: 'Région wallonne', en: 'Walloon Region' },
  '04000': { nl: 'Brussels Hoofdstedelijk Gewest', fr: 'Région de Bruxelles-Capitale', en: 'Brussels-Capital Region' },
};
const provinceNames: Record<string, { nl: string; fr: string; en: string }> = {
  '10000': { nl: 'Antwerpen', fr: 'Anvers', en: 'Antwerp' },
  '20001': { nl: 'Vlaams-Brabant', fr: 'Brabant flamand', en: 'Flemish Brabant' },
  '20002': { nl: 'Waals-Brabant', fr: 'Brabant wallon', en: 'Walloon Brabant' },
  '30000': { nl: 'West-Vlaanderen', fr: 'Flandre-Occidentale', en: 'West Flanders' },
  '40000': { nl: 'Oost-Vlaanderen', fr: 'Flandre-Orientale', en: 'East Flanders' },
  '50000': { nl: 'Henegouwen', fr: 'Hainaut', en: 'Hainaut' },
  '60000': { nl: 'Luik', fr: 'Liège', en: 'Liège' },
  '70000': { nl: 'Limburg', fr: 'Limbourg', en: 'Limburg' },
  '80000': { nl: 'Luxemburg', fr: 'Luxembourg', en: 'Luxembourg' },
  '90000': { nl: 'Namen', fr: 'Namur', en: 'Namur' },
};
/** English names where English speakers use their own; elsewhere the municipality's own language is shown in English pages. */
const englishNames: Record<string, string> = {
  '11002': 'Antwerp', '44021': 'Ghent', '31005': 'Bruges', '35013': 'Ostend', '21004': 'Brussels', '12025': 'Mechelen',
  '24062': 'Leuven', '62063': 'Liège', '53053': 'Mons', '92094': 'Namur', '57081': 'Tournai', '71022': 'Hasselt',
};

const municipalities = topology.objects.municipalities.geometries as (TopoPolygon<Props> | TopoMultiPolygon<Props>)[];
const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** The centroid of a geometry's largest ring: where its name goes. */
function labelPoint(geometry: Polygon | MultiPolygon): [number, number] {
  const rings = geometry.type === 'Polygon' ? [geometry.coordinates[0]] : geometry.coordinates.map((p) => p[0]);
  let best: [number, number] = [0, 0];
  let bestArea = -1;
  for (const ring of rings) {
    let area = 0;
    let cx = 0;
    let cy = 0;
    for (let i = 0; i < ring.length - 1; i++) {
      const [x0, y0] = ring[i];
      const [x1, y1] = ring[i + 1];
      const cross = x0 * y1 - x1 * y0;
      area += cross;
      cx += (x0 + x1) * cross;
      cy += (y0 + y1) * cross;
    }
    if (Math.abs(area) > bestArea && area !== 0) {
      bestArea = Math.abs(area);
      best = [round3(cx / (3 * area)), round3(cy / (3 * area))];
    }
  }
  return best;
}

const simplifiedTopology = { type: 'Topology', transform: { scale, translate }, arcs } as unknown as Topology;
const geometryOf = (g: TopoPolygon | TopoMultiPolygon) => (feature(simplifiedTopology, g) as { geometry: Polygon | MultiPolygon }).geometry;

const municipalityObjects = municipalities.map((m) => {
  const p = m.properties!;
  const region = String(p.reg_nis);
  // Brussels has no province: its region stands in for it, so every municipality sits in one "province" shape.
  const province = region === '04000' ? '04000' : String(p.prov_nis ?? (p.nis === '72039' || p.nis === '72040' ? '70000' : ''));
  const properties: Props = { nis: String(p.nis), nl: String(p.name_nl), fr: String(p.name_fr), p: province, r: region };
  if (englishNames[String(p.nis)]) properties.en = englishNames[String(p.nis)];
  return { type: m.type, arcs: m.arcs, properties } as TopoPolygon<Props> | TopoMultiPolygon<Props>;
});
for (const m of municipalityObjects) m.properties!.at = labelPoint(geometryOf(m)) as unknown as string;

function merged(key: 'p' | 'r', names: Record<string, { nl: string; fr: string; en: string }>) {
  const groups = new Map<string, (TopoPolygon | TopoMultiPolygon)[]>();
  for (const m of municipalityObjects) {
    const code = String(m.properties![key]);
    if (!groups.has(code)) groups.set(code, []);
    groups.get(code)!.push(m);
  }
  return [...groups].map(([code, members]) => {
    const shape = mergeArcs(simplifiedTopology, members as never) as TopoMultiPolygon;
    const name = names[code] ?? regionNames[code];
    if (!name) throw new Error(`No name for ${key} ${code}`);
    const object = { type: 'MultiPolygon', arcs: shape.arcs, properties: { nis: code, nl: name.nl, fr: name.fr, en: name.en } } as TopoMultiPolygon<Props>;
    object.properties!.at = labelPoint(geometryOf(object)) as unknown as string;
    return object;
  });
}

const unknownProvince = municipalityObjects.filter((m) => !m.properties!.p);
if (unknownProvince.length > 0) throw new Error(`Municipalities without a province: ${unknownProvince.map((m) => m.properties!.nis).join(', ')}`);

const result = {
  type: 'Topology',
  // What a reader of the file needs to know; the page credits the source on the map itself.
  source: 'Municipalities of Belgium (2019, NIS codes of Statbel REFNIS 2019), from github.com/bmesuere/belgium-topojson (CC0 1.0), shapes from github.com/arneh61/Belgium-Map (MIT); simplified by scripts/belgium-shapes.ts. See docs/map-base-layer.md.',
  bbox: bbox.map(round3),
  transform: { scale, translate },
  objects: {
    regions: { type: 'GeometryCollection', geometries: merged('r', regionNames) },
    provinces: { type: 'GeometryCollection', geometries: merged('p', provinceNames) },
    municipalities: { type: 'GeometryCollection', geometries: municipalityObjects },
  },
  arcs,
};
const text = JSON.stringify(result);
writeFileSync(out, text);
console.log(`${out}: ${municipalityObjects.length} municipalities, ${result.objects.provinces.geometries.length} provinces, ${(text.length / 1024).toFixed(0)} kB`);
