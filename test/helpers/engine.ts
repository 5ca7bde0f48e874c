// Test support: a records engine and blob store in a temp directory, and reading a written Parquet file back.
import { createFileBlobStore, type BlobStore } from '../../src/blobs/index.ts';
import { createEngine, type Engine } from '../../src/engine/duckdb.ts';
import { ingestFile } from '../../src/engine/ingest/index.ts';
import { tempDir } from './stores.ts';

export interface EngineHarness {
  engine: Engine;
  blobs: BlobStore;
  dir: string;
  close(): Promise<void>;
}

export async function engineHarness(options: { memoryLimit?: string } = {}): Promise<EngineHarness> {
  const dir = tempDir();
  const engine = await createEngine({ dataDir: dir.path, memoryLimit: options.memoryLimit ?? '256MB', threads: 2, timezone: 'Europe/Brussels' });
  const blobs = createFileBlobStore(dir.path);
  return {
    engine,
    blobs,
    dir: dir.path,
    async close() {
      await engine.close();
      dir.remove();
    },
  };
}

/** A file under test/fixtures/, or an absolute path as it is. */
export const fixture = (path: string) => (path.startsWith('/') ? path : new URL(`../fixtures/${path}`, import.meta.url).pathname);

/** Imports a fixture and returns its fields and its rows as JSON-friendly objects, in file order. */
export async function ingestFixture(h: EngineHarness, path: string, options: Parameters<typeof ingestFile>[3] = {}) {
  const result = await ingestFile(h.engine, h.blobs, fixture(path), options);
  const rows = await h.engine.withConnection(async (c) =>
    (await c.runAndReadAll(`SELECT * FROM read_parquet('${result.tempPath}')`)).getRowObjectsJson(),
  );
  const types = Object.fromEntries(result.fields.map((f) => [f.name, f.type]));
  return { ...result, rows, types };
}
