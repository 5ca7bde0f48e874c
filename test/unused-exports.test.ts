// The unused-export check: every name a source file exports is imported somewhere else (by src, a test, a bench or a
// script), or it is not exported. A dead export is code nobody calls that a maintainer still has to read and keep.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = new URL('../', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'fixtures' || name.startsWith('.')) return [];
    return statSync(path).isDirectory() ? sources(path) : /\.(tsx?|js)$/.test(name) ? [path] : [];
  });
}

/** The names a file exports by declaration or by an `export { … }` list of its own (not re-exports from elsewhere). */
function exportedNames(text: string): string[] {
  const names = new Set<string>();
  const declaration = /(?:^|\n)export\s+(?:declare\s+)?(?:default\s+)?(?:async\s+)?(?:function\*?|const|let|var|class|interface|type|enum|abstract\s+class)\s+([A-Za-z_$][\w$]*)/g;
  for (const m of text.matchAll(declaration)) names.add(m[1]);
  for (const m of text.matchAll(/(?:^|\n)export\s+(?:type\s+)?\{([^}]*)\}(?!\s*from)/g)) {
    for (const part of m[1].split(',')) {
      const name = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/).pop()?.trim();
      if (name) names.add(name);
    }
  }
  return [...names];
}

interface Use {
  /** The file imported from, relative to the repository. */
  target: string;
  /** The names taken, or '*' for a namespace import or `export *`. */
  names: string[];
}

/** What a file takes from other files of the repository: named imports, re-exports, namespace and dynamic imports. */
function usesOf(file: string, text: string): Use[] {
  const uses: Use[] = [];
  const target = (specifier: string) => relative(root, resolve(dirname(file), specifier));
  const statement = /(?:^|\n)\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"](\.[^'"]+)['"]/g;
  for (const m of text.matchAll(statement)) {
    const clause = m[3];
    const names: string[] = [];
    const braces = /\{([^}]*)\}/.exec(clause);
    if (braces) {
      for (const part of braces[1].split(',')) {
        const name = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0]?.trim();
        if (name) names.push(name);
      }
    }
    if (/\*/.test(clause.replace(/\{[^}]*\}/, ''))) names.push('*');
    const beforeBraces = clause.replace(/\{[^}]*\}/, '').replace(/,/g, ' ').trim();
    if (m[1] === 'import' && beforeBraces && !beforeBraces.includes('*')) names.push('default');
    uses.push({ target: target(m[4]), names });
  }
  for (const m of text.matchAll(/\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g)) uses.push({ target: target(m[1]), names: ['*'] });
  return uses;
}

/**
 * Exports nobody else takes, except where something outside the import graph takes them: the JSX runtime (the
 * compiler imports it for every .tsx file), migrations (the migrator loads them by file name) and the browser
 * modules (esbuild bundles them as entry points).
 */
function unusedExports(): string[] {
  const files = ['src', 'test', 'bench', 'scripts', 'bin'].flatMap((dir) => sources(join(root, dir)));
  const taken = new Map<string, Set<string>>();
  for (const file of files) {
    for (const use of usesOf(file, readFileSync(file, 'utf8'))) {
      const names = taken.get(use.target) ?? new Set<string>();
      for (const name of use.names) names.add(name);
      taken.set(use.target, names);
    }
  }
  const outsideTheGraph = [/^src\/web\/jsx-runtime\.ts$/, /^src\/html\/jsx-runtime\.ts$/, /^src\/db\/migrations\//, /^src\/web\/client\/[^/]+\.ts$/];
  const found: string[] = [];
  for (const file of files) {
    const path = relative(root, file);
    if (!path.startsWith('src/') || path.endsWith('.js') || outsideTheGraph.some((p) => p.test(path))) continue;
    const names = taken.get(path) ?? new Set<string>();
    if (names.has('*')) continue;
    for (const name of exportedNames(readFileSync(file, 'utf8'))) if (!names.has(name)) found.push(`${path}: ${name}`);
  }
  return found.sort();
}

test('every export of src/ is imported somewhere (else it is not exported, or it is gone)', () => {
  const found = unusedExports();
  assert.equal(found.length, 0, `${found.length} exports nobody imports; drop the export, or the code if nothing uses it:\n${found.join('\n')}`);
});

test('the check reads exports and imports as written', () => {
  assert.deepEqual(exportedNames('export function a() {}\nexport const b = 1;\nexport type C = 1;\nexport interface D {}\nconst e = 1;\nexport { e as f };\nexport { g } from "./x.ts";'), ['a', 'b', 'C', 'D', 'f']);
  const uses = usesOf(join(root, 'src/a.ts'), "import { x, type Y, z as w } from './b.ts';\nimport * as all from './c.ts';\nexport { v } from './d.ts';\nimport def from './e.ts';");
  assert.deepEqual(uses, [
    { target: 'src/b.ts', names: ['x', 'Y', 'z'] },
    { target: 'src/c.ts', names: ['*'] },
    { target: 'src/d.ts', names: ['v'] },
    { target: 'src/e.ts', names: ['default'] },
  ]);
});
