// ESRI Shapefile geometry: GeoJSON geometries as .shp records and .shx entries, one shape type a file.
import type { Geometry, Position } from './reproject.ts';

/** Null, Point, PolyLine, Polygon, MultiPoint: the 2D shape types of the ESRI specification. */
type ShapeType = 0 | 1 | 3 | 5 | 8;

const headerBytes = 100;
/** Offsets and lengths count 16-bit words in signed 32-bit integers: a .shp stops short of 4 GiB. */
const maxWords = 0x7fffffff;

/** The shape type a geometry is written as; null for one a shapefile cannot hold (a GeometryCollection). */
function shapeTypeOf(geometry: Geometry): ShapeType | null {
  switch (geometry.type) {
    case 'Point':
      return 1;
    case 'MultiPoint':
      return 8;
    case 'LineString':
    case 'MultiLineString':
      return 3;
    case 'Polygon':
    case 'MultiPolygon':
      return 5;
    default:
      return null;
  }
}

/** Twice the signed area: positive for a counter-clockwise ring. */
function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return sum;
}

/** Shapefiles want outer rings clockwise and holes counter-clockwise (GeoJSON asks the opposite), and rings closed. */
function orientedRings(polygon: Position[][]): Position[][] {
  return polygon
    .filter((ring) => ring.length > 0)
    .map((ring, i) => {
      const closed = ring[0][0] === ring.at(-1)![0] && ring[0][1] === ring.at(-1)![1] ? ring : [...ring, ring[0]];
      const clockwise = signedArea(closed) < 0;
      return clockwise === (i === 0) ? closed : [...closed].reverse();
    });
}

/** The parts of a geometry written as `type`, or null when it does not fit that type. */
function partsAs(geometry: Geometry, type: ShapeType): Position[][] | null {
  const c = geometry.coordinates as never;
  switch (`${type}:${geometry.type}`) {
    case '1:Point':
    case '8:Point':
      return [[c]];
    case '1:MultiPoint':
      // A multipoint of one point is that point; more would not fit.
      return (c as Position[]).length === 1 ? [c] : null;
    case '8:MultiPoint':
      return [c];
    case '3:LineString':
      return [c];
    case '3:MultiLineString':
      return c;
    case '5:Polygon':
      return orientedRings(c);
    case '5:MultiPolygon':
      return (c as Position[][][]).flatMap(orientedRings);
    default:
      return null;
  }
}

/** True when a geometry has no position at all, e.g. `{"type": "MultiPolygon", "coordinates": []}`. */
function isEmpty(geometry: Geometry): boolean {
  const has = (node: unknown): boolean => Array.isArray(node) && (typeof node[0] === 'number' || node.some(has));
  return geometry.type === 'GeometryCollection' ? (geometry.geometries ?? []).every(isEmpty) : !has(geometry.coordinates);
}

/** Writes records one by one: the first non-null geometry fixes the file's type; rows of another type are left out. */
export function createShapeEncoder(fallbackType: ShapeType) {
  let type: ShapeType | null = null;
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  let offsetWords = headerBytes / 2;
  let records = 0;

  const content = (parts: Position[][] | null): Buffer => {
    if (!parts) return Buffer.alloc(4);
    const points = parts.flat();
    const partBox = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [x, y] of points) {
      partBox[0] = Math.min(partBox[0], x);
      partBox[1] = Math.min(partBox[1], y);
      partBox[2] = Math.max(partBox[2], x);
      partBox[3] = Math.max(partBox[3], y);
    }
    partBox.forEach((v, i) => (box[i] = i < 2 ? Math.min(box[i], v) : Math.max(box[i], v)));
    if (type === 1) {
      const b = Buffer.alloc(20);
      b.writeInt32LE(1, 0);
      b.writeDoubleLE(points[0][0], 4);
      b.writeDoubleLE(points[0][1], 12);
      return b;
    }
    const withParts = type !== 8;
    const start = withParts ? 44 + 4 * parts.length : 40;
    const b = Buffer.alloc(start + 16 * points.length);
    b.writeInt32LE(type!, 0);
    partBox.forEach((v, i) => b.writeDoubleLE(v, 4 + 8 * i));
    if (withParts) {
      b.writeInt32LE(parts.length, 36);
      b.writeInt32LE(points.length, 40);
      let first = 0;
      parts.forEach((part, i) => {
        b.writeInt32LE(first, 44 + 4 * i);
        first += part.length;
      });
    } else {
      b.writeInt32LE(points.length, 36);
    }
    points.forEach(([x, y], i) => {
      b.writeDoubleLE(x, start + 16 * i);
      b.writeDoubleLE(y, start + 16 * i + 8);
    });
    return b;
  };

  return {
    /** The .shp record and .shx entry of one row, or null when its geometry does not fit the file's type. */
    encode(geometry: Geometry | null): { shp: Buffer; shx: Buffer } | null {
      let parts: Position[][] | null = null;
      if (geometry && !isEmpty(geometry)) {
        const own = shapeTypeOf(geometry);
        if (own === null) return null;
        type ??= own;
        parts = partsAs(geometry, type);
        if (!parts) return null;
      }
      const body = content(parts);
      const words = body.length / 2;
      if (offsetWords + 4 + words > maxWords) throw new RangeError('too large for a shapefile');
      const shp = Buffer.alloc(8 + body.length);
      shp.writeInt32BE(++records, 0);
      shp.writeInt32BE(words, 4);
      body.copy(shp, 8);
      const shx = Buffer.alloc(8);
      shx.writeInt32BE(offsetWords, 0);
      shx.writeInt32BE(words, 4);
      offsetWords += 4 + words;
      return { shp, shx };
    },

    /** The 100-byte header of the .shp (or .shx), once every record is written. */
    header(file: 'shp' | 'shx'): Buffer {
      const b = Buffer.alloc(headerBytes);
      b.writeInt32BE(9994, 0);
      b.writeInt32BE(file === 'shp' ? offsetWords : headerBytes / 2 + 4 * records, 24);
      b.writeInt32LE(1000, 28);
      b.writeInt32LE(type ?? fallbackType, 32);
      if (Number.isFinite(box[0])) box.forEach((v, i) => b.writeDoubleLE(v, 36 + 8 * i));
      return b;
    },

    get records(): number {
      return records;
    },
  };
}
