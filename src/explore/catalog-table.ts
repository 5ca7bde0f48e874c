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

/**
 * `keep`: tables kept for reuse (languages × figures × the newest changes); an older one is dropped once no query
 * holds it. Each process builds its own, from the snapshot of the catalog's latest change, which any process's change
 * replaces (catalog/snapshot.ts).
 */
export function createCatalogTables(engine: Pick<Engine, 'withConnection'>, options: { keep?: number } = {}) {
  const keep = options.keep ?? 6;
  const entries = new Map<string, Entry>();
  let next = 0;
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

  function build(name: string, snapshot: CatalogSnapshot, lang: Language, metas: ReadonlyMap<string, ExploreMetas>) {
    const sql = `CREATE TABLE ${identifier(name)} AS ${catalogRowsSql(snapshot.datasets, lang, metas)}`;
    return engine.withConnection((c) => c.run(sql));
  }

  return {
    /** The table of this snapshot in this language with these figures, built by the first query that needs it. */
    async lease(snapshot: CatalogSnapshot, lang: Language, metas: ReadonlyMap<string, ExploreMetas> = new Map()): Promise<CatalogLease> {
      let serial = snapshots.get(snapshot);
      if (serial === undefined) {
        serial = nextSnapshot++;
        snapshots.set(snapshot, serial);
      }
      const key = `${lang}:${serial}:${metasKey(metas)}`;
      let entry = entries.get(key);
      if (!entry) {
        const name = `catalog_${next++}`;
        const created: Entry = { name, ready: build(name, snapshot, lang, metas), leases: 0, usedAt: Date.now(), retired: false };
        // A failed build is tried again by the next query.
        created.ready.catch(() => retire(key, created));
        entries.set(key, created);
        entry = created;
        retireOldest();
      }
      const held = entry;
      held.usedAt = Date.now();
      held.leases++;
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        held.leases--;
        if (held.retired && held.leases === 0) drop(held);
      };
      try {
        await held.ready;
      } catch (error) {
        release();
        throw error;
      }
      return { from: (audience) => visibleRows(identifier(held.name), audience, snapshot.datasets), release };
    },
  };
}
