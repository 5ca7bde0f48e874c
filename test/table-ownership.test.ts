// Each table has one owner (src/db/owners.ts): only files in the owning module's folder under src/ write SQL against it.
// The test reads every source file for query-builder calls and SQL text naming a table, and fails on a stranger's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { tableOwners } from '../src/db/owners.ts';
import { personalDataModules } from '../src/privacy/modules.ts';

const src = new URL('../src/', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const tables = new Set(Object.keys(tableOwners));
const ownerOf = (table: string) => tableOwners[table as keyof typeof tableOwners];

/** The tables a file's code names in SQL: Kysely's builder calls and joins, and `from/into/update/join <table>` in sql`…`. */
function tablesTouched(text: string): string[] {
  const found: string[] = [];
  const builder = /\.(?:selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|innerJoin|leftJoin|rightJoin|fullJoin|crossJoin)\(\s*['"`]([a-z_]+)/g;
  for (const m of text.matchAll(builder)) found.push(m[1]);
  for (const m of text.matchAll(/\bsql\s*\.\s*table\(\s*['"`]([a-z_]+)/g)) found.push(m[1]);
  // A table handed by name to a helper that writes SQL for it: sweepTable(db, 'sessions', …), eraseColumn(ctx, { table: 'events', … }).
  for (const m of text.matchAll(/\(\s*(?:db|trx|ctx|deps\.db|ctx\.db)\s*,\s*(?:\{\s*table:\s*)?['"]([a-z_]+)['"]/g)) found.push(m[1]);
  // Template text only: sql`select count(*) from users where …`, not words in comments or messages.
  for (const start of text.matchAll(/\bsql\s*(?:<[^`]*?>)?\s*`/g)) {
    for (const m of templateText(text, start.index + start[0].length).matchAll(/\b(?:from|into|update|join)\s+([a-z_]+)/gi)) found.push(m[1]);
  }
  return found.filter((t) => tables.has(t));
}

/** The literal text of the template that starts at `from` (just after its backtick), each `${…}` as one space. */
function templateText(text: string, from: number): string {
  let literal = '';
  let i = from;
  while (i < text.length && text[i] !== '`') {
    if (text[i] === '\\') {
      literal += text.slice(i, i + 2);
      i += 2;
    } else if (text.startsWith('${', i)) {
      i = afterExpression(text, i + 2);
      literal += ' ';
    } else literal += text[i++];
  }
  return literal;
}

/** Where the `${…}` expression that starts at `from` ends: braces counted, nested templates skipped whole. */
function afterExpression(text: string, from: number): number {
  let depth = 1;
  let i = from;
  while (i < text.length && depth > 0) {
    const c = text[i];
    if (c === '`') {
      i++;
      while (i < text.length && text[i] !== '`') i = text.startsWith('${', i) ? afterExpression(text, i + 2) : i + (text[i] === '\\' ? 2 : 1);
      i++;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') depth--;
    i++;
  }
  return i;
}

/** Each file under src/ (path relative to it) with the tables it touches; migrations, the schema's history, left out. */
function touches(): { path: string; tables: string[] }[] {
  return sources(src)
    .map((file) => ({ path: relative(src, file), tables: tablesTouched(readFileSync(file, 'utf8')) }))
    .filter((f) => !f.path.startsWith('db/migrations/') && f.tables.length > 0);
}

/** `table  file` for every table a file touches outside its owner's folder. */
function strangers(): string[] {
  const lines = new Set<string>();
  for (const { path, tables } of touches()) {
    const folder = path.includes('/') ? path.split('/')[0] : '';
    for (const table of tables) if (ownerOf(table) !== folder) lines.add(`${table}  ${path}`);
  }
  return [...lines].sort();
}

/**
 * Strangers not yet moved to their owner: none (the retention sweep runs the steps each owner brings). This list only
 * shrinks: a new stranger fails the test.
 */
const knownStrangers: string[] = [];

test('every table of the schema has exactly one owning module', () => {
  const schema = readFileSync(join(src, 'db/schema.ts'), 'utf8');
  const body = schema.match(/export interface Database \{([^}]*)\}/)![1];
  const declared = [...body.matchAll(/^\s*([a-z_]+):/gm)].map((m) => m[1]).sort();
  assert.ok(declared.length > 10);
  assert.deepEqual(Object.keys(tableOwners).sort(), declared);
  const folders = new Set(readdirSync(src).filter((name) => statSync(join(src, name)).isDirectory()));
  for (const [table, owner] of Object.entries(tableOwners)) assert.ok(folders.has(owner), `${table} is owned by ${owner}, which is no folder under src/`);
});

test('the personal-data registry names each table in a module of its owner', () => {
  for (const m of personalDataModules) for (const table of m.tables) assert.ok(tables.has(table), `module ${m.name} names ${table}, which has no owner`);
  // A module declares its tables in its own folder: `tables: [...]` in src/<owner>/….
  for (const file of sources(src)) {
    const path = relative(src, file);
    for (const list of readFileSync(file, 'utf8').matchAll(/\btables:\s*\[([^\]]*)\]/g)) {
      for (const [, table] of list[1].matchAll(/['"]([a-z_]+)['"]/g)) {
        assert.equal(`${table} in ${ownerOf(table)}/`, `${table} in ${path.split('/')[0]}/`, `${path} declares ${table} for the registry`);
      }
    }
  }
});

test('the scan sees builder calls, joins and SQL text, and not prose', () => {
  const text = [
    "db.selectFrom('users as u').innerJoin('sessions', 'sessions.user_id', 'u.id')",
    "trx\n  .insertInto(\n    'events')",
    'sql`delete from consents where ${x}` sql<number>`select count(*) as n from legal_holds h`',
    'sql`${sql.ref(`${table}.${column}`)} <= ${cutoff} and not exists (select 1 from retention_warnings w)`',
    "sql.table('mail_outbox')",
    "sweepTable(db, 'account_tokens', where) eraseColumn(ctx, { table: 'dataset_grants', column })",
    '// select from datasets in a comment; update users in words',
    "const text = 'from users';",
  ].join('\n');
  assert.deepEqual(tablesTouched(text).sort(), ['account_tokens', 'consents', 'dataset_grants', 'events', 'legal_holds', 'mail_outbox', 'retention_warnings', 'sessions', 'users']);
});

test('only the owner of a table writes SQL against it (known strangers: the privacy office, to be moved)', () => {
  assert.deepEqual(strangers(), [...knownStrangers].sort());
});

/** Files of an owner that are its store by another name: each holds its table's SQL and nothing else's. */
const storesByAnotherName = ['accounts/attempts.ts', 'mail/outbox.ts'];

/** Privacy files with SQL outside a store (issue 14: privacy calls the owners' stores, and keeps its own SQL in its stores). */
const knownSqlOutsideStores = [
  'privacy/rights/archive-files.ts',
  'privacy/rights/erasure.ts',
  'privacy/rights/flags.ts',
  'privacy/office/module.ts',
  'privacy/retention/module.ts',
];

test('within its owner, SQL lives in the store files (and personal-data.ts, for access and erasure), not in services or routes', () => {
  const outside = touches()
    .map((f) => f.path)
    .filter((path) => !/(^|\/)((?:[a-z-]+-)?store|personal-data)\.ts$/.test(path) && !storesByAnotherName.includes(path))
    .sort();
  assert.deepEqual(outside, [...knownSqlOutsideStores].sort());
});
