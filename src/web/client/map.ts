/// <reference lib="dom" />
// The map tab with JavaScript: Leaflet over the country outlines (or tiles), clusters asked from the Explore API per view, popups per record.
import L from 'leaflet';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import type { Topology } from 'topojson-specification';
import { feature as topoFeature } from 'topojson-client';
import { areaName, baseLevelsAt, fitLabels, shadeClass, shadeColours, type AreaName, type NamePreference } from './map-base.lib.ts';
import { localeOf } from '../../i18n/languages.ts';
import { apiPairs, clusterQuery, clusterRecordsQuery, clusterTableRows, countText, fill, parseClusters, separateClusters, shapeCap, shapePage, shapesQuery, clusterRadius, type Box, type Cluster, type QueryParts } from './map-query.lib.ts';
import { pluralForm } from '../../i18n/plural.ts';
import { messagePopup, recordsPopup, type FieldInfo } from './map-popup.lib.ts';

interface MapConfig {
  dataset: string;
  field: string;
  kind: 'points' | 'shapes' | 'areas';
  lang: string;
  api: string;
  filters: [string, string][];
  extent: Box | null;
  outline: string;
  base: string;
  areas: { level: 'municipality' | 'province' | 'region'; counts: [string, number][] } | null;
  outlineCredit: string;
  tiles: { url: string; attribution: string } | null;
  fields: FieldInfo[];
  labelField: string | null;
  placeNames: NamePreference;
  messages: Record<string, string>;
}

const belgium: Box = [2.5, 49.45, 6.45, 51.55];
const maxZoom = 18;
/** Records shown in one popup; the rest are counted. */
const popupRecords = 5;

const bounds = ([w, s, e, n]: Box) => L.latLngBounds([s, w], [n, e]);
const escapeText = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function getJson(config: MapConfig, parts: QueryParts, signal?: AbortSignal): Promise<{ total_count: number; results: Record<string, unknown>[] }> {
  const response = await fetch(`${config.api}?${new URLSearchParams(apiPairs(parts, config.filters, config.lang))}`, { signal, headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`The API answered ${response.status}`);
  return response.json();
}

function start(config: MapConfig): void {
  const root = document.querySelector<HTMLElement>('.map-tab');
  const container = document.getElementById('map');
  const wrap = document.querySelector<HTMLElement>('.live-map-wrap');
  const status = document.getElementById('map-status');
  if (!root || !container || !wrap || !status) return;
  const mapElement: HTMLElement = container;
  const t = config.messages;
  /** The template of `key` for a count: `<key>One` where the language takes its singular form. */
  const counted = (key: string, count: number) => (pluralForm(config.lang, count) === 'one' && t[`${key}One`]) || t[key];
  const number = new Intl.NumberFormat(localeOf(config.lang));
  const coordinate = new Intl.NumberFormat(localeOf(config.lang), { maximumFractionDigits: 4 });
  wrap.hidden = false;
  root.classList.add('map-ready');

  const map = L.map(container, { zoomControl: false, minZoom: 2, maxZoom, keyboard: true, worldCopyJump: true });
  L.control.zoom({ zoomInTitle: t.zoomIn, zoomOutTitle: t.zoomOut }).addTo(map);
  map.attributionControl.setPrefix(false);
  map.createPane('outline').style.zIndex = '300';
  if (config.tiles) {
    L.tileLayer(config.tiles.url, { attribution: escapeText(config.tiles.attribution), maxZoom, subdomains: 'abc' }).addTo(map);
  } else {
    fetch(config.outline)
      .then((r) => r.json() as Promise<FeatureCollection>)
      .then((outline) => {
        const layer = L.geoJSON(outline, {
          pane: 'outline',
          interactive: false,
          style: (f) => (f?.properties?.code === '056' ? { color: '#56626d', weight: 1.4, fillColor: '#ffffff', fillOpacity: 1 } : { color: '#8c98a3', weight: 0.8, fillColor: '#f6f4ee', fillOpacity: 1 }),
        });
        layer.addTo(map);
        layer.bringToBack();
      })
      .catch(() => undefined); // the records still show on the plain background
  }
  // Belgium's regions, provinces and municipalities, with their names at the zoom's level, under the data (also over tiles).
  map.createPane('base').style.zIndex = '350';
  map.createPane('labels').style.zIndex = '450';
  map.getPane('labels')!.style.pointerEvents = 'none';
  type AreaFeature = Feature<Polygon | MultiPolygon, AreaName & { nis: string; at: [number, number] }>;
  const baseAreas = fetch(config.base)
    .then((r) => r.json() as Promise<Topology>)
    .then((topology) => {
      const level = (name: string) => (topoFeature(topology, topology.objects[name]) as FeatureCollection<Polygon | MultiPolygon, AreaFeature['properties']>).features as AreaFeature[];
      return { region: level('regions'), province: level('provinces'), municipality: level('municipalities') };
    });
  baseAreas
    .then((areas) => {
      const lines = (features: AreaFeature[], style: L.PathOptions) => L.geoJSON({ type: 'FeatureCollection', features } as FeatureCollection, { pane: 'base', interactive: false, style: () => ({ ...style, fill: false }) });
      // Belgium's own land over the coarser world outline, so the detailed borders are what shows at the coast and frontier.
      if (!config.tiles) L.geoJSON({ type: 'FeatureCollection', features: areas.region } as FeatureCollection, { pane: 'base', interactive: false, style: () => ({ stroke: false, fillColor: '#ffffff', fillOpacity: 1 }) }).addTo(map);
      const municipalities = lines(areas.municipality, { color: '#b9c2ca', weight: 0.6 });
      lines(areas.province, { color: '#7d8a96', weight: 1.1 }).addTo(map);
      lines(areas.region, { color: '#56626d', weight: 1.6 }).addTo(map);
      // Larger areas first, so where names would collide the larger area keeps its name.
      const extent = (a: AreaFeature) => L.geoJSON(a).getBounds();
      const bySize = Object.fromEntries(
        (['region', 'province', 'municipality'] as const).map((level) => [
          level,
          areas[level]
            .map((a) => ({ a, b: extent(a) }))
            .sort((x, y) => (y.b.getEast() - y.b.getWest()) * (y.b.getNorth() - y.b.getSouth()) - (x.b.getEast() - x.b.getWest()) * (x.b.getNorth() - x.b.getSouth()))
            .map(({ a }) => a),
        ]),
      ) as Record<'region' | 'province' | 'municipality', AreaFeature[]>;
      const labels = L.layerGroup().addTo(map);
      const show = () => {
        const levels = baseLevelsAt(map.getZoom());
        if (levels.municipalities || config.areas?.level === 'municipality') municipalities.addTo(map);
        else municipalities.remove();
        // Tooltips rather than markers: names are no buttons, so Tab and the markers never meet them.
        labels.clearLayers();
        if (!levels.label) return;
        const level = levels.label;
        const size = map.getSize();
        const candidates = bySize[level].map((a) => {
          const p = map.latLngToContainerPoint([a.properties.at[1], a.properties.at[0]]);
          return { a, x: p.x, y: p.y, text: areaName(a.properties, config.placeNames) };
        });
        const shown = fitLabels(candidates, level, size.x, size.y);
        candidates.forEach((c, i) => {
          const dy = shown[i];
          if (dy === null) return;
          L.tooltip({ pane: 'labels', permanent: true, direction: 'center', interactive: false, className: `map-label ${level}` })
            .setLatLng(map.containerPointToLatLng([c.x, c.y + dy]))
            .setContent(escapeText(c.text))
            .addTo(labels);
        });
      };
      map.on('moveend', show);
      show();
    })
    .catch(() => undefined); // the data still shows without the base layer
  if (!config.tiles) map.attributionControl.addAttribution(escapeText(config.outlineCredit));
  map.fitBounds(bounds(config.extent ?? belgium), { padding: [24, 24], maxZoom: 12 });

  const popupTexts = { yes: t.yes, no: t.no, more: t.more, moreOne: t.moreOne };
  const setStatus = (text: string, failed = false) => {
    status.textContent = text;
    status.classList.toggle('map-status-error', failed);
  };

  /** Opens a popup with a message while records load, then the records; focus returns to the marker on close. */
  function openRecords(at: L.LatLng, load: () => Promise<HTMLElement>, from: HTMLElement | undefined) {
    // Never wider than the map (a phone's screen): the popup keeps a margin on both sides.
    const popup = L.popup({ maxWidth: Math.min(360, mapElement.clientWidth - 64), autoPanPadding: [24, 24] }).setLatLng(at).setContent(messagePopup(t.loading)).openOn(map);
    load()
      .then((content) => popup.setContent(content))
      .catch(() => popup.setContent(messagePopup(t.failed, 'map-status-error')))
      .finally(() => {
        const element = popup.getElement();
        const body = element?.querySelector<HTMLElement>('.map-popup');
        if (body && from) {
          body.tabIndex = -1;
          body.focus({ preventScroll: true });
        }
      });
    if (from) popup.on('remove', () => from.isConnected && from.focus({ preventScroll: true }));
  }

  if (config.kind === 'points') startPoints();
  else if (config.kind === 'areas') startAreas();
  else startShapes();

  function startAreas() {
    const counts = new Map(config.areas?.counts ?? []);
    const max = Math.max(0, ...counts.values());
    baseAreas
      .then((areas) => {
        const shaded = areas[config.areas!.level].filter((a) => counts.has(a.properties.nis));
        shaded.forEach((area) => {
          const count = counts.get(area.properties.nis)!;
          const label = fill(t.areaLabel, { name: areaName(area.properties, config.placeNames), records: number.format(count) });
          const shape = L.geoJSON(area, { style: () => ({ color: '#ffffff', weight: 0.8, fillColor: shadeColours[shadeClass(count, max)], fillOpacity: 0.9 }) }).addTo(map);
          shape.bindTooltip(label, { sticky: true });
          shape.eachLayer((part) => {
            const element = (part as L.Path).getElement?.() as HTMLElement | undefined;
            element?.setAttribute('aria-label', label);
            element?.setAttribute('role', 'img');
            element?.classList.add(`area-shade-${shadeClass(count, max)}`);
            element?.setAttribute('data-nis', area.properties.nis);
          });
        });
      })
      .catch(() => setStatus(t.failed, true));
  }

  function startPoints() {
    const layer = L.layerGroup().addTo(map);
    const markers = new Map<string, L.Marker>();
    const tbody = document.querySelector('#map-clusters tbody');
    const table = document.getElementById('map-table');
    const note = document.getElementById('map-table-note');
    let request: AbortController | null = null;

    const showRecords = (cluster: Cluster, from: HTMLElement | undefined) =>
      openRecords(L.latLng(cluster.lat, cluster.lon), async () => {
        const page = await getJson(config, clusterRecordsQuery(config.field, cluster, popupRecords));
        return recordsPopup(page.results, { fields: config.fields, labelField: config.labelField, lang: config.lang, texts: popupTexts, total: page.total_count });
      }, from);

    function marker(cluster: Cluster): L.Marker {
      const single = cluster.count === 1;
      const size = 2 * clusterRadius(cluster.count);
      const degenerate = cluster.box[0] === cluster.box[2] && cluster.box[1] === cluster.box[3];
      const zoomsIn = !single && !degenerate && map.getZoom() < maxZoom;
      const label = single ? t.singleLabel : fill(zoomsIn ? t.groupLabel : t.groupRecords, { records: number.format(cluster.count) });
      const icon = L.divIcon({ className: single ? 'map-single' : 'map-cluster', html: single ? '' : countText(config.lang, cluster.count), iconSize: [size, size] });
      // Leaflet pans a marker into view whenever it takes the focus, which a mouse press also gives: the marker then slides from
      // under the pointer before the button comes up, and the click lands on the map. Only keyboard focus pans here.
      const m = L.marker([cluster.lat, cluster.lon], { icon, keyboard: true, autoPanOnFocus: false, title: label, riseOnHover: true, zIndexOffset: single ? 1000 : 0 });
      m.on('add', () => {
        const element = m.getElement();
        element?.setAttribute('aria-label', label);
        element?.addEventListener('focus', () => {
          if (element.matches(':focus-visible')) map.panInside(m.getLatLng(), { paddingTopLeft: [size / 2, size / 2], paddingBottomRight: [size / 2, size / 2] });
        });
      });
      const activate = (byKeyboard: boolean) => {
        if (!zoomsIn) return showRecords(cluster, m.getElement());
        const target = Math.min(maxZoom, Math.max(map.getZoom() + 1, map.getBoundsZoom(bounds(cluster.box).pad(0.2))));
        // The group's marker goes away as the map zooms: keyboard focus moves to the map, from where Tab reaches the new markers.
        if (byKeyboard) map.once('moveend', () => mapElement.focus({ preventScroll: true }));
        map.setView(bounds(cluster.box).getCenter(), target);
      };
      m.on('click', () => activate(false));
      // Leaflet turns Enter into a click only for markers with a bound popup; these are buttons, so Enter and Space both work.
      m.on('keypress', (e) => {
        const key = (e as L.LeafletKeyboardEvent).originalEvent;
        if (key.key !== 'Enter' && key.key !== ' ') return;
        key.preventDefault();
        activate(true);
      });
      return m;
    }

    function showTable(clusters: Cluster[]) {
      if (!tbody || !table) return;
      const rows = [...clusters].sort((a, b) => b.count - a.count).slice(0, clusterTableRows);
      tbody.replaceChildren(
        ...rows.map((c) => {
          const tr = document.createElement('tr');
          const th = document.createElement('th');
          th.scope = 'row';
          th.textContent = `${coordinate.format(c.lat)}, ${coordinate.format(c.lon)}`;
          const td = document.createElement('td');
          td.className = 'number';
          td.textContent = number.format(c.count);
          tr.append(th, td);
          return tr;
        }),
      );
      table.hidden = clusters.length === 0;
      if (note) {
        note.hidden = clusters.length <= rows.length;
        note.textContent = fill(t.moreGroups, { shown: number.format(rows.length), total: number.format(clusters.length) });
      }
    }

    async function refresh() {
      request?.abort();
      const controller = new AbortController();
      request = controller;
      const zoom = map.getZoom();
      const view = map.getBounds().pad(0.2);
      const box: Box = [Math.max(-180, view.getWest()), Math.max(-90, view.getSouth()), Math.min(180, view.getEast()), Math.min(90, view.getNorth())];
      try {
        const page = await getJson(config, clusterQuery(config.field, zoom, box), controller.signal);
        // Circles that would overlap at this zoom become one, as in the page's SVG.
        const clusters = separateClusters(parseClusters(page.results), zoom);
        // Markers that did not change stay, so a focused marker keeps its focus while the map pans.
        const keep = new Set<string>();
        for (const cluster of clusters) {
          const key = `${zoom}|${cluster.lat}|${cluster.lon}|${cluster.count}`;
          keep.add(key);
          if (!markers.has(key)) markers.set(key, marker(cluster).addTo(layer));
        }
        for (const [key, m] of markers) if (!keep.has(key)) (layer.removeLayer(m), markers.delete(key));
        // Clusters are asked for a little beyond the edges (so panning shows them at once); the text speaks of what is in view.
        const visible = map.getBounds();
        const inView = clusters.filter((c) => visible.contains([c.lat, c.lon]));
        const records = inView.reduce((sum, c) => sum + c.count, 0);
        setStatus(fill(counted('inView', records), { records: number.format(records), groups: fill(counted('groups', inView.length), { n: number.format(inView.length) }) }));
        showTable(inView);
      } catch (error) {
        if ((error as Error).name !== 'AbortError') setStatus(t.failed, true);
      }
    }

    map.on('moveend', () => void refresh());
    void refresh();
  }

  function startShapes() {
    const layer = L.featureGroup().addTo(map);
    const style = { color: '#00557f', weight: 1.5, fillColor: '#00557f', fillOpacity: 0.22 };
    const name = (record: Record<string, unknown>) => (config.labelField && record[config.labelField] != null ? String(record[config.labelField]) : '');

    function draw(record: Record<string, unknown>) {
      const geometry = (record[config.field] as { geometry?: Geometry } | null)?.geometry;
      if (!geometry) return;
      const feature: Feature = { type: 'Feature', geometry, properties: {} };
      const shape = L.geoJSON(feature, {
        style: () => style,
        pointToLayer: (_f, at) => L.circleMarker(at, { radius: 7, color: '#fff', weight: 2, fillColor: '#b3400f', fillOpacity: 1 }),
      });
      const open = (at: L.LatLng, from?: HTMLElement) =>
        openRecords(at, async () => recordsPopup([record], { fields: config.fields, labelField: config.labelField, lang: config.lang, texts: popupTexts, total: 1 }), from);
      shape.on('click', (e: L.LeafletMouseEvent) => open(e.latlng));
      shape.addTo(layer);
      // Each shape can be reached with Tab and opened with Enter, like the markers.
      shape.eachLayer((part) => {
        const element = (part as L.Path).getElement?.() as HTMLElement | undefined;
        if (!element) return;
        element.setAttribute('tabindex', '0');
        element.setAttribute('role', 'button');
        element.setAttribute('aria-label', name(record) || t.singleLabel);
        element.addEventListener('keydown', (event) => {
          if (event.key !== 'Enter' && event.key !== ' ') return;
          event.preventDefault();
          open(shape.getBounds().getCenter(), element);
        });
      });
    }

    (async () => {
      let total = 0;
      let shown = 0;
      for (let offset = 0; offset < shapeCap; offset += shapePage) {
        const page = await getJson(config, shapesQuery(config.field, offset));
        total = page.total_count;
        page.results.forEach(draw);
        shown += page.results.length;
        if (page.results.length < shapePage || shown >= total) break;
      }
      setStatus(fill(counted('inViewShapes', shown), { shapes: number.format(shown) }));
    })().catch(() => setStatus(t.failed, true));
  }
}

const configElement = document.getElementById('map-config');
if (configElement?.textContent) start(JSON.parse(configElement.textContent) as MapConfig);
