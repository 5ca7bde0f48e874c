// The SQL for geo predicates on shapes: a bound box prefilter on `_bbox_`, then the exact test, and no user text in the SQL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Field } from '../../src/catalog/types.ts';
import { buildRecordsQuery } from '../../src/odsql/query.ts';

const fields: Field[] = [{ name: 'geo_shape', label: 'Shape', type: 'geo_shape', description: null, annotations: {} }];
const where = (text: string) => buildRecordsQuery({ fields, from: 't', where: [text], limit: 10, offset: 0 });

test('intersects tests the box first, with bound numbers, and keeps a null shape null', () => {
  const q = where("intersects(geo_shape, geom'POLYGON((4 50, 5 50, 4.5 51, 4 50))')");
  const box = '("_bbox_geo_shape".xmax >= $1 AND "_bbox_geo_shape".xmin <= $2 AND "_bbox_geo_shape".ymax >= $3 AND "_bbox_geo_shape".ymin <= $4)';
  assert.equal(
    q.countSql,
    `SELECT count(*) AS n FROM t WHERE (${box} AND CASE WHEN ${box} THEN opaal_geo_intersects("geo_shape", $5) WHEN "geo_shape" IS NULL THEN NULL ELSE FALSE END)`,
  );
  assert.deepEqual(q.countParams, [3.999999999, 5.000000001, 49.999999999, 51.000000001, '{"type":"Polygon","coordinates":[[[4,50],[5,50],[4.5,51],[4,50]]]}']);
});

test('a rectangle needs no exact test for shapes whose box lies inside it', () => {
  const inside = '("_bbox_geo_shape".xmin >= $1 AND "_bbox_geo_shape".xmax <= $2 AND "_bbox_geo_shape".ymin >= $3 AND "_bbox_geo_shape".ymax <= $4)';
  assert.equal(
    where("within(geo_shape, geom'POLYGON((4 50, 5 50, 5 51, 4 51, 4 50))')").countSql,
    `SELECT count(*) AS n FROM t WHERE (${inside} AND CASE WHEN ${inside} THEN TRUE WHEN "geo_shape" IS NULL THEN NULL ELSE FALSE END)`,
  );
  assert.match(where('in_bbox(geo_shape, 50, 4, 51, 5)').countSql, /CASE WHEN \("_bbox_geo_shape".xmin >= \$1 .*\) THEN TRUE WHEN .* THEN opaal_geo_intersects/);
});

test('geometry text and coordinates never reach the SQL text', () => {
  for (const text of ["disjoint(geo_shape, geom'LINESTRING(4.123 50.456, 5 51)')", "within_distance(geo_shape, geom'POINT(4.123 50.456)', 3km)"]) {
    const q = where(text);
    assert.doesNotMatch(q.countSql, /4\.123|50\.456|LINESTRING|coordinates/, text);
  }
});
