// One-way layers, checked over the import graph (type imports included): the bottom of the house imports nothing
// above it. `geometry` imports only itself; `odsql` (text → syntax tree → SQL) only itself, `geometry` and the one
// error hierarchy (`src/errors.ts`, which imports nothing and lies under every layer).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const src = new URL('../src/', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every module a file imports or re-exports from, as a path under src/ (packages are left out). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]/g), ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]);
  return specifiers.filter((s) => s.startsWith('.')).map((s) => relative(src, resolve(dirname(file), s)));
}

function violations(layer: string, allowed: string[]): string[] {
  return sources(join(src, layer)).flatMap((file) =>
    importsOf(file)
      .filter((target) => !allowed.some((a) => target === a || target.startsWith(`${a}/`)))
      .map((target) => `${relative(src, file)} → ${target}`),
  );
}

test('geometry imports nothing outside itself', () => {
  assert.deepEqual(violations('geometry', ['geometry', 'errors.ts']), []);
});

test('odsql imports nothing but itself and geometry (the catalog, the engine and the web above it are not its business)', () => {
  assert.deepEqual(violations('odsql', ['odsql', 'geometry', 'errors.ts']), []);
});

test('the check sees imports: a file of the engine does import from odsql, and the error hierarchy from nothing', () => {
  assert.ok(importsOf(join(src, 'engine/ingest/write.ts')).includes('odsql/fields.ts'));
  assert.deepEqual(importsOf(join(src, 'errors.ts')), []);
});
