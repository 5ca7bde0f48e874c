// The engine's shape functions: callable from every pooled connection, null-safe, and exact on real rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { geometrySql } from '../../src/odsql/fields.ts';
import { engineHarness } from '../helpers/engine.ts';

const square = '{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]]]}';

test('every pooled connection, even ones opened later and used at once, finds the shape functions', async (t) => {
  const h = await engineHarness();
  t.after(() => h.close());
  const sql = `SELECT ${geometrySql.intersects}($1, $2) AS i, ${geometrySql.within}($1, $2) AS w`;
  const runs = Array.from({ length: 6 }, (_, i) =>
    h.engine.all(sql, [`{"type":"Point","coordinates":[${i * 3},5]}`, square]),
  );
  const rows = await Promise.all(runs);
  assert.deepEqual(rows.map((r) => r[0].i), [true, true, true, true, false, false]);
  assert.deepEqual(rows.map((r) => r[0].w), [true, true, true, true, false, false]);
});

test('null, unreadable and well-formed shapes over many rows', async (t) => {
  const h = await engineHarness();
  t.after(() => h.close());
  const rows = await h.engine.all(
    `SELECT count(*) FILTER (WHERE ${geometrySql.intersects}(s, $1)) AS hits, count(${geometrySql.within}(s, $1)) AS known,
       ${geometrySql.distance}('{"type":"LineString","coordinates":[[0,0],[0,10]]}', 1.0, 5.0) AS metres,
       ${geometrySql.distance}(NULL, 1.0, 5.0) AS none
     FROM (SELECT CASE WHEN i % 3 = 0 THEN NULL WHEN i % 3 = 1 THEN '{"type":"Polygon","coordinates":"x"}'
       ELSE '{"type":"Point","coordinates":[' || (i % 20) || ',1]}' END AS s FROM range(30000) t(i))`,
    [square],
  );
  // Points x = i % 20 for i % 3 = 2: 10,000 rows, of which x ≤ 10 in 11 of every 20.
  assert.equal(Number(rows[0].hits), 5500);
  assert.equal(Number(rows[0].known), 10000, 'null and unreadable shapes give null');
  assert.ok(Math.abs(Number(rows[0].metres) - 110_772) < 200, String(rows[0].metres));
  assert.equal(rows[0].none, null);
});

test('the convex hull of many shapes, aggregated through their own hulls', async (t) => {
  const h = await engineHarness();
  t.after(() => h.close());
  const rows = await h.engine.all(
    `SELECT ${geometrySql.hull}(flatten(list(${geometrySql.hullPositions}(s)))) AS hull FROM (VALUES ($1), ($2), (NULL)) v(s)`,
    [square, '{"type":"LineString","coordinates":[[5,5],[20,5]]}'],
  );
  assert.deepEqual(JSON.parse(String(rows[0].hull)), { type: 'Polygon', coordinates: [[[0, 0], [10, 0], [20, 5], [10, 10], [0, 10], [0, 0]]] });
});
