// Static files of the pages: stylesheets and client modules, built once at start-up and served under content-hashed names.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { mapOutline } from './map-outline.ts';
import { baseLayerFile } from './map-base.ts';

const here = new URL('./', import.meta.url).pathname;
const require = createRequire(import.meta.url);

interface Asset {
  body: Buffer;
  contentType: string;
}

export interface Assets {
  /** URL of a stylesheet by its file name, e.g. `portal.css`. */
  style(name: string): string;
  /** URL of a client module by its name under src/web/client/, e.g. `chart`. */
  script(name: string): string;
  /** URL of any other built file by its name, e.g. `outline.geojson`. */
  file(name: string): string;
  /** The file behind a URL's last segment, if there is one. */
  get(file: string): Asset | undefined;
}

const digest = (body: Buffer) => createHash('sha256').update(body).digest('hex').slice(0, 10);

// The files are the same for every app in a process (tests build many), so they are built once.
let built: Promise<Assets> | null = null;

export function buildAssets(): Promise<Assets> {
  built ??= buildOnce();
  return built;
}

/** Stylesheets from src/web/assets and from packages (Leaflet's), the maps' outline, scripts bundled and minified by esbuild. */
async function buildOnce(): Promise<Assets> {
  const files = new Map<string, Asset>();
  const names = new Map<string, string>();
  const add = (name: string, body: Buffer, contentType: string) => {
    const dot = name.lastIndexOf('.');
    const hashed = `${name.slice(0, dot)}.${digest(body)}${name.slice(dot)}`;
    files.set(hashed, { body, contentType });
    names.set(name, hashed);
  };
  for (const file of readdirSync(`${here}assets`)) {
    if (file.endsWith('.css')) add(file, readFileSync(`${here}assets/${file}`), 'text/css; charset=utf-8');
    if (file.endsWith('.svg')) add(file, readFileSync(`${here}assets/${file}`), 'image/svg+xml');
  }
  add('leaflet.css', readFileSync(require.resolve('leaflet/dist/leaflet.css')), 'text/css; charset=utf-8');
  add('outline.geojson', Buffer.from(JSON.stringify(mapOutline())), 'application/geo+json');
  add('belgium.topo.json', baseLayerFile(), 'application/json');
  const entries = readdirSync(`${here}client`).filter((f) => f.endsWith('.ts') && !f.includes('.lib.'));
  if (entries.length > 0) {
    const result = await build({
      entryPoints: entries.map((f) => `${here}client/${f}`),
      bundle: true,
      minify: true,
      format: 'esm',
      target: 'es2020',
      write: false,
      outdir: '/client',
      entryNames: '[name]',
      logLevel: 'silent',
      legalComments: 'none',
    });
    for (const out of result.outputFiles) {
      const name = out.path.slice(out.path.lastIndexOf('/') + 1);
      if (name.endsWith('.js')) add(name, Buffer.from(out.contents), 'text/javascript; charset=utf-8');
    }
  }
  const url = (name: string) => {
    const hashed = names.get(name);
    if (!hashed) throw new Error(`No asset ${name}`);
    return `/-/static/${hashed}`;
  };
  return {
    style: url,
    script: (name) => url(`${name}.js`),
    file: url,
    get: (file) => files.get(file),
  };
}
