// src/db/schema.ts is what the code believes the database holds; the migrations are what it holds. On both dialects,
// every table and column of the one is in the other, and a column is nullable in both or in neither.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { migrate, openStore } from '../../src/db/index.ts';
import { dialects, testEnvironment } from '../helpers/stores.ts';

/** `table.column` → nullable, read from the interfaces of schema.ts and the `Database` interface that names them. */
function declared(): Map<string, boolean> {
  const text = readFileSync(new URL('../../src/db/schema.ts', import.meta.url), 'utf8');
  const bodies = new Map([...text.matchAll(/export interface (\w+) \{\n([\s\S]*?)\n\}/g)].map((m) => [m[1], m[2]]));
  const database = bodies.get('Database');
  assert.ok(database, 'schema.ts declares the Database interface');
  const columns = new Map<string, boolean>();
  for (const [, table, shape] of database.matchAll(/^\s*(\w+): (\w+);/gm)) {
    const body = bodies.get(shape);
    assert.ok(body, `schema.ts declares ${shape} for ${table}`);
    // Comments say what a column holds; they are not columns.
    const lines = body.replace(/\/\*[\s\S]*?\*\//g, '').split('\n');
    for (const line of lines) {
      const column = /^\s*(\w+)\??: (.+);\s*$/.exec(line);
      if (column) columns.set(`${table}.${column[1]}`, /\bnull\b/.test(column[2]));
    }
  }
  return columns;
}

for (const dialect of dialects) {
  test(`schema.ts matches the migrated ${dialect} database: its tables, columns and which may be null`, async () => {
    const env = await testEnvironment(dialect);
    const store = openStore(env.config);
    try {
      await migrate(store.db);
      const tables = await store.db.introspection.getTables();
      const actual = new Map<string, boolean>(tables.flatMap((t) => t.columns.map((c): [string, boolean] => [`${t.name}.${c.name}`, c.isNullable])));
      const expected = declared();
      const missing = [...expected.keys()].filter((c) => !actual.has(c));
      const undeclared = [...actual.keys()].filter((c) => !expected.has(c));
      assert.deepEqual(missing, [], `declared in schema.ts but not in the database: ${missing.join(', ')}`);
      assert.deepEqual(undeclared, [], `in the database but not declared in schema.ts: ${undeclared.join(', ')}`);
      // SQLite reports a primary key column nullable unless it says NOT NULL (an old quirk of SQLite's; an INTEGER
      // PRIMARY KEY is the row id and never null). PostgreSQL, which makes every key NOT NULL, checks them.
      const keys = new Set<string>();
      if (dialect === 'sqlite') {
        for (const t of tables) {
          const rows = await sql<{ name: string }>`SELECT name FROM pragma_table_info(${t.name}) WHERE pk > 0`.execute(store.db);
          for (const r of rows.rows) keys.add(`${t.name}.${r.name}`);
        }
      }
      const differing = [...expected].filter(([c, nullable]) => actual.get(c) !== nullable && !(keys.has(c) && !nullable));
      assert.deepEqual(differing.map(([c, nullable]) => `${c} (schema.ts: ${nullable ? 'null' : 'not null'})`), []);
    } finally {
      await store.close();
      await env.cleanup();
    }
  });
}
