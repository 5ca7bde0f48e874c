// Reads WKT and GeoJSON geometries into shapes, refusing malformed ones with a message a person can act on.
import { merge, type Position, type Shape } from './shape.ts';

/** A geometry that cannot be read; `offset` is where in the text (0-based), when the problem has a place. */
export class GeometryError extends Error {
  readonly offset: number | null;
  constructor(message: string, offset: number | null = null) {
    super(message);
    this.offset = offset;
  }
}

const single = (kind: keyof Shape, value: Position | Position[] | Position[][]): Shape =>
  ({ points: [], lines: [], polygons: [], [kind]: [value] }) as Shape;

function checkLine(line: Position[], what: string, offset: number | null): Position[] {
  if (line.length < 2) throw new GeometryError(`${what} has ${line.length} point; a line needs at least two.`, offset);
  return line;
}

function checkPolygon(rings: Position[][], what: string, offset: number | null): Position[][] {
  if (rings.length === 0) throw new GeometryError(`${what} has no rings; give at least its outer ring.`, offset);
  rings.forEach((ring, i) => {
    const name = `Ring ${i + 1} of ${what.toLowerCase()}`;
    if (ring.length < 4) {
      throw new GeometryError(`${name} has ${ring.length} points; a ring needs at least four, the last repeating the first.`, offset);
    }
    const [first, last] = [ring[0], ring[ring.length - 1]];
    if (first[0] !== last[0] || first[1] !== last[1]) {
      throw new GeometryError(`${name} is not closed: its last point (${last.join(' ')}) must repeat its first (${first.join(' ')}).`, offset);
    }
  });
  return rings;
}

/** Well-known text, e.g. `POLYGON((4 50, 5 50, 5 51, 4 50))`; longitude first. */
class WktReader {
  private at = 0;
  constructor(private readonly text: string) {}

  read(): Shape {
    const shape = this.geometry();
    this.space();
    if (this.at < this.text.length) this.fail('Unexpected text after the geometry');
    return shape;
  }

  private fail(message: string): never {
    throw new GeometryError(`${message} at character ${this.at + 1} of the geometry.`, this.at);
  }

  private space(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at])) this.at++;
  }

  private match(pattern: RegExp): string | null {
    this.space();
    pattern.lastIndex = this.at;
    const found = pattern.exec(this.text);
    if (!found) return null;
    this.at += found[0].length;
    return found[0];
  }

  private symbol(char: '(' | ')' | ','): boolean {
    this.space();
    if (this.text[this.at] !== char) return false;
    this.at++;
    return true;
  }

  private expect(char: '(' | ')'): void {
    if (!this.symbol(char)) this.fail(`Expected "${char}"`);
  }

  /** `(item, item, …)` */
  private list<T>(item: () => T): T[] {
    this.expect('(');
    const items = [item()];
    while (this.symbol(',')) items.push(item());
    this.expect(')');
    return items;
  }

  private number(): number {
    const raw = this.match(/[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/y);
    if (raw === null) this.fail('Expected a number');
    return Number(raw);
  }

  /** `x y`, with an optional z and m that are ignored. */
  private position(): Position {
    const position: Position = [this.number(), this.number()];
    for (let extra = 0; extra < 2 && this.match(/(?=[-+.\d])/y) !== null; extra++) this.number();
    return position;
  }

  private pointItem(): Position {
    if (!this.symbol('(')) return this.position();
    const position = this.position();
    this.expect(')');
    return position;
  }

  private geometry(): Shape {
    const start = this.at;
    const tag = this.match(/[A-Za-z]+/y)?.toUpperCase();
    if (!tag) this.fail('Expected a geometry type such as POINT, LINESTRING or POLYGON');
    this.match(/(ZM|Z|M)\b/iy);
    if (this.match(/EMPTY\b/iy) !== null) this.fail('An empty geometry matches nothing; give its coordinates');
    const polygon = () => checkPolygon(this.list(() => this.list(() => this.position())), 'The polygon', start);
    switch (tag) {
      case 'POINT':
        return single('points', this.list(() => this.position())[0]);
      case 'LINESTRING':
        return single('lines', checkLine(this.list(() => this.position()), 'The line', start));
      case 'POLYGON':
        return single('polygons', polygon());
      case 'MULTIPOINT':
        // Both MULTIPOINT(1 2, 3 4) and MULTIPOINT((1 2), (3 4)) are in use.
        return { points: this.list(() => this.pointItem()), lines: [], polygons: [] };
      case 'MULTILINESTRING':
        return { points: [], lines: this.list(() => checkLine(this.list(() => this.position()), 'A line', start)), polygons: [] };
      case 'MULTIPOLYGON':
        return { points: [], lines: [], polygons: this.list(polygon) };
      case 'GEOMETRYCOLLECTION':
        return merge(this.list(() => this.geometry()));
      default:
        this.at = start;
        this.fail(`Unknown geometry type ${tag}; use POINT, LINESTRING, POLYGON, their MULTI forms or GEOMETRYCOLLECTION`);
    }
  }
}

const expected = ['a [lon, lat] position', 'a list of positions', 'a list of rings (lists of positions)', 'a list of polygons'];

/** Coordinates nested `depth` lists above positions, checked and converted in one pass; null when malformed. */
function convert(value: unknown, depth: number): unknown {
  if (!Array.isArray(value)) return null;
  if (depth === 0) {
    const [x, y] = value;
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) return null;
    return value.length === 2 ? value : [x, y];
  }
  const out = new Array(value.length);
  for (let i = 0; i < value.length; i++) if ((out[i] = convert(value[i], depth - 1)) === null) return null;
  return out;
}

function coordinates(value: unknown, depth: 0, type: string): Position;
function coordinates(value: unknown, depth: 1, type: string): Position[];
function coordinates(value: unknown, depth: 2, type: string): Position[][];
function coordinates(value: unknown, depth: 3, type: string): Position[][][];
function coordinates(value: unknown, depth: number, type: string): unknown {
  const converted = convert(value, depth);
  if (converted === null) throw new GeometryError(`The coordinates of a GeoJSON ${type} must be ${expected[depth]} of numbers.`);
  return converted;
}

/** A parsed GeoJSON geometry, Feature or FeatureCollection. */
export function readGeoJson(value: unknown): Shape {
  const object = (value ?? {}) as { type?: unknown; coordinates?: unknown; geometries?: unknown; geometry?: unknown; features?: unknown };
  const { type } = object;
  switch (type) {
    case 'Point':
      return single('points', coordinates(object.coordinates, 0, type));
    case 'MultiPoint':
      return { points: coordinates(object.coordinates, 1, type), lines: [], polygons: [] };
    case 'LineString':
      return single('lines', checkLine(coordinates(object.coordinates, 1, type), 'The line', null));
    case 'MultiLineString':
      return { points: [], lines: coordinates(object.coordinates, 2, type).map((l) => checkLine(l, 'A line', null)), polygons: [] };
    case 'Polygon':
      return single('polygons', checkPolygon(coordinates(object.coordinates, 2, type), 'The polygon', null));
    case 'MultiPolygon':
      return { points: [], lines: [], polygons: coordinates(object.coordinates, 3, type).map((p) => checkPolygon(p, 'A polygon', null)) };
    case 'GeometryCollection':
      if (!Array.isArray(object.geometries)) throw new GeometryError('A GeoJSON GeometryCollection needs a "geometries" list.');
      return merge(object.geometries.map(readGeoJson));
    case 'Feature':
      return readGeoJson(object.geometry);
    case 'FeatureCollection':
      if (!Array.isArray(object.features)) throw new GeometryError('A GeoJSON FeatureCollection needs a "features" list.');
      return merge(object.features.map(readGeoJson));
    case undefined:
      throw new GeometryError('Expected a GeoJSON object with a "type", such as {"type":"Point","coordinates":[4.35,50.85]}.');
    default:
      throw new GeometryError(`"${String(type)}" is not a GeoJSON geometry type; use Point, LineString, Polygon, their Multi forms or GeometryCollection.`);
  }
}

/** A geometry literal: GeoJSON when it starts with `{`, else WKT. */
export function readGeometry(text: string): Shape {
  if (!text.trimStart().startsWith('{')) return new WktReader(text).read();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new GeometryError(`The geometry is neither WKT nor valid GeoJSON (${(error as Error).message}).`);
  }
  return readGeoJson(value);
}

/** Why a shape's coordinates cannot be longitudes and latitudes, or null when they can. */
export function outOfRange(shape: Shape): string | null {
  const all = [...shape.points, ...shape.lines.flat(), ...shape.polygons.flat(2)];
  const bad = all.find(([x, y]) => !(Math.abs(x) <= 180 && Math.abs(y) <= 90));
  return bad ? `The position (${bad.join(' ')}) is outside longitude ±180 and latitude ±90; write longitude first.` : null;
}
