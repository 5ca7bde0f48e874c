// What changed between two versions: records added, removed and changed, fields added, removed and retyped, computed by
// the records engine over the two Parquet files, as multisets (two identical rows are two records).
import { randomBytes } from 'node:crypto';
import type { Engine } from '../engine/duckdb.ts';
import { identifier, literal } from '../engine/sql.ts';
import type { Field, VersionChanges } from './types.ts';

/** One side of the comparison: a version's Parquet file and its fields. */
interface DiffSide {
  number: number;
  path: string;
  fields: Pick<Field, 'name' | 'type'>[];
}

const examplesPerKind = 3;
/** An example shows a value, not a whole document: long texts (shapes) are cut. */
const maxExampleText = 200;

type Row = Record<string, unknown>;

function trimmed(row: Row): Row {
  return Object.fromEntries(Object.entries(row).map(([name, value]) => [name, typeof value === 'string' && value.length > maxExampleText ? `${value.slice(0, maxExampleText)}…` : value]));
}

/** How the fields differ: by name, and by type for those in both. */
function fieldChanges(before: DiffSide['fields'], after: DiffSide['fields']) {
  const old = new Map(before.map((f) => [f.name, f.type]));
  const now = new Map(after.map((f) => [f.name, f.type]));
  return {
    fields_added: after.filter((f) => !old.has(f.name)).map((f) => f.name),
    fields_removed: before.filter((f) => !now.has(f.name)).map((f) => f.name),
    fields_retyped: after.filter((f) => old.has(f.name) && old.get(f.name) !== f.type).map((f) => ({ name: f.name, from: old.get(f.name)!, to: f.type })),
  };
}

/** The first version: everything in it is added. */
export async function firstVersionChanges(engine: Engine, version: DiffSide & { recordsCount: number }, key: string[]): Promise<VersionChanges> {
  const columns = version.fields.map((f) => identifier(f.name)).join(', ') || '1 AS none';
  const rows = await engine.withConnection(async (c) => (await c.runAndReadAll(`SELECT ${columns} FROM read_parquet(${literal(version.path)}) LIMIT ${examplesPerKind}`)).getRowObjectsJson());
  return {
    comparedTo: null,
    added: version.recordsCount,
    removed: 0,
    changed: key.length > 0 ? 0 : null,
    ...fieldChanges([], version.fields),
    examples: { added: (rows as Row[]).map(trimmed), removed: [], changed: [] },
  };
}

/**
 * `after` against `before`. With a key (fields both versions have), a record whose key stays and whose values differ
 * is changed: per key, as many records as left and came back are changed, the rest added or removed. Without one,
 * records are compared by content and changed is null.
 * Values are compared over the fields both versions have; a retyped field by its text.
 */
export async function versionChanges(engine: Engine, before: DiffSide, after: DiffSide, key: string[]): Promise<VersionChanges> {
  const fields = fieldChanges(before.fields, after.fields);
  const retyped = new Set(fields.fields_retyped.map((f) => f.name));
  const common = after.fields.filter((f) => before.fields.some((b) => b.name === f.name)).map((f) => f.name);
  const value = (name: string) => (retyped.has(name) ? `CAST(${identifier(name)} AS VARCHAR)` : identifier(name));
  const keyFields = key.length > 0 && key.every((name) => common.includes(name)) ? key : [];
  // The typed values, not the `_recordid`: that hashes the source's text, which gives one id to different values when a
  // notation is read otherwise (03/04 as 3 April or 4 March) and two ids to one value written otherwise (1.0, 1). As
  // fast on the benchmark (bench/notify.ts); a 64-bit hash, so two records of two million collide once in ~10^7 diffs.
  const hash = common.length > 0 ? `hash(${common.map(value).join(', ')})` : '0::UBIGINT';
  const keys = keyFields.map((_, i) => `k${i}`);
  const keyColumns = keyFields.map((name, i) => `${value(name)} AS k${i}`);
  const suffix = randomBytes(6).toString('hex');
  const deltas = `opaal_diff_d_${suffix}`;
  const groups = `opaal_diff_g_${suffix}`;
  const side = (path: string) => `SELECT ${[`${hash} AS h`, ...keyColumns].join(', ')} FROM read_parquet(${literal(path)})`;
  const counted = (path: string) => `SELECT h, ${keys.map((k) => `any_value(${k}) AS ${k}, `).join('')}count(*) AS n FROM (${side(path)}) GROUP BY h`;

  return engine.withConnection(async (c) => {
    const rows = async (sql: string) => (await c.runAndReadAll(sql)).getRowObjectsJson() as Row[];
    try {
      await c.run(
        `CREATE TEMP TABLE ${deltas} AS SELECT coalesce(b.h, a.h) AS h, ${keys.map((k) => `coalesce(b.${k}, a.${k}) AS ${k}, `).join('')}` +
          `coalesce(b.n, 0) - coalesce(a.n, 0) AS delta FROM (${counted(before.path)}) a FULL JOIN (${counted(after.path)}) b ON a.h = b.h ` +
          `WHERE coalesce(b.n, 0) <> coalesce(a.n, 0)`,
      );
      let added: number, removed: number, changed: number | null;
      // Hashes of the example records on each side: [kind, hash] for the added, the removed and the changed.
      let wanted: { added: unknown[]; removed: unknown[]; changed: { before: unknown; after: unknown }[] };
      if (keys.length === 0) {
        const [count] = await rows(`SELECT coalesce(sum(greatest(delta, 0)), 0)::BIGINT AS plus, coalesce(sum(greatest(-delta, 0)), 0)::BIGINT AS minus FROM ${deltas}`);
        added = Number(count.plus);
        removed = Number(count.minus);
        changed = null;
        const pick = async (sign: string) => (await rows(`SELECT h FROM ${deltas} WHERE delta ${sign} 0 ORDER BY h LIMIT ${examplesPerKind}`)).map((r) => r.h);
        wanted = { added: await pick('>'), removed: await pick('<'), changed: [] };
      } else {
        await c.run(
          `CREATE TEMP TABLE ${groups} AS SELECT ${keys.join(', ')}, sum(greatest(delta, 0)) AS p, sum(greatest(-delta, 0)) AS m, ` +
            `min(h) FILTER (WHERE delta > 0) AS after_h, min(h) FILTER (WHERE delta < 0) AS before_h FROM ${deltas} GROUP BY ${keys.join(', ')}`,
        );
        const [count] = await rows(`SELECT coalesce(sum(p), 0)::BIGINT AS plus, coalesce(sum(m), 0)::BIGINT AS minus, coalesce(sum(least(p, m)), 0)::BIGINT AS changed FROM ${groups}`);
        changed = Number(count.changed);
        added = Number(count.plus) - changed;
        removed = Number(count.minus) - changed;
        const order = `ORDER BY ${keys.join(', ')} LIMIT ${examplesPerKind}`;
        const both = await rows(`SELECT before_h, after_h FROM ${groups} WHERE p > 0 AND m > 0 ${order}`);
        wanted = {
          added: (await rows(`SELECT after_h FROM ${groups} WHERE m = 0 ${order}`)).map((r) => r.after_h),
          removed: (await rows(`SELECT before_h FROM ${groups} WHERE p = 0 ${order}`)).map((r) => r.before_h),
          changed: both.map((r) => ({ before: r.before_h, after: r.after_h })),
        };
      }
      // One more pass over each file finds the example records by their hashes (a row per hash).
      const find = async (version: DiffSide, hashes: unknown[]): Promise<Map<string, Row>> => {
        if (hashes.length === 0) return new Map();
        const list = hashes.map((h) => `${BigInt(String(h))}::UBIGINT`).join(', ');
        const columns = version.fields.map((f) => identifier(f.name));
        const found = await rows(
          `SELECT * EXCLUDE (opaal_h) FROM (SELECT ${hash} AS opaal_h, ${[...columns, `CAST(${hash} AS VARCHAR) AS opaal_hash`].join(', ')} FROM read_parquet(${literal(version.path)}) ` +
            `WHERE ${hash} IN (${list}) QUALIFY row_number() OVER (PARTITION BY opaal_h) = 1)`,
        );
        return new Map(found.map(({ opaal_hash, ...row }) => [String(opaal_hash), trimmed(row)]));
      };
      const afterRows = await find(after, [...wanted.added, ...wanted.changed.map((c) => c.after)]);
      const beforeRows = await find(before, [...wanted.removed, ...wanted.changed.map((c) => c.before)]);
      const of = (map: Map<string, Row>, h: unknown) => map.get(String(h));
      return {
        comparedTo: before.number,
        added,
        removed,
        changed,
        ...fields,
        examples: {
          added: wanted.added.map((h) => of(afterRows, h)).filter((r): r is Row => r !== undefined),
          removed: wanted.removed.map((h) => of(beforeRows, h)).filter((r): r is Row => r !== undefined),
          changed: wanted.changed
            .map((pair) => ({ before: of(beforeRows, pair.before), after: of(afterRows, pair.after) }))
            .filter((pair): pair is { before: Row; after: Row } => pair.before !== undefined && pair.after !== undefined),
        },
      };
    } finally {
      await c.run(`DROP TABLE IF EXISTS ${groups}`);
      await c.run(`DROP TABLE IF EXISTS ${deltas}`);
    }
  });
}
