// The shp export: records into .shp, .shx and .dbf temp files batch by batch (headers patched last), sent as one ZIP.
import { open, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { BlobStore } from '../blobs/index.ts';
import type { Engine } from '../engine/duckdb.ts';
import type { OutputColumn } from '../odsql/query.ts';
import { dbfEnd, dbfFieldNames, dbfHeader, dbfRecordLength, dbfRecords, maxDbfFields, maxDbfRecordLength, type DbfField } from './dbf.ts';
import { InvalidRestParameter } from './errors.ts';
import type { ExportRun } from './export-limits.ts';
import { csvValue, geometryColumn, geometrySql } from './exports.ts';
import { crsOf, projector, reprojectGeometry, type Geometry } from './reproject.ts';
import { createShapeEncoder } from './shapefile.ts';
import { zipStream } from './zip.ts';

export interface GeoFilePlan {
  name: string;
  sql: string;
  params: (string | number | boolean | null)[];
  columns: OutputColumn[];
  timeZone: string;
  epsg: number;
  labels: Map<string, string>;
  useLabels: boolean;
}

const numeric = (c: OutputColumn) => c.type === 'int' || c.type === 'double' || c.type === 'number';

/** A column as dBASE text: plain digits, dates as YYYYMMDD, booleans T/F, anything else as the CSV export writes it. */
function dbfValueSql(c: OutputColumn): string {
  if (numeric(c)) return `CASE WHEN isfinite(${c.alias}) THEN CAST(${c.alias} AS VARCHAR) END`;
  if (c.type === 'boolean') return `CASE WHEN ${c.alias} THEN 'T' WHEN NOT ${c.alias} THEN 'F' END`;
  if (c.type === 'date') return `strftime(${c.alias}, '%Y%m%d')`;
  return csvValue(c, c.alias, { listSeparator: ',' });
}

/** Field types and widths fitted to the values: texts as wide as the longest (up to dBASE's 254 bytes). */
function dbfFields(columns: OutputColumn[], names: string[], widths: number[], decimals: number[]): DbfField[] {
  return columns.map((c, i) => {
    const width = Math.max(1, widths[i]);
    if (c.type === 'boolean') return { name: names[i], type: 'L', width: 1, decimals: 0 };
    if (c.type === 'date') return { name: names[i], type: 'D', width: 8, decimals: 0 };
    if (c.type === 'int') return { name: names[i], type: 'N', width: Math.min(width, 254), decimals: 0 };
    if (numeric(c)) {
      // At least one decimal, so readers keep the field a real number even when every value is whole.
      const places = Math.min(15, Math.max(1, decimals[i]));
      return { name: names[i], type: 'N', width: Math.min(254, Math.max(width, places + 2)), decimals: places };
    }
    return { name: names[i], type: 'C', width: Math.min(width, 254), decimals: 0 };
  });
}

/**
 * A ZIP needs each file whole, and the .shp and .dbf headers are only known at the end: the three files are written
 * to the temp area first, their bytes counted against the exports' temp budget (a spent budget stops the export).
 */
export async function shapefileExport(deps: { engine: Engine; blobs: BlobStore; now: Date }, plan: GeoFilePlan, run: ExportRun): Promise<Readable> {
  const geometry = geometryColumn(plan.columns);
  if (!geometry) throw new Error('shapefileExport needs a geometry column');
  const attributes = plan.columns.filter((c) => c !== geometry);
  if (attributes.length > maxDbfFields) {
    throw new InvalidRestParameter(`A shapefile holds at most ${maxDbfFields} fields besides its geometry; this export has ${attributes.length}: select fewer.`);
  }
  const values = attributes.map((c, i) => `${dbfValueSql(c)} AS v${i}`);
  const from = `(SELECT CAST(${geometrySql(geometry)} AS VARCHAR) AS g${values.map((v) => `, ${v}`).join('')} FROM (${plan.sql}))`;
  const paths = { shp: deps.blobs.tempPath('.shp'), shx: deps.blobs.tempPath('.shx'), dbf: deps.blobs.tempPath('.dbf') };
  const cleanup = async () => {
    await Promise.all(Object.values(paths).map((p) => deps.blobs.discard(p)));
  };
  const files: FileHandle[] = [];
  try {
    const [shp, shx, dbf] = await Promise.all([open(paths.shp, 'w'), open(paths.shx, 'w'), open(paths.dbf, 'w')]);
    files.push(shp, shx, dbf);
    await run.scan(deps.engine, async (connection) => {
      // A first pass measures the texts: a DBF field's width is fixed in its header, before the first record.
      const measures = attributes.flatMap((c, i) => [`max(strlen(v${i})) AS w${i}`, `max(length(regexp_extract(v${i}, '\\.([0-9]+)$', 1))) AS d${i}`]);
      const [measured] = measures.length
        ? ((await connection.runAndReadAll(`SELECT ${measures.join(', ')} FROM ${from}`, plan.params)).getRowObjectsJson() as Record<string, unknown>[])
        : [{}];
      const names = dbfFieldNames(attributes.map((c) => (plan.useLabels ? (plan.labels.get(c.key) ?? c.key) : c.key)));
      const noAttributes = attributes.length === 0;
      // dBASE needs one field at least: a record number stands in.
      const fields = noAttributes
        ? [{ name: 'id', type: 'N' as const, width: 10, decimals: 0 }]
        : dbfFields(attributes, names, attributes.map((_, i) => Number(measured[`w${i}`] ?? 0)), attributes.map((_, i) => Number(measured[`d${i}`] ?? 0)));
      if (dbfRecordLength(fields) > maxDbfRecordLength) {
        throw new InvalidRestParameter(`These fields make a shapefile record longer than dBASE's ${maxDbfRecordLength} bytes: select fewer or shorter text fields.`);
      }
      const encoder = createShapeEncoder(geometry.type === 'geo_point_2d' ? 1 : 0);
      const project = projector(plan.epsg);
      const dbfHead = dbfHeader(fields, 0, deps.now);
      run.claimTemp(200 + dbfHead.length);
      await shp.write(Buffer.alloc(100));
      await shx.write(Buffer.alloc(100));
      await dbf.write(dbfHead);
      const result = await connection.stream(`SELECT * FROM ${from}`, plan.params);
      for await (const rows of result.yieldRows()) {
        const shapes: Buffer[] = [];
        const index: Buffer[] = [];
        const records: (string | null)[][] = [];
        for (const row of rows) {
          const parsed = row[0] === null ? null : (JSON.parse(row[0] as string) as Geometry);
          const encoded = encoder.encode(parsed && project ? reprojectGeometry(parsed, project) : parsed);
          // A geometry of another type than the file's cannot be written: the row is left out (docs/compatibility.md).
          if (!encoded) continue;
          shapes.push(encoded.shp);
          index.push(encoded.shx);
          records.push(noAttributes ? [String(encoder.records)] : (row.slice(1) as (string | null)[]));
        }
        const batch = [Buffer.concat(shapes), Buffer.concat(index), dbfRecords(fields, records)] as const;
        run.claimTemp(batch[0].length + batch[1].length + batch[2].length);
        await Promise.all([shp.write(batch[0]), shx.write(batch[1]), dbf.write(batch[2])]);
      }
      await dbf.write(dbfEnd);
      await Promise.all([shp.write(encoder.header('shp'), 0, 100, 0), shx.write(encoder.header('shx'), 0, 100, 0), dbf.write(dbfHeader(fields, encoder.records, deps.now), 0, 32, 0)]);
    }, plan.timeZone);
    await Promise.all(files.splice(0).map((f) => f.close()));
  } catch (error) {
    await Promise.all(files.map((f) => f.close()));
    await cleanup();
    if (error instanceof RangeError) {
      throw new InvalidRestParameter('This export is too large for a shapefile (a .shp stops at 4 GiB): narrow it with where, or export fgb or geojson.');
    }
    throw error;
  }
  return zipStream(
    [
      { name: `${plan.name}.shp`, path: paths.shp },
      { name: `${plan.name}.shx`, path: paths.shx },
      { name: `${plan.name}.dbf`, path: paths.dbf },
      { name: `${plan.name}.prj`, content: Buffer.from(crsOf(plan.epsg).wkt) },
      { name: `${plan.name}.cpg`, content: Buffer.from('UTF-8') },
    ],
    cleanup,
  );
}
