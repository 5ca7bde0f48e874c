// SQL functions DuckDB calls back into for shape geometry: the exact tests behind the SQL's cheap box prefilter.
import {
  BOOLEAN,
  DOUBLE,
  DuckDBScalarFunction,
  LIST,
  VARCHAR,
  listValue,
  type DuckDBConnection,
  type DuckDBDataChunk,
  type DuckDBListValue,
  type DuckDBScalarFunctionInfo,
  type DuckDBType,
  type DuckDBVector,
} from '@duckdb/node-api';
import { convexHull, distanceTo, hullGeometry } from '../geometry/measure.ts';
import { prepare, type Prepared } from '../geometry/prepared.ts';
import { readGeoJson } from '../geometry/read.ts';
import { intersects, within } from '../geometry/relate.ts';
import { positionsOf, type Position, type Shape } from '../geometry/shape.ts';
import { geometrySql } from '../odsql/fields.ts';

/**
 * A stored shape. Import checked it is GeoJSON with a geometry type, not that its coordinates make sense;
 * one that cannot be read counts as no value (null) rather than failing every query over the dataset.
 */
function storedShape(text: unknown): Shape | null {
  if (typeof text !== 'string') return null;
  try {
    return readGeoJson(JSON.parse(text));
  } catch {
    return null;
  }
}

function preparedShape(text: unknown): Prepared | null {
  const shape = storedShape(text);
  return shape ? prepare(shape) : null;
}

/** Query geometries repeat on every row of a query; they were checked when the query was compiled. */
function queryCache(): (text: unknown) => Prepared | null {
  const cache = new Map<string, Prepared | null>();
  return (text) => {
    if (typeof text !== 'string') return null;
    let found = cache.get(text);
    if (found === undefined) {
      if (cache.size >= 64) cache.clear();
      found = preparedShape(text);
      cache.set(text, found);
    }
    return found;
  };
}

type Row = (column: (index: number) => unknown) => unknown;

/** A scalar function computing each row with `row`; an unexpected failure fails the query, never the process. */
function scalar(name: string, parameterTypes: DuckDBType[], returnType: DuckDBType, row: Row): DuckDBScalarFunction {
  return DuckDBScalarFunction.create({
    name,
    parameterTypes,
    returnType,
    mainFunction(info: DuckDBScalarFunctionInfo, input: DuckDBDataChunk, output: DuckDBVector) {
      try {
        const columns = parameterTypes.map((_, i) => input.getColumnVector(i));
        for (let r = 0; r < input.rowCount; r++) output.setItem(r, row((i) => columns[i].getItem(r)) as never);
        output.flush();
      } catch (error) {
        info.setError(`${name}: ${(error as Error).message}`);
      }
    },
  });
}

function flat(positions: Position[]): DuckDBListValue {
  return listValue(positions.flat());
}

export function registerGeometryFunctions(connection: DuckDBConnection): void {
  const query = queryCache();
  const relation = (test: (shape: Prepared, query: Prepared) => boolean): Row => (column) => {
    const [shape, geometry] = [preparedShape(column(0)), query(column(1))];
    return shape && geometry ? test(shape, geometry) : null;
  };
  connection.registerScalarFunction(scalar(geometrySql.intersects, [VARCHAR, VARCHAR], BOOLEAN, relation(intersects)));
  connection.registerScalarFunction(scalar(geometrySql.within, [VARCHAR, VARCHAR], BOOLEAN, relation(within)));
  connection.registerScalarFunction(
    scalar(geometrySql.distance, [VARCHAR, DOUBLE, DOUBLE], DOUBLE, (column) => {
      const shape = preparedShape(column(0));
      const [lon, lat] = [column(1), column(2)];
      return shape?.box && typeof lon === 'number' && typeof lat === 'number' ? distanceTo(shape, lon, lat) : null;
    }),
  );
  connection.registerScalarFunction(
    scalar(geometrySql.hullPositions, [VARCHAR], LIST(DOUBLE), (column) => {
      const shape = storedShape(column(0));
      return shape ? flat(convexHull(positionsOf(shape))) : null;
    }),
  );
  connection.registerScalarFunction(
    scalar(geometrySql.hull, [LIST(DOUBLE)], VARCHAR, (column) => {
      const items = (column(0) as DuckDBListValue | null)?.items ?? [];
      const positions: Position[] = [];
      for (let i = 0; i + 1 < items.length; i += 2) {
        if (typeof items[i] === 'number' && typeof items[i + 1] === 'number') positions.push([items[i] as number, items[i + 1] as number]);
      }
      const geometry = hullGeometry(positions);
      return geometry ? JSON.stringify(geometry) : null;
    }),
  );
}
