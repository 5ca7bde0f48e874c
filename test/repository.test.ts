// The repository stands alone: its README, docs, sources, tests and CI script name no file outside it, which a person
// who clones it does not have.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function files(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === '.data' || name.startsWith('.git')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...files(path));
    else if (/\.(ts|tsx|js|md|ttl|json|sh)$/.test(name) || name === 'run') found.push(path);
  }
  return found;
}

test('no file of the repository points outside it (a parent folder, a machine path)', () => {
  const outside = /\.\.\/shared\b|\/work\/shared|\/work\/main\b/;
  const offenders = ['README.md', 'docs', 'src', 'test', 'bench', 'scripts', '.ci']
    .flatMap((entry) => (statSync(join(root, entry)).isDirectory() ? files(join(root, entry)) : [join(root, entry)]))
    .filter((path) => outside.test(readFileSync(path, 'utf8')))
    .map((path) => relative(root, path));
  assert.deepEqual(offenders, []);
});
