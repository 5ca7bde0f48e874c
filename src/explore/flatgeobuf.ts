// FlatGeobuf v3 (flatgeobuf.org): magic bytes, a size-prefixed Header table, then one size-prefixed Feature per record.
import * as flatbuffers from 'flatbuffers';
import type { Geometry, Position } from './reproject.ts';

const magicBytes = Uint8Array.of(0x66, 0x67, 0x62, 0x03, 0x66, 0x67, 0x62, 0x00);

/** The schema's GeometryType enum, for the types GeoJSON has. */
export const geometryTypes: Record<string, number> = {
  Point: 1,
  LineString: 2,
  Polygon: 3,
  MultiPoint: 4,
  MultiLineString: 5,
  MultiPolygon: 6,
  GeometryCollection: 7,
};

/** The schema's ColumnType enum, for the types the exports write. */
export const columnTypes = { Bool: 2, Long: 7, Double: 10, String: 11, Json: 12, DateTime: 13 } as const;
export type ColumnType = (typeof columnTypes)[keyof typeof columnTypes];

interface FgbColumn {
  name: string;
  type: ColumnType;
  title?: string;
}

interface FgbHeader {
  name: string;
  /** 0 (Unknown) when features differ in type; each then says its own. */
  geometryType: number;
  columns: FgbColumn[];
  featuresCount: number;
  crs: { code: number; name: string };
}

/** Magic bytes and the Header; index_node_size 0 says there is no spatial index, so features follow at once. */
export function fgbHeader(header: FgbHeader): Uint8Array {
  const b = new flatbuffers.Builder(1024);
  const columns = header.columns.map((c) => {
    const name = b.createString(c.name);
    const title = c.title ? b.createString(c.title) : 0;
    b.startObject(11);
    b.addFieldOffset(0, name, 0);
    b.addFieldInt8(1, c.type, 0);
    if (title) b.addFieldOffset(2, title, 0);
    return b.endObject();
  });
  const columnsVector = vector(b, 4, columns, (o) => b.addOffset(o));
  const crsOrg = b.createString('EPSG');
  const crsName = b.createString(header.crs.name);
  b.startObject(6);
  b.addFieldOffset(0, crsOrg, 0);
  b.addFieldInt32(1, header.crs.code, 0);
  b.addFieldOffset(2, crsName, 0);
  const crs = b.endObject();
  const name = b.createString(header.name);
  b.startObject(14);
  b.addFieldOffset(0, name, 0);
  b.addFieldInt8(2, header.geometryType, 0);
  b.addFieldOffset(7, columnsVector, 0);
  b.addFieldInt64(8, BigInt(header.featuresCount), BigInt(0));
  b.addFieldInt16(9, 0, 16);
  b.addFieldOffset(10, crs, 0);
  b.finish(b.endObject(), undefined, true);
  const table = b.asUint8Array();
  const out = new Uint8Array(magicBytes.length + table.length);
  out.set(magicBytes);
  out.set(table, magicBytes.length);
  return out;
}

function vector<T>(b: flatbuffers.Builder, size: number, items: T[], add: (item: T) => void): number {
  b.startVector(size, items.length, size);
  for (let i = items.length - 1; i >= 0; i--) add(items[i]);
  return b.endVector();
}

/** A Geometry table: flat x,y pairs, `ends` where there is more than one ring or line, parts for multipolygons and collections. */
function geometryTable(b: flatbuffers.Builder, geometry: Geometry): number {
  const type = geometryTypes[geometry.type] ?? 0;
  if (geometry.type === 'MultiPolygon' || geometry.type === 'GeometryCollection') {
    const members: Geometry[] =
      geometry.type === 'MultiPolygon' ? (geometry.coordinates as Position[][][]).map((p) => ({ type: 'Polygon', coordinates: p })) : (geometry.geometries ?? []);
    const parts = members.map((m) => geometryTable(b, m));
    const partsVector = vector(b, 4, parts, (o) => b.addOffset(o));
    b.startObject(8);
    b.addFieldOffset(7, partsVector, 0);
    b.addFieldInt8(6, type, 0);
    return b.endObject();
  }
  const c = geometry.coordinates as never;
  const lines: Position[][] =
    geometry.type === 'Point' ? [[c]] : geometry.type === 'LineString' || geometry.type === 'MultiPoint' ? [c] : c;
  const xy = lines.flat().flatMap((p) => [p[0], p[1]]);
  let end = 0;
  const ends = lines.map((l) => (end += l.length));
  const endsVector = ends.length > 1 ? vector(b, 4, ends, (e) => b.addInt32(e)) : 0;
  const xyVector = vector(b, 8, xy, (v) => b.addFloat64(v));
  b.startObject(8);
  if (endsVector) b.addFieldOffset(0, endsVector, 0);
  b.addFieldOffset(1, xyVector, 0);
  b.addFieldInt8(6, type, 0);
  return b.endObject();
}

const encoder = new TextEncoder();

/** Properties as the spec lays them out: per non-null value, its column index (u16) then the value, little-endian. */
export function fgbProperties(columns: FgbColumn[], values: unknown[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  let size = 0;
  values.forEach((value, i) => {
    if (value === null || value === undefined) return;
    const type = columns[i].type;
    let chunk: Uint8Array;
    if (type === columnTypes.Bool || type === columnTypes.Long || type === columnTypes.Double) {
      chunk = new Uint8Array(2 + (type === columnTypes.Bool ? 1 : 8));
      const view = new DataView(chunk.buffer);
      if (type === columnTypes.Bool) view.setUint8(2, value ? 1 : 0);
      else if (type === columnTypes.Long) view.setBigInt64(2, BigInt(Math.trunc(Number(value))), true);
      else view.setFloat64(2, Number(value), true);
    } else {
      const text = encoder.encode(type === columnTypes.Json ? JSON.stringify(value) : typeof value === 'string' ? value : JSON.stringify(value));
      chunk = new Uint8Array(6 + text.length);
      new DataView(chunk.buffer).setUint32(2, text.length, true);
      chunk.set(text, 6);
    }
    new DataView(chunk.buffer).setUint16(0, i, true);
    chunks.push(chunk);
    size += chunk.length;
  });
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** One size-prefixed Feature; a record without a geometry is a feature without one, as the schema allows. */
export function fgbFeature(geometry: Geometry | null, properties: Uint8Array): Uint8Array {
  const b = new flatbuffers.Builder(256 + properties.length);
  const geometryOffset = geometry ? geometryTable(b, geometry) : 0;
  const propertiesOffset = properties.length ? b.createByteVector(properties) : 0;
  b.startObject(3);
  if (geometryOffset) b.addFieldOffset(0, geometryOffset, 0);
  if (propertiesOffset) b.addFieldOffset(1, propertiesOffset, 0);
  b.finish(b.endObject(), undefined, true);
  return b.asUint8Array();
}
