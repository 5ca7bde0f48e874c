// Test support: how a migrated database differs from src/db/schema.ts (tables, columns, which may be null), on either dialect.
import { readFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import type { DialectName } from './stores.ts';

/** `table.column` → nullable, read from the interfaces of schema.ts and the `Database` interface that names them. */
export function declaredColumns(): Map<string, boolean> {
  const text = readFileSync(new URL('../../src/db/schema.ts', import.meta.url), 'utf8');
  const bodies = new Map([...text.matchAll(/(?:^|\n)(?:export )?interface (\w+) \{\n([\s\S]*?)\n\}/g)].map((m) => [m[1], m[2]]));
  const database = bodies.get('Database');
  if (!database) throw new Error('schema.ts declares no Database interface');
  const columns = new Map<string, boolean>();
  for (const [, table, shape] of database.matchAll(/^\s*(\w+): (\w+);/gm)) {
    const body = bodies.get(shape);
    if (!body) throw new Error(`schema.ts declares no ${shape} for ${table}`);
    // Comments say what a column holds; they are not columns.
    const lines = body.replace(/\/\*[\s\S]*?\*\//g, '').split('\n');
    for (const line of lines) {
      const column = /^\s*(\w+)\??: (.+);\s*$/.exec(line);
      if (column) columns.set(`${table}.${column[1]}`, /\bnull\b/.test(column[2]));
    }
  }
  return columns;
}

export interface SchemaDifferences {
  /** Declared in schema.ts but not in the database. */
  missing: string[];
  /** In the database but not declared in schema.ts. */
  undeclared: string[];
  /** Nullable in one and not in the other, e.g. `users.email (schema.ts: not null)`. */
  differing: string[];
}

/** What the migrated database and schema.ts disagree on; all three lists empty when they match. */
export async function schemaDifferences(db: Kysely<any>, dialect: DialectName): Promise<SchemaDifferences> {
  const tables = await db.introspection.getTables();
  const actual = new Map<string, boolean>(tables.flatMap((t) => t.columns.map((c): [string, boolean] => [`${t.name}.${c.name}`, c.isNullable])));
  const expected = declaredColumns();
  // SQLite reports a primary key column nullable unless it says NOT NULL (an old quirk of SQLite's; an INTEGER
  // PRIMARY KEY is the row id and never null). PostgreSQL, which makes every key NOT NULL, checks them.
  const keys = new Set<string>();
  if (dialect === 'sqlite') {
    for (const t of tables) {
      const rows = await sql<{ name: string }>`SELECT name FROM pragma_table_info(${t.name}) WHERE pk > 0`.execute(db);
      for (const r of rows.rows) keys.add(`${t.name}.${r.name}`);
    }
  }
  return {
    missing: [...expected.keys()].filter((c) => !actual.has(c)),
    undeclared: [...actual.keys()].filter((c) => !expected.has(c)),
    differing: [...expected]
      .filter(([c, nullable]) => actual.get(c) !== nullable && !(keys.has(c) && !nullable))
      .map(([c, nullable]) => `${c} (schema.ts: ${nullable ? 'null' : 'not null'})`),
  };
}
