// The map tab in real Chromium: Leaflet starts, draws the outline and the server's clusters, zooms into a group, opens popups by mouse and keyboard.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright-core';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import { fixture } from '../helpers/engine.ts';
import { importCities, startServer, type ServerHarness } from '../helpers/server.ts';
import { startPortal } from './helpers.ts';
import { duplicateIds, screenshot } from '../e2e/browser.ts';

let s: ServerHarness;
let browser: Browser;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

before(async () => {
  s = await startPortal();
  await s.portal.catalog.importDataset({
    datasetId: 'vormen',
    path: fixture('geojson/shapes.geojson'),
    input: parseMetadataInput({ title: { nl: 'Vormen', en: 'Shapes' } }),
    actor: 'test',
  });
  for (const id of ['flemish-places', 'reports-nis']) {
    await s.portal.catalog.importDataset({
      datasetId: id,
      path: fixture(`explore/${id}.json`),
      input: parseMetadataInput(JSON.parse(readFileSync(fixture(`explore/${id}.meta.json`), 'utf8'))),
      actor: 'test',
    });
  }
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
});
after(async () => {
  await browser?.close();
  await s?.close();
});

/** A page that records the zoom of every cluster query and every script error or blocked resource. */
async function open(path: string, viewport = { width: 1200, height: 900 }): Promise<{ page: Page; zooms: number[]; problems: string[] }> {
  const page = await browser.newPage({ viewport });
  const zooms: number[] = [];
  const problems: string[] = [];
  page.on('request', (request) => {
    const groupBy = new URL(request.url()).searchParams.get('group_by');
    const zoom = groupBy && /^geo_cluster\(`location`, (\d+)\)/.exec(groupBy)?.[1];
    if (zoom) zooms.push(Number(zoom));
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) problems.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) problems.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(`${s.url}${path}`);
  await page.waitForSelector('.map-tab.map-ready');
  return { page, zooms, problems };
}

const markerCount = async (page: Page) =>
  page.$$eval('.leaflet-marker-icon', (icons) => icons.reduce((n, icon) => n + (icon.classList.contains('map-single') ? 1 : Number(icon.textContent)), 0));

test('Leaflet replaces the SVG, draws the outline and one marker per server cluster, all ten cities in view', async () => {
  const { page, zooms, problems } = await open('/datasets/cities/map');
  try {
    await page.waitForFunction(() => document.getElementById('map-status')?.textContent?.includes('in beeld'));
    assert.equal(await page.isVisible('#map'), true);
    assert.equal(await page.isVisible('.static-figure'), false, 'the SVG steps aside');
    assert.equal(await page.getAttribute('#map', 'aria-label'), 'Kaart van Europese steden');
    await page.waitForFunction(() => document.querySelectorAll('.leaflet-outline-pane path').length > 20);
    assert.equal(await markerCount(page), 10);
    assert.match((await page.textContent('#map-status')) ?? '', /^10 records in beeld, in \d+ groepen\.$/);
    // The table under the map follows it: a row per marker.
    const rows = await page.$$eval('#map-clusters tbody tr', (trs) => trs.length);
    assert.equal(rows, await page.$$eval('.leaflet-marker-icon', (icons) => icons.length));
    assert.ok(zooms.length > 0 && zooms.every((z) => z === zooms[0]), 'clusters asked for the map zoom');
    // Every marker is a labelled button that the keyboard reaches.
    const labels = await page.$$eval('.leaflet-marker-icon', (icons) => icons.map((i) => [i.getAttribute('role'), i.getAttribute('tabindex'), i.getAttribute('aria-label')]));
    assert.ok(labels.every(([role, tabindex, label]) => role === 'button' && tabindex === '0' && /record/.test(label ?? '')));
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('clicking a group zooms in and asks the server for finer clusters; a single record opens a popup with its fields', async () => {
  const { page, zooms, problems } = await open('/datasets/cities/map');
  try {
    await page.waitForSelector('.map-cluster');
    const before = zooms[zooms.length - 1];
    await page.click('.map-cluster');
    await page.waitForFunction(() => document.querySelectorAll('.map-cluster').length === 0 || document.querySelectorAll('.leaflet-marker-icon').length > 0);
    // Let the zoom animation and the cluster request settle before aiming at a marker, which moves until then.
    await page.waitForLoadState('networkidle');
    await page.waitForFunction(() => !document.querySelector('.leaflet-zoom-anim'));
    await page.waitForTimeout(600);
    assert.ok(Math.max(...zooms) > before, `zoomed in from ${before}: ${zooms.join(', ')}`);
    // The marker nearest an edge of the map: a press there must not pan the map from under the pointer.
    await page.$$eval('.map-single', (icons) => {
      const frame = document.getElementById('map')!.getBoundingClientRect();
      const insets = icons.map((icon) => {
        const r = icon.getBoundingClientRect();
        return { icon, inset: Math.min(r.left - frame.left, frame.right - r.right, r.top - frame.top, frame.bottom - r.bottom) };
      });
      insets.filter((i) => i.inset >= 0).sort((a, b) => a.inset - b.inset)[0]?.icon.classList.add('edge-marker');
    });
    await page.click('.edge-marker');
    const popup = await page.waitForSelector('.leaflet-popup-content .map-popup h3');
    const name = await popup.textContent();
    assert.ok(['Paris', 'Lyon', 'Marseille', 'Nantes', 'Berlin', 'Munich', 'Hamburg', 'Madrid', 'Barcelona', 'Saint-Malo'].includes(name ?? ''), `a city: ${name}`);
    const terms = await page.$$eval('.leaflet-popup-content dt', (dts) => dts.map((d) => d.textContent));
    assert.ok(terms.includes('Country') && terms.includes('capital'), `field labels: ${terms.join(', ')}`);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('a marker opens with the keyboard, and the popup takes the focus', async () => {
  const { page, problems } = await open('/datasets/cities/map?q=Berlin');
  try {
    const marker = await page.waitForSelector('.map-single');
    await marker.focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('.leaflet-popup-content .map-popup h3');
    assert.equal(await page.textContent('.leaflet-popup-content h3'), 'Berlin');
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('map-popup')), true);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('shapes are drawn from the records, reachable by keyboard, with a popup per shape', async () => {
  const { page, problems } = await open('/datasets/vormen/map');
  try {
    await page.waitForFunction(() => document.querySelectorAll('path.leaflet-interactive[role="button"]').length === 2);
    const names = await page.$$eval('path.leaflet-interactive[role="button"]', (paths) => paths.map((p) => p.getAttribute('aria-label')).sort());
    assert.deepEqual(names, ['Twee delen', 'Vierkant']);
    await page.focus('path.leaflet-interactive[aria-label="Vierkant"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.leaflet-popup-content h3');
    assert.equal(await page.textContent('.leaflet-popup-content h3'), 'Vierkant');
    assert.match((await page.textContent('.leaflet-popup-content dl')) ?? '', /nis10000/);
    assert.match((await page.textContent('#map-status')) ?? '', /^2 vormen op de kaart\.$/);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('the map tab, with its markers and shapes, passes axe WCAG 2.1 AA checks', async () => {
  for (const path of ['/datasets/cities/map?refine=country:FR', '/datasets/vormen/map']) {
    const { page } = await open(path);
    try {
      await page.waitForSelector('.leaflet-marker-icon, path.leaflet-interactive[role="button"]');
      // Evaluated through the DevTools protocol, which the page's script policy does not govern.
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => {
        const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
        const result = await axe.run({ include: [['#main']] }, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
        return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
      assert.deepEqual(violations, [], path);
    } finally {
      await page.close();
    }
  }
});

/** A 1×1 PNG, built here so the tile server needs no file: signature, IHDR, IDAT, IEND with their CRCs. */
function onePixelPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from([0, 200, 220, 240]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

test('with a tile server configured, Leaflet draws its tiles (the image policy allows them) instead of the outline', async () => {
  const png = onePixelPng();
  const asked: string[] = [];
  const tiles = createServer((request, response) => {
    asked.push(request.url ?? '');
    response.writeHead(200, { 'Content-Type': 'image/png' }).end(png);
  });
  await new Promise<void>((resolve) => tiles.listen(0, '127.0.0.1', resolve));
  const port = (tiles.address() as AddressInfo).port;
  const tiled = await startServer('sqlite', { MAP_TILE_URL: `http://127.0.0.1:${port}/{z}/{x}/{y}.png`, MAP_TILE_ATTRIBUTION: '© Test tiles <b>bold</b>' });
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  try {
    await importCities(tiled.portal);
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) problems.push(message.text());
    });
    await page.goto(`${tiled.url}/datasets/cities/map`);
    await page.waitForFunction(() => document.querySelectorAll('img.leaflet-tile-loaded').length > 0);
    assert.ok(asked.every((url) => /^\/\d+\/\d+\/\d+\.png$/.test(url)) && asked.length > 0, `tiles asked as z/x/y: ${asked.slice(0, 3).join(' ')}`);
    assert.equal(await page.textContent('.leaflet-control-attribution'), '© Test tiles <b>bold</b>', 'the attribution is text, not markup');
    assert.equal(await page.$$eval('.leaflet-outline-pane path', (paths) => paths.length), 0, 'no outline under the tiles');
    await page.waitForSelector('.leaflet-marker-icon', { timeout: 10_000 }); // the clusters come on their own request, after the tiles or before
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
    await tiled.close();
    await new Promise((resolve) => tiles.close(resolve));
  }
});

/** The marker circles in the page, as centre and radius in screen pixels. */
const markerCircles = (page: Page) =>
  page.$$eval('.leaflet-marker-icon', (icons) => icons.map((icon) => {
    const r = icon.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2, r: r.width / 2 };
  }));

/** Waits for the markers of a settled view: the status names what is in view once the cluster request has answered. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => /in (beeld|view)/.test(document.getElementById('map-status')?.textContent ?? ''));
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('.leaflet-zoom-anim'));
}

test('Belgium\'s regions, provinces and municipalities lie under the markers, named for the zoom', async () => {
  const { page, problems } = await open('/datasets/flemish-places/map');
  try {
    await settled(page);
    await page.waitForFunction(() => document.querySelectorAll('.leaflet-base-pane path').length >= 3);
    await page.waitForSelector('.leaflet-labels-pane .map-label');
    const labels = await page.$$eval('.leaflet-labels-pane .map-label', (ls) => ls.map((l) => [l.className, l.textContent]));
    assert.ok(labels.some(([c, text]) => /municipality/.test(c ?? '') && text === 'Gent'), `Gent is named: ${labels.slice(0, 5).join(' | ')}`);
    // No two names overlap.
    const boxes = await page.$$eval('.leaflet-labels-pane .map-label', (ls) => ls.map((l) => l.getBoundingClientRect().toJSON() as DOMRect));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        assert.ok(a.right <= b.left + 1 || b.right <= a.left + 1 || a.bottom <= b.top + 1 || b.bottom <= a.top + 1, `names overlap: ${labels[i]?.[1]} and ${labels[j]?.[1]}`);
      }
    }
    // The base pane lies under the markers and the shapes.
    const [base, markers] = await page.evaluate(() => ['.leaflet-base-pane', '.leaflet-marker-pane'].map((sel) => Number(getComputedStyle(document.querySelector(sel)!).zIndex)));
    assert.ok(base < markers);
    // Zoomed out to the whole country, the provinces are named instead of the municipalities.
    for (let i = 0; i < 5 && !(await page.$('.leaflet-labels-pane .map-label.province')); i++) {
      await page.click('.leaflet-control-zoom-out');
      await page.waitForFunction(() => !document.querySelector('.leaflet-zoom-anim'));
      await page.waitForLoadState('networkidle');
    }
    assert.ok(await page.$('.leaflet-labels-pane .map-label.province'), 'provinces named at the country\'s zoom');
    // The municipalities' names fade out as the provinces' come.
    await page.waitForFunction(() => document.querySelectorAll('.leaflet-labels-pane .map-label.municipality').length === 0);
    assert.match((await page.textContent('.leaflet-control-attribution')) ?? '', /Statbel/, 'the source is credited on the map');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('the map opens on the records\' extent and no two markers overlap, on a wide screen and a phone', async () => {
  for (const viewport of [{ width: 1366, height: 900 }, { width: 390, height: 844 }]) {
    for (const path of ['/datasets/flemish-places/map', '/datasets/cities/map']) {
      const { page, problems } = await open(path, viewport);
      try {
        await settled(page);
        assert.match((await page.textContent('#map-status')) ?? '', /^10 records in beeld/, `${path} at ${viewport.width}: every record in the first view`);
        const frame = await page.$eval('#map', (m) => m.getBoundingClientRect().toJSON() as DOMRect);
        const circles = await markerCircles(page);
        for (const c of circles) assert.ok(c.x >= frame.left && c.x <= frame.right && c.y >= frame.top && c.y <= frame.bottom, `${path}: a marker outside the map`);
        for (let i = 0; i < circles.length; i++) {
          for (let j = i + 1; j < circles.length; j++) {
            const [a, b] = [circles[i], circles[j]];
            assert.ok(Math.hypot(a.x - b.x, a.y - b.y) >= a.r + b.r - 0.5, `${path} at ${viewport.width}: markers at ${a.x},${a.y} and ${b.x},${b.y} overlap`);
          }
        }
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    }
  }
});

test('a popup wraps between words and stays inside a phone\'s screen', async () => {
  const { page, problems } = await open('/datasets/flemish-places/map?q=Gentbrugse', { width: 390, height: 844 });
  try {
    await settled(page);
    await page.click('.map-single');
    await page.waitForSelector('.leaflet-popup-content .map-popup dd');
    const popup = await page.$eval('.leaflet-popup-content-wrapper', (p) => p.getBoundingClientRect().toJSON() as DOMRect);
    assert.ok(popup.left >= 0 && popup.right <= 390, `popup from ${popup.left} to ${popup.right}`);
    const styles = await page.$eval('.leaflet-popup-content dd', (dd) => [getComputedStyle(dd).overflowWrap, getComputedStyle(dd).wordBreak]);
    assert.deepEqual(styles, ['normal', 'normal']);
    // The long description takes several lines, and every word of it sits on one line: broken between words only.
    const lines = await page.$$eval('.leaflet-popup-content dd', (dds) => dds.map((dd) => {
      const text = dd.firstChild as Text;
      const tops = new Set<number>();
      let split = 0;
      for (const match of (text.textContent ?? '').matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(text, match.index!);
        range.setEnd(text, match.index! + match[0].length);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        if (new Set(rects.map((r) => Math.round(r.top))).size > 1) split++;
        rects.forEach((r) => tops.add(Math.round(r.top)));
      }
      return { lines: tops.size, split };
    }));
    assert.ok(lines.some((l) => l.lines > 1), 'the description wraps');
    assert.ok(lines.every((l) => l.split === 0), 'no word is broken across lines');
    await screenshot(page, 'map-popup-390-nl');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('a dataset of NIS codes shows its municipalities shaded by record count, says how many codes are unknown, and passes axe', async () => {
  const { page, problems } = await open('/datasets/reports-nis/map');
  try {
    await page.waitForSelector('#map path[data-nis="44021"]');
    const shaded = await page.$$eval('#map path[data-nis]', (paths) => paths.map((p) => [p.getAttribute('data-nis'), p.getAttribute('aria-label'), p.getAttribute('fill')]));
    assert.deepEqual(shaded.map(([nis]) => nis).sort(), ['11002', '44021', '71022']);
    assert.ok(shaded.some(([nis, label]) => nis === '44021' && label === 'Gent: 3 records'));
    const fills = Object.fromEntries(shaded.map(([nis, , fill]) => [nis, fill]));
    assert.notEqual(fills['44021'], fills['71022'], 'more records, another shade');
    assert.match((await page.textContent('#main')) ?? '', /3 records met een onbekende NIS-code/);
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const result = await axe.run({ include: [['#main']] }, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    assert.deepEqual(violations, []);
    assert.deepEqual(await duplicateIds(page), []);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('screenshots of the map tab, points and NIS areas, at 1366×900 and 390×844, in Dutch and English', async () => {
  for (const [width, height] of [[1366, 900], [390, 844]]) {
    for (const lang of ['nl', 'en']) {
      for (const id of ['flemish-places', 'reports-nis']) {
        const { page, problems } = await open(`${lang === 'en' ? '/en' : ''}/datasets/${id}/map`, { width, height });
        try {
          if (id === 'reports-nis') await page.waitForSelector('#map path[data-nis="44021"]');
          else await settled(page);
          await page.waitForSelector('.leaflet-labels-pane .map-label');
          await page.waitForLoadState('networkidle');
          await screenshot(page, `map-${id}-${width}-${lang}`);
          assert.deepEqual(await duplicateIds(page), []);
          assert.deepEqual(problems, []);
        } finally {
          await page.close();
        }
      }
    }
  }
});

test('screenshots of the map without JavaScript: the SVG with the base layer, points and NIS areas', async () => {
  for (const [width, height, lang] of [[1366, 900, 'nl'], [390, 844, 'en']] as const) {
    for (const id of ['flemish-places', 'reports-nis', 'cities']) {
      const page = await browser.newPage({ viewport: { width, height }, javaScriptEnabled: false });
      try {
        await page.goto(`${s.url}${lang === 'en' ? '/en' : ''}/datasets/${id}/map`);
        assert.equal(await page.isVisible('.static-map'), true);
        assert.ok((await page.$$('.static-map .base path')).length > 0, 'the base layer is drawn');
        await screenshot(page, `map-svg-${id}-${width}-${lang}`);
      } finally {
        await page.close();
      }
    }
  }
});
