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

/** The strongly connected groups of more than one file: each is an import cycle. */
function cycles(): string[][] {
  const graph = new Map(sources(src).map((file) => [relative(src, file), importsOf(file)]));
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    order.set(v, next);
    low.set(v, next++);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!order.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!));
    }
    if (low.get(v) !== order.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      group.push(w);
    } while (w !== v);
    if (group.length > 1) found.push(group.sort());
  };
  for (const v of graph.keys()) if (!order.has(v)) visit(v);
  return found.sort((a, b) => a[0].localeCompare(b[0]));
}

test('no import cycle anywhere (type imports count)', () => {
  assert.deepEqual(cycles(), []);
});

// The whole rule (docs/architecture.md, "Layers point one way"):
//   bottom modules → geometry, odsql → engine → domain services and stores → routes, http and web → portal, app, cli.
// A layer imports only from its own and the layers below it. Domains may use each other's services.

/** Under every layer: anything above may import them, they import only each other. */
const bottom = ['errors.ts', 'clock.ts', 'config.ts', 'size.ts', 'startup.ts', 'db', 'blobs', 'i18n', 'html', 'personal-data'];
/** Where the application is assembled and started: nothing imports them but each other. */
const assembly = ['portal.ts', 'app.ts', 'main.ts', 'cli', 'demo'];
/** The pages, the HTTP layer and the back office (its pages and the publishing API: HTTP over the catalog's services). */
const presentation = ['web', 'http', 'backoffice'];
const lower = ['geometry', 'odsql', 'engine'];
/** Every other folder under src/ is a domain (accounts, catalog, privacy, …; a new one is checked without being named). */
const domains = readdirSync(src).filter((name) => ![...bottom, ...assembly, ...presentation, ...lower].includes(name));
const isRoutes = (file: string) => /(^|[/-])routes\.tsx?$/.test(file);

const jsxRuntime = (() => {
  const target = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).imports['#jsx/jsx-runtime'] as string;
  return relative(src, resolve(src, '..', target));
})();

/** A file's imports, with the JSX runtime a .tsx file uses without naming it (`jsxImportSource` is `#jsx`). */
function dependenciesOf(file: string): string[] {
  return [...importsOf(file), ...(file.endsWith('.tsx') ? [jsxRuntime] : [])];
}

const within = (path: string, roots: string[]) => roots.some((r) => path === r || path.startsWith(`${r}/`));

/** `file → target` for every import of the files in `from` (and passing `which`) that lands in `forbidden`. */
function crossings(from: string[], forbidden: string[], which: (file: string) => boolean = () => true): string[] {
  return sources(src)
    .map((file) => relative(src, file))
    .filter((file) => within(file, from) && which(file))
    .flatMap((file) => dependenciesOf(join(src, file)).filter((target) => within(target, forbidden)).map((target) => `${file} → ${target}`))
    .sort();
}

test('the bottom modules (errors, clock, config, db, blobs, i18n, html, personal-data, …) import only each other', () => {
  const above = readdirSync(src).filter((name) => !bottom.includes(name));
  assert.deepEqual(crossings(bottom, above), []);
});

test('the engine imports nothing from the domains, the web or the assembly', () => {
  assert.deepEqual(crossings(['engine'], [...domains, ...presentation, ...assembly]), []);
});

test("a domain's services and stores import nothing from web, http, portal, app or cli; only its routes files do", () => {
  assert.deepEqual(crossings(domains, [...presentation, ...assembly], (file) => !isRoutes(file)), []);
});

test('routes, web and http import nothing from the assembly (portal, app, cli)', () => {
  assert.deepEqual(crossings([...domains, ...presentation], assembly), []);
});

test('events and mail do not import privacy (the personal-data registry they register with lies below them)', () => {
  assert.deepEqual(crossings(['events', 'mail'], ['privacy']), []);
});

test('the rule sees what it checks: the domains, route files, and the JSX runtime a .tsx file uses', () => {
  for (const name of ['accounts', 'catalog', 'privacy', 'events', 'mail']) assert.ok(domains.includes(name), name);
  assert.ok(isRoutes('privacy/rights/routes.ts') && isRoutes('privacy/cases/routes.ts') && !isRoutes('privacy/rights/service.ts'));
  assert.equal(jsxRuntime, 'html/jsx-runtime.ts');
  assert.ok(dependenciesOf(join(src, 'privacy/rights/report.tsx')).includes('html/jsx-runtime.ts'));
  assert.ok(crossings(['privacy'], ['accounts']).length > 0, 'a domain using another is seen (and allowed)');
});
