// Records of a dataset's current version: ODSQL compiled to one DuckDB query, with a time limit.
import type { Audience, CatalogService } from '../catalog/service.ts';
import type { CatalogSnapshot } from '../catalog/snapshot.ts';
import type { Dataset, Field } from '../catalog/types.ts';
import type { Language } from '../i18n/index.ts';
import { catalogFields, catalogRowsSql } from './catalog-query.ts';
import { createCatalogTables, type CatalogLease } from './catalog-table.ts';
import type { Clock } from '../clock.ts';
import type { Engine, Lane, RecordsSource } from '../engine/duckdb.ts';
import { NotFound } from '../errors.ts';
import { literal } from '../engine/sql.ts';
import { ClientGone, QueryTimeout, engineValueError } from './errors.ts';
import { buildRecordsQuery } from '../odsql/query.ts';
import { facetQueries, shapeFacet, type FacetRequest, type FacetValue } from './facets.ts';
import { presentRow } from './values.ts';
import { fieldLabel, type ExploreMetas } from './present.ts';
import { csvHeader, csvRowsSql, exportFormats, geoJsonFeatureSql, jsonObjectSql, type CsvOptions, type ExportFormat } from './exports.ts';
import { gzipped, streamExport, streamSegments } from './export-stream.ts';
import { parquetExport, xlsxExport } from './export-files.ts';
import type { ExportRun } from './export-limits.ts';
import { gpxWaypoint, kmlPlacemark, xmlText } from './geo-formats.ts';
import { flatGeobufExport, geoJsonFrame, requireGeometry, requireWgs84 } from './geo-exports.ts';
import { shapefileExport } from './shapefile-export.ts';
import { jsonLdHead, rdfXmlHead, rdfXmlRecord, turtleHead, turtleRecord } from './rdf-formats.ts';
import type { BlobStore } from '../blobs/index.ts';
import { readsClock, versionStamp, type AnswerCache, type VersionAt } from './answer-cache.ts';

export interface RecordsParams {
  select?: string;
  where: string[];
  groupBy?: string;
  orderBy?: string;
  refine: string[];
  exclude: string[];
  limit: number;
  offset: number;
  lang: string;
  timezone: string;
  /** An earlier published version to read (an Opaal extension); the current one when left out. */
  version?: number;
  /** Each record also carries its id as `_id` (include_links); grouped rows have none. */
  withIds?: boolean;
}


interface FacetParams {
  facets: FacetRequest[];
  where: string[];
  refine: string[];
  exclude: string[];
  lang: string;
  timezone: string;
  version?: number;
}

const catalogFacetNames = ['theme', 'keyword', 'publisher', 'license', 'language', 'features'];

/** A version-less dataset: the query still compiles (errors show), but nothing is read. */
const emptyFrom = '(SELECT NULL AS _recordid WHERE FALSE)';

type ExportParams = Omit<RecordsParams, 'offset' | 'limit'> & {
  limit: number | null;
  csv: CsvOptions;
  xlsx: { useLabels: boolean };
  compressed: boolean;
  parquetCompression: 'snappy' | 'zstd';
  /** The coordinate system of geojson, shp and fgb. */
  epsg: number;
  gpx: { useExtension: boolean };
};

export type RecordsService = ReturnType<typeof createRecordsService>;

export function createRecordsService(deps: { catalog: CatalogService; engine: Engine; blobs: BlobStore; clock: Clock; queryTimeoutMs: number; baseUrl: string; answers: AnswerCache }) {
  const catalogTables = createCatalogTables(deps.engine);

  /** Work on the catalog's table of this snapshot, which stays until the work is done. */
  async function onCatalog<T>(snapshot: CatalogSnapshot, lang: Language, metas: ReadonlyMap<string, ExploreMetas> | undefined, work: (lease: CatalogLease) => Promise<T>): Promise<T> {
    const lease = await catalogTables.lease(snapshot, lang, metas);
    try {
      return await work(lease);
    } finally {
      lease.release();
    }
  }

  const timeout = () => new QueryTimeout(`The query took longer than ${deps.queryTimeoutMs / 1000} s and was stopped; narrow it with where or refine.`);

  /**
   * Runs queries on one connection in the request's time zone, in its lane of the engine, stopped at the time limit
   * or when the client leaves. The limit counts from the start of parsing (`spentMs` went on parsing and compiling),
   * and the answer goes out when it is reached even if the engine is still planning, which an interrupt does not
   * stop: the connection and its slot come back only when the engine is done.
   */
  async function run<T>(
    timeZone: string,
    options: { lane: Lane; spentMs: number; signal?: AbortSignal },
    work: (all: (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>) => Promise<T>,
  ): Promise<T> {
    const { signal } = options;
    let answer: (error: Error) => void = () => undefined;
    const deadline = new Promise<never>((_, reject) => {
      answer = reject;
    });
    const job = deps.engine.withConnection(async (connection) => {
      let reason: 'timeout' | 'gone' | null = null;
      const stop = (why: 'timeout' | 'gone') => {
        reason = why;
        connection.interrupt();
        answer(why === 'timeout' ? timeout() : new ClientGone());
      };
      const timer = setTimeout(() => stop('timeout'), Math.max(0, deps.queryTimeoutMs - options.spentMs));
      const onAbort = () => stop('gone');
      signal?.addEventListener('abort', onAbort);
      try {
        if (signal?.aborted) throw new ClientGone();
        // An interrupt between two statements finds nothing running: check the reason around each one.
        const check = () => {
          if (reason !== null) throw new Error('INTERRUPT');
        };
        return await work(async (sql, params) => {
          check();
          const rows = (await connection.runAndReadAll(sql, params as never)).getRowObjectsJson() as Record<string, unknown>[];
          check();
          return rows;
        });
      } catch (error) {
        if (reason === 'gone') throw new ClientGone();
        if (reason === 'timeout' || /INTERRUPT/i.test((error as Error).message)) throw timeout();
        throw engineValueError(error) ?? error;
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }
    }, timeZone, options.lane);
    // When the deadline answers first, the job's own failure comes later and has no one to tell.
    job.catch(() => undefined);
    return Promise.race([job, deadline]);
  }

  /** Parses and compiles, timed: that time counts against the query's limit. */
  function compiled<T>(build: () => T): { query: T; spentMs: number } {
    const started = performance.now();
    const query = build();
    return { query, spentMs: performance.now() - started };
  }

  async function countFacets(fields: Field[], from: string | null, defaults: string[], params: FacetParams, indexed?: RecordsSource) {
    const requested: FacetRequest[] = params.facets.length > 0 ? params.facets : defaults.map((name) => ({ name, disjunctive: false, sort: '-count' as const, limit: 100 }));
    const { query: queries, spentMs } = compiled(() => facetQueries({
      fields,
      from: from ?? '(SELECT 1 WHERE FALSE)',
      where: params.where,
      refine: params.refine,
      exclude: params.exclude,
      facets: requested,
      now: deps.clock(),
      lang: params.lang,
      indexed,
    }));
    if (!from) return { facets: requested.map((f) => ({ name: f.name, facets: [] as FacetValue[], ...(f.withTotal ? { total: 0 } : {}) })) };
    // Counting values groups every matching row: a heavy query.
    return run(params.timezone, { lane: 'heavy', spentMs }, async (all) => {
      const facets = [];
      for (const q of queries) {
        const levels = [];
        for (const level of q.levels) {
          levels.push({ level: level.level, rows: (await all(level.sql, level.params)) as { v: string; n: number; total?: number }[] });
        }
        facets.push(shapeFacet(levels, q.facet.name, params.refine, params.exclude, q.facet.withTotal));
      }
      return { facets };
    });
  }

  /**
   * `lang`: the language of the labels that `use_labels` writes; `parquet`: the file `from` reads, when an export of it
   * in file order may be written in parts (export-stream.ts).
   */
  function exportQuery(name: string, fields: Field[], lang: Language, from: string | null, format: ExportFormat, params: ExportParams, run: ExportRun, parquet: string | null = null) {
    const query = buildRecordsQuery({ ...params, fields, from: from ?? emptyFrom, offset: 0, raw: true, now: deps.clock() });
    const labels = new Map(fields.map((f) => [f.name, fieldLabel(f, lang)]));
    const extension = exportFormats[format].extension + (params.compressed ? '.gz' : '');
    const contentType = params.compressed ? 'application/gzip' : exportFormats[format].contentType;
    const filename = `${name}.${extension}`;
    const plan = { sql: from ? query.sql : `SELECT * FROM (${query.sql}) WHERE FALSE`, params: query.params, columns: query.columns, timeZone: params.timezone, source: from };
    if (format === 'parquet') {
      return parquetExport(deps.engine, deps.blobs, plan, params.parquetCompression, run).then((stream) => ({ stream: gzipped(stream, params.compressed), filename, contentType }));
    }
    if (format === 'shp' || format === 'fgb') {
      requireGeometry(format, name, query.columns, params.select !== undefined);
      const geo = { ...plan, name, epsg: params.epsg, labels, useLabels: params.csv.useLabels };
      const made = format === 'shp' ? shapefileExport({ ...deps, now: deps.clock() }, geo, run).then((s) => gzipped(s, params.compressed)) : flatGeobufExport(deps.engine, geo, { compressed: params.compressed, run });
      return made.then((stream) => ({ stream, filename, contentType }));
    }
    if (format === 'kml' || format === 'gpx') requireWgs84(format, params.epsg);
    if (format === 'xlsx') {
      const headers = query.columns.map((c) => (params.xlsx.useLabels ? (labels.get(c.key) ?? c.key) : c.key));
      return { stream: gzipped(xlsxExport(deps.engine, plan, { name, headers }, run), params.compressed), filename, contentType };
    }
    const lineFormat = format;
    const line = {
      csv: null,
      json: () => jsonObjectSql(query.columns),
      jsonl: () => jsonObjectSql(query.columns),
      geojson: () => geoJsonFeatureSql(query.columns),
      kml: () => geoJsonFeatureSql(query.columns),
      gpx: () => geoJsonFeatureSql(query.columns),
      turtle: () => jsonObjectSql(query.columns),
      n3: () => jsonObjectSql(query.columns),
      jsonld: () => jsonObjectSql(query.columns),
      rdfxml: () => jsonObjectSql(query.columns),
    }[lineFormat];
    const frame = {
      csv: { head: `${params.csv.withBom ? '\uFEFF' : ''}${csvHeader(query.columns, labels, params.csv)}\n`, separator: '\n', tail: '\n', emptyTail: '' },
      json: { head: '[', separator: ',\n', tail: ']\n' },
      jsonl: { head: '', separator: '\n', tail: '\n', emptyTail: '' },
      geojson: geoJsonFrame(params.epsg),
      kml: {
        head: `<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>${xmlText(name)}</name>\n`,
        separator: '\n',
        tail: '\n</Document></kml>\n',
        rewrite: kmlPlacemark,
      },
      gpx: {
        head: `<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="Opaal" xmlns="http://www.topografix.com/GPX/1/1" xmlns:opaal="https://opaal.eu/gpx">\n`,
        separator: '\n',
        tail: '\n</gpx>\n',
        rewrite: gpxWaypoint(params.gpx),
      },
      turtle: { head: turtleHead(deps.baseUrl, name), separator: '\n', tail: '\n', rewrite: turtleRecord(query.columns) },
      n3: { head: turtleHead(deps.baseUrl, name), separator: '\n', tail: '\n', rewrite: turtleRecord(query.columns) },
      jsonld: { head: jsonLdHead(deps.baseUrl, name, query.columns), separator: ',\n', tail: ']}\n' },
      rdfxml: { head: rdfXmlHead(deps.baseUrl, name), separator: '\n', tail: '\n</rdf:RDF>\n', rewrite: rdfXmlRecord(query.columns) },
    }[lineFormat];
    const rowsOf = (built: { sql: string }) => (line ? `SELECT ${line()} AS line FROM (${built.sql})` : csvRowsSql(query.columns, params.csv, built.sql));
    const options = { compressed: params.compressed, run };
    // In file order, every row or those a filter keeps, each once: the parts of the file can be written one by one.
    // DuckDB cannot number the rows of a file that has a column of that name: such a dataset is pulled row by row.
    const numberable = !fields.some((f) => f.name === 'file_row_number');
    const inParts = parquet !== null && numberable && !('rewrite' in frame) && frame.separator.endsWith('\n') && params.orderBy === undefined && params.groupBy === undefined && params.limit === null && !query.grouped;
    if (inParts) {
      const segment = (start: number, end: number) => {
        const part = `(SELECT * EXCLUDE (file_row_number) FROM read_parquet(${literal(parquet)}, file_row_number = true) WHERE file_row_number >= ${start} AND file_row_number < ${end})`;
        const built = buildRecordsQuery({ ...params, fields, from: part, offset: 0, raw: true, now: deps.clock() });
        return { sql: rowsOf(built), params: built.params };
      };
      const tempPath = () => deps.blobs.tempPath(`.${exportFormats[format].extension}`);
      return { stream: streamSegments(deps.engine, { parquet, segment, tempPath, ...frame, timeZone: params.timezone }, options), filename, contentType };
    }
    const sql = from ? rowsOf(query) : 'SELECT NULL AS line WHERE FALSE';
    const stream = streamExport(deps.engine, { sql, params: from ? query.params : [], ...frame, timeZone: params.timezone }, options);
    return { stream, filename, contentType };
  }

  /**
   * One page of an ODSQL query with its total count; nothing to read gives an empty page. A version's file never
   * changes: the count of a filter over it is computed once (`stamp` names the version) and shared by all its pages.
   */
  async function queryPage(fields: Field[], from: RecordsSource | null, params: RecordsParams, signal?: AbortSignal, stamp?: string) {
    const { query, spentMs } = compiled(() => buildRecordsQuery({ ...params, fields, from: from?.from ?? emptyFrom, orderFreeFrom: from?.orderFree, withRecordId: params.withIds, textIndex: from?.textIndex, now: deps.clock() }));
    if (!from) return { total_count: 0, rows: [] };
    return run(params.timezone, { lane: query.heavy ? 'heavy' : 'light', spentMs, signal }, async (all) => {
      const countKey = stamp === undefined ? null : `count\n${stamp}\n${params.timezone}\n${query.countSql}\n${JSON.stringify(query.countParams)}`;
      const [count] = countKey === null ? await all(query.countSql, query.countParams) : await deps.answers.get(countKey, () => all(query.countSql, query.countParams));
      const rows = params.limit === 0 ? [] : await all(query.sql, query.params);
      const present = (row: Record<string, unknown>) => {
        const record = presentRow(row, query.columns, params.timezone);
        return typeof row._recordid === 'string' ? { _id: row._recordid, ...record } : record;
      };
      return { total_count: Number(count.n), rows: rows.map(present) };
    });
  }

  /** One record by its id (the `_recordid` column); not found when the version has none such. */
  async function oneRecord(dataset: Dataset, from: RecordsSource | null, recordId: string, params: { select?: string; lang: string; timezone: string }) {
    const missing = new NotFound(`The requested record ${recordId} does not exist.`);
    if (!from || !/^[0-9a-f]{40}$/.test(recordId)) throw missing;
    const { query, spentMs } = compiled(() => buildRecordsQuery({
      fields: dataset.fields,
      from: `(SELECT * FROM ${from.from} WHERE _recordid = ${literal(recordId)})`,
      select: params.select,
      limit: 1,
      offset: 0,
      lang: params.lang,
      now: deps.clock(),
    }));
    // One record by its id: light, whatever its select computes.
    return run(params.timezone, { lane: 'light', spentMs }, async (all) => {
      const [row] = await all(query.sql, query.params);
      if (!row) throw missing;
      return presentRow(row, query.columns, params.timezone);
    });
  }

  /** The version a query of the audience reads, with the stamp its answers are cached and tagged under. */
  async function versionAt(datasetId: string, audience: Audience, number?: number): Promise<VersionAt> {
    const { dataset, version, path } = await deps.catalog.currentVersion(datasetId, audience, number);
    return { dataset, path, publishedAt: version?.publishedAt ?? null, stamp: versionStamp(version?.id ?? null, dataset) };
  }

  /** The version of a dataset id, or the version `versionAt` found already (not looked up again). */
  const atOf = (target: string | VersionAt, audience: Audience, version?: number): Promise<VersionAt> =>
    typeof target === 'string' ? versionAt(target, audience, version) : Promise.resolve(target);

  /** Queries read the version's DuckDB twin (engine/tables.ts). */
  async function source(target: string | VersionAt, audience: Audience, version?: number) {
    const at = await atOf(target, audience, version);
    return { dataset: at.dataset, stamp: at.stamp, publishedAt: at.publishedAt, from: at.path ? await deps.engine.recordsFrom(at.path) : null };
  }

  /** An answer computed once per version and query, unless the query reads the clock. */
  async function cached<T>(kind: string, stamp: string, params: object, compute: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (readsClock(params)) return compute();
    const key = `${kind}\n${stamp}\n${JSON.stringify(params)}`;
    try {
      return await deps.answers.get(key, compute);
    } catch (error) {
      // The computation this request shared was stopped because its first asker left: this one is still here.
      if (error instanceof ClientGone && !signal?.aborted) return deps.answers.get(key, compute);
      throw error;
    }
  }

  /** Exports read the version's Parquet file in one pass, and leave no blocks cached. */
  async function scanSource(target: string | VersionAt, audience: Audience, version?: number) {
    const { dataset, path } = await atOf(target, audience, version);
    return { dataset, path, from: path ? `read_parquet(${literal(path)})` : null };
  }

  return {
    versionAt,

    /** A page of records; `target` is a dataset id, or the version `versionAt` found. Cached by version. */
    async records(target: string | VersionAt, audience: Audience, params: RecordsParams, signal?: AbortSignal) {
      const { dataset, from, stamp, publishedAt } = await source(target, audience, params.version);
      return cached('records', stamp, params, async () => {
        // A count that depends on the clock is no function of the version: not kept either.
        const page = await queryPage(dataset.fields, from, params, signal, readsClock(params) ? undefined : stamp);
        // With ids, when the version read was made current: ODS's `_timestamp` of its records.
        const timestamp = params.withIds ? publishedAt : null;
        return { total_count: page.total_count, results: page.rows, ...(timestamp ? { timestamp } : {}) };
      }, signal);
    },

    async record(target: string | VersionAt, recordId: string, audience: Audience, params: { select?: string; lang: string; timezone: string; version?: number }) {
      const { dataset, from, stamp } = await source(target, audience, params.version);
      return cached(`record\n${recordId}`, stamp, params, () => oneRecord(dataset, from, recordId, params));
    },

    /** Counts per value of the facet fields (those annotated `facet` unless named). Cached by version. */
    async facets(target: string | VersionAt, audience: Audience, params: FacetParams) {
      const { dataset, from, stamp } = await source(target, audience, params.version);
      const defaults = dataset.fields.filter((f) => f.annotations.facet).map((f) => f.name);
      // Counting does not depend on the rows' order: the clustered copy serves where there is one.
      return cached('facets', stamp, params, () => countFacets(dataset.fields, from?.orderFree ?? null, defaults, params, from ?? undefined));
    },

    /** Facets over the catalog's metadata (the datasets the audience sees): theme, keyword, publisher, license, language, features. */
    async catalogFacets(snapshot: CatalogSnapshot, audience: Audience, lang: Language, params: FacetParams) {
      return onCatalog(snapshot, lang, undefined, (table) => countFacets(catalogFields, table.from(audience), catalogFacetNames, params));
    },

    /** ODSQL over the metadata of the datasets the audience may see; rows keyed as the select asks. */
    async catalog(snapshot: CatalogSnapshot, audience: Audience, lang: Language, params: RecordsParams, metas?: ReadonlyMap<string, ExploreMetas>) {
      return onCatalog(snapshot, lang, metas, (table) => {
        const relation = table.from(audience);
        return queryPage(catalogFields, { from: relation, orderFree: relation }, { ...params, select: params.select ?? 'dataset_id' });
      });
    },

    /** Every matching record (no 10,000 window), streamed in the format asked for. */
    async exportRecords(target: string | VersionAt, audience: Audience, lang: Language, format: ExportFormat, params: ExportParams, run: ExportRun) {
      const { dataset, from, path } = await scanSource(target, audience, params.version);
      // An earlier version's file is named after it, so that two downloads do not take the same name.
      const name = params.version === undefined ? dataset.id : `${dataset.id}-v${params.version}`;
      return exportQuery(name, dataset.fields, lang, from, format, params, run, path);
    },

    /**
     * The catalog's metadata as a file: one row per dataset the caller may see. Exports run on the export instance,
     * which has no catalog table: the rows go as a literal, as they always did (an export is rare, a page is not).
     */
    async exportCatalog(datasets: Dataset[], lang: Language, format: ExportFormat, params: ExportParams, run: ExportRun, metas: ReadonlyMap<string, ExploreMetas> = new Map()) {
      return exportQuery('catalog', catalogFields, lang, `(${catalogRowsSql(datasets, lang, metas)})`, format, { ...params, select: params.select ?? '*' }, run);
    },
  };
}
