// The catalog's metadata as DuckDB tables, one per language, built once per catalog change: ODSQL over the catalog
// reads a table, instead of parsing every dataset's metadata from a JSON literal on each request.
import { createHash } from 'node:crypto';
import { mayRead, type Audience } from '../catalog/service.ts';
import type { CatalogSnapshot } from '../catalog/snapshot.ts';
import type { Engine } from '../engine/duckdb.ts';
import { identifier, literal } from '../engine/sql.ts';
import type { Language } from '../i18n/index.ts';
import { catalogRowsSql, publicColumn } from './catalog-query.ts';
import type { ExploreMetas } from './present.ts';

/** A table in use: it is not dropped before `release`, even when a newer one replaced it. */
export interface CatalogLease {
  /** The rows the audience may see, as a FROM item, in the catalog's order. */
  from(audience: Audience): string;
  release(): void;
}

interface Entry {
  name: string;
  /** Language and figures: a table of the same family is the base of the next one (changedTableSql). */
  family: string;
  /** The snapshot's number in this process: the highest is the newest. */
  serial: number;
  snapshot: CatalogSnapshot;
  built: boolean;
  ready: Promise<unknown>;
  leases: number;
  usedAt: number;
  retired: boolean;
}

/**
 * The figures a table carries (reuses, downloads, API calls, popularity) change without the catalog: they are part of
 * its key, as a digest of the datasets that have any (most have none).
 */
function metasKey(metas: ReadonlyMap<string, ExploreMetas>): string {
  const hash = createHash('sha1');
  for (const [id, m] of metas) {
    if (m.reuse_count || m.download_count || m.api_call_count || m.popularity_score) hash.update(`${id}\u0000${m.reuse_count},${m.download_count},${m.api_call_count},${m.popularity_score}\u0000`);
  }
  return hash.digest('hex');
}

/** The audience's rows: staff see all, others the public rows and those granted to them (as `mayRead`). */
function visibleRows(table: string, audience: Audience, datasets: readonly CatalogSnapshot['datasets'][number][]): string {
  if (audience.seesRestricted) return table;
  const granted = audience.granted?.size
    ? datasets.filter((d) => d.visibility === 'restricted' && audience.granted?.has(d.id) && mayRead(d, audience)).map((d) => literal(d.id))
    : [];
  const condition = granted.length ? `${publicColumn} OR dataset_id IN (${granted.join(', ')})` : publicColumn;
  return `(SELECT * FROM ${table} WHERE ${condition})`;
}

/** Table names, unique in the process: two sets of tables on one engine (tests) never meet. */
let tables = 0;

/** The ids as a list value: `SELECT unnest(…)` reads them back in order. */
const idList = (ids: string[]) => `from_json(${literal(JSON.stringify(ids))}, '["VARCHAR"]')`;

/**
 * A new table from the one of an earlier snapshot with the same language and figures: its rows of the datasets that
 * stayed (the same objects, catalog/snapshot.ts), the rows of the changed and new ones, all in the new snapshot's order.
 * A change to a few datasets then costs a few rows, not the whole catalog again.
 */
function changedTableSql(name: string, base: { name: string; snapshot: CatalogSnapshot }, snapshot: CatalogSnapshot, lang: Language, metas: ReadonlyMap<string, ExploreMetas>): string | null {
  const now = new Set(snapshot.datasets);
  const before = new Set(base.snapshot.datasets);
  const gone = base.snapshot.datasets.filter((d) => !now.has(d)).map((d) => d.id);
  const changed = snapshot.datasets.filter((d) => !before.has(d));
  // Past a quarter of the catalog, reading it all again is as quick.
  if (gone.length + changed.length > snapshot.datasets.length / 4) return null;
  const kept = `SELECT * FROM ${identifier(base.name)}${gone.length ? ` WHERE dataset_id NOT IN (SELECT unnest(${idList(gone)}))` : ''}`;
  const rows = changed.length ? `${kept} UNION ALL ${catalogRowsSql(changed, lang, metas)}` : kept;
  const order = `SELECT unnest(ids) AS dataset_id, generate_subscripts(ids, 1) AS position FROM (SELECT ${idList(snapshot.datasets.map((d) => d.id))} AS ids)`;
  return `CREATE TABLE ${identifier(name)} AS SELECT r.* FROM (${rows}) r JOIN (${order}) o USING (dataset_id) ORDER BY o.position`;
}

/**
 * `keep`: tables kept for reuse (languages × figures × the newest changes); an older one is dropped once no query
 * holds it. Each process builds its own, from the snapshot of the catalog's latest change, which any process's change
 * replaces (catalog/snapshot.ts).
 */
export function createCatalogTables(engine: Pick<Engine, 'withConnection'>, options: { keep?: number } = {}) {
  const keep = options.keep ?? 6;
  const entries = new Map<string, Entry>();
  // A snapshot's own number in this process: the change number alone could come back (a database put back from a backup).
  const snapshots = new WeakMap<CatalogSnapshot, number>();
  let nextSnapshot = 0;

  function drop(entry: Entry) {
    void entry.ready
      .then(() => engine.withConnection((c) => c.run(`DROP TABLE IF EXISTS ${identifier(entry.name)}`)))
      .catch(() => undefined);
  }

  function retire(key: string, entry: Entry) {
    if (entries.get(key) === entry) entries.delete(key);
    entry.retired = true;
    if (entry.leases === 0) drop(entry);
  }

  function retireOldest() {
    const byUse = [...entries].sort((a, b) => a[1].usedAt - b[1].usedAt);
    for (const [key, entry] of byUse.slice(0, Math.max(0, entries.size - keep))) retire(key, entry);
  }

  /** Holds the entry's table until the returned function is called. */
  function hold(entry: Entry): () => void {
    entry.usedAt = Date.now();
    entry.leases++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      entry.leases--;
      if (entry.retired && entry.leases === 0) drop(entry);
    };
  }

  async function build(name: string, family: string, snapshot: CatalogSnapshot, lang: Language, metas: ReadonlyMap<string, ExploreMetas>) {
    // The newest table built of this language and figures, if any, held while the new one is made from it.
    const base = [...entries.values()].filter((e) => e.family === family && e.built && !e.retired).sort((a, b) => b.serial - a.serial)[0];
    const release = base ? hold(base) : () => undefined;
    try {
      const sql = (base && changedTableSql(name, base, snapshot, lang, metas)) ?? `CREATE TABLE ${identifier(name)} AS ${catalogRowsSql(snapshot.datasets, lang, metas)}`;
      await engine.withConnection((c) => c.run(sql));
    } finally {
      release();
    }
  }

  return {
    /** The table of this snapshot in this language with these figures, built by the first query that needs it. */
    async lease(snapshot: CatalogSnapshot, lang: Language, metas: ReadonlyMap<string, ExploreMetas> = new Map()): Promise<CatalogLease> {
      let serial = snapshots.get(snapshot);
      if (serial === undefined) {
        serial = nextSnapshot++;
        snapshots.set(snapshot, serial);
      }
      const family = `${lang}:${metasKey(metas)}`;
      const key = `${family}:${serial}`;
      let entry = entries.get(key);
      if (!entry) {
        const name = `catalog_${tables++}`;
        const created: Entry = { name, family, serial, snapshot, built: false, ready: Promise.resolve(), leases: 0, usedAt: Date.now(), retired: false };
        created.ready = build(name, family, snapshot, lang, metas).then(() => {
          created.built = true;
        });
        // A failed build is tried again by the next query.
        created.ready.catch(() => retire(key, created));
        entries.set(key, created);
        entry = created;
        retireOldest();
      }
      const release = hold(entry);
      try {
        await entry.ready;
      } catch (error) {
        release();
        throw error;
      }
      const table = identifier(entry.name);
      return { from: (audience) => visibleRows(table, audience, snapshot.datasets), release };
    },
  };
}
