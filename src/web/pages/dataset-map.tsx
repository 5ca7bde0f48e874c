// The dataset's map tab: clusters or shapes under the URL's filters, as an SVG and a table without JavaScript, as Leaflet with it.
import type { Dataset, Field } from '../../catalog/types.ts';
import { visitorError } from '../record-tabs.tsx';
import { fieldLabel, localized } from '../../explore/present.ts';
import { clusterTableRows, countText, shapeCap, type Cluster } from '../client/map-query.lib.ts';
import { Notice } from '../components.tsx';
import type { PageContext } from '../context.ts';
import { DatasetFrame, tabHref } from '../dataset-frame.tsx';
import { apiFilterPairs, describeFilter, filterPairs, hasFilters, toggleFilter, type RecordFilters } from '../filters.ts';
import { formatNumber, plural } from '../../i18n/index.ts';
import type { Html } from '../../html/jsx-runtime.ts';
import { scriptJson } from '../layout.tsx';
import { apiUrl, geoFieldsOf, geometryOf, labelField, loadAreas, loadPoints, loadShapes, mapField, nisFieldOf, type AreaMap, type MapRequest, type PointMap, type ShapeMap } from '../map-data.ts';
import { mapOutline } from '../map-outline.ts';
import { AreaShapes, BaseLabels, BaseLayer, ClusterMarks, fitView, geometryPath, MapSvg, OutlinePaths, place } from '../map-svg.tsx';
import { areaName } from '../client/map-base.lib.ts';
import type { TabRequest } from '../tab-request.ts';

type Loaded = PointMap | ShapeMap | AreaMap;

export async function datasetMapPage(request: TabRequest): Promise<Html> {
  const { ctx, dataset, filters } = request;
  const t = ctx.t.map;
  const requested = typeof request.query.field === 'string' ? request.query.field : undefined;
  // Without a geo field, a field of NIS codes is mapped by joining on the base layer's shapes.
  const nis = geoFieldsOf(dataset).length === 0 ? nisFieldOf(dataset) : undefined;
  const field = mapField(dataset, requested) ?? nis?.field;
  if (!field) throw new Error(`Dataset ${dataset.id} has no geo or NIS code field`); // tabsOf() offers the tab only with one
  const extra: [string, string][] = requested === field.name ? [['field', field.name]] : [];
  const mapRequest: MapRequest = { dataset, field, filters, records: request.records, audience: request.audience, lang: ctx.lang, timezone: ctx.config.timezone };
  let loaded: Loaded;
  let problem: string | null = null;
  try {
    loaded = nis ? await loadAreas(mapRequest, nis.level) : field.type === 'geo_shape' ? await loadShapes(mapRequest) : await loadPoints(mapRequest);
  } catch (error) {
    // A filter in the URL that the query language refuses is the visitor's to fix: say so, draw an empty map.
    problem = visitorError(ctx, error);
    const view = fitView(null);
    loaded = nis
      ? { kind: 'areas', level: nis.level, total: 0, areas: [], unknown: 0, extent: null, view, query: { where: [], limit: 0 } }
      : field.type === 'geo_shape'
      ? { kind: 'shapes', total: 0, records: [], extent: null, view, query: { where: [], limit: 0 } }
      : { kind: 'points', total: 0, extent: null, view, clusters: [], query: { where: [], limit: 0 } };
  }
  const title = localized(dataset.metadata.title, ctx.lang) ?? dataset.id;
  const label = labelField(dataset);
  const twin = problem ? undefined : apiUrl(dataset.id, loaded.query, filters, ctx.lang);
  const exportUrl = `/api/explore/v2.1/catalog/datasets/${encodeURIComponent(dataset.id)}/exports/geojson${queryOf(apiFilterPairs(filters), ctx.lang)}`;
  const config = {
    dataset: dataset.id,
    field: field.name,
    kind: loaded.kind,
    lang: ctx.lang,
    api: `/api/explore/v2.1/catalog/datasets/${encodeURIComponent(dataset.id)}/records`,
    filters: apiFilterPairs(filters),
    extent: loaded.extent,
    outline: ctx.assets.file('outline.geojson'),
    base: ctx.assets.file('belgium.topo.json'),
    areas: loaded.kind === 'areas' ? { level: loaded.level, counts: loaded.areas.map((a) => [a.area.properties.nis, a.count]) } : null,
    outlineCredit: t.outlineCredit,
    tiles: ctx.config.mapTileUrl ? { url: ctx.config.mapTileUrl, attribution: ctx.config.mapTileAttribution ?? '' } : null,
    fields: dataset.fields.map((f) => ({ name: f.name, label: fieldLabel(f, ctx.lang), type: f.type })),
    labelField: label?.name ?? null,
    placeNames: t.placeNames,
    messages: t.client,
  };
  const n = (v: number) => formatNumber(ctx.lang, v);
  // With filters the API refuses, the script would only fail the same way: the empty SVG and the notice say it once.
  return (
    <DatasetFrame ctx={ctx} dataset={dataset} tab="map" filters={filters} page={{ jsonTwin: twin, scripts: problem ? [] : ['map'], styles: ['leaflet.css', 'map.css'] }}>
      <div class="map-tab">
        <FilterBar ctx={ctx} dataset={dataset} filters={filters} extra={extra} />
        <FieldChoice ctx={ctx} dataset={dataset} filters={filters} field={field} />
        {problem && <Notice kind="error" title={t.badFilter}>{problem}</Notice>}
        <p class="map-summary" id="map-status" role="status">
          {loaded.total === 0
            ? t.none
            : loaded.kind === 'points'
              ? plural(ctx.lang, loaded.total, t.summary, plural(ctx.lang, loaded.clusters.length, t.groups))
              : loaded.kind === 'areas'
                ? plural(ctx.lang, loaded.total - loaded.unknown, t.summaryAreas, plural(ctx.lang, loaded.areas.length, t.levels[loaded.level]))
                : plural(ctx.lang, loaded.total, t.summaryShapes)}
        </p>
        {loaded.kind === 'areas' && loaded.unknown > 0 && <Notice kind="info">{plural(ctx.lang, loaded.unknown, t.unknownCodes)}</Notice>}
        {loaded.kind === 'shapes' && loaded.total > loaded.records.length && <Notice kind="info">{t.shapesCapped(n(loaded.records.length), n(loaded.total))}</Notice>}
        <div class="map-frame">
          <figure class="static-figure">
            {loaded.kind === 'points' ? <PointsSvg ctx={ctx} title={title} map={loaded} /> : loaded.kind === 'areas' ? <AreasSvg ctx={ctx} title={title} map={loaded} /> : <ShapesSvg ctx={ctx} title={title} map={loaded} field={field} label={label} />}
            <figcaption class="map-credit">{t.outlineCredit}</figcaption>
          </figure>
          <div class="live-map-wrap" hidden>
            <div id="map" class="live-map" role="region" aria-label={t.mapLabel(title)} aria-describedby="map-help"></div>
            <p id="map-help" class="map-help">{t.keyboardHelp}</p>
          </div>
        </div>
        <script type="application/json" id="map-config">{scriptJson(config)}</script>
        <section class="map-legend" aria-labelledby="map-legend">
          <h2 id="map-legend" class="visually-hidden">{t.legend}</h2>
          {loaded.kind === 'points' ? (
            <ul>
              <li><span class="key key-group" aria-hidden="true">12</span> {t.legendGroup}</li>
              <li><span class="key key-single" aria-hidden="true"></span> {t.legendSingle}</li>
            </ul>
          ) : loaded.kind === 'areas' ? (
            <ul><li><span class="key-scale" aria-hidden="true">{[1, 2, 3, 4, 5].map((c) => <span class={`shade-${c}`}></span>)}</span> {t.legendAreas}</li></ul>
          ) : (
            <ul><li><span class="key key-shape" aria-hidden="true"></span> {t.legendShape}</li></ul>
          )}
        </section>
        <ul class="map-links">
          <li><a href={tabHref(ctx, dataset.id, 'table', filters)}>{t.viewTable}</a></li>
          {loaded.kind !== 'areas' && <li><a href={exportUrl} type="application/geo+json">{t.exportGeojson}</a></li>}
        </ul>
        {loaded.kind === 'points' ? <ClusterTable ctx={ctx} clusters={loaded.clusters} /> : loaded.kind === 'areas' ? <AreaTable ctx={ctx} map={loaded} /> : <ShapeList ctx={ctx} map={loaded} label={label} />}
      </div>
    </DatasetFrame>
  );
}

function queryOf(pairs: [string, string][], lang: string): string {
  const search = new URLSearchParams([...pairs, ['lang', lang]]);
  return `?${search.toString()}`;
}

const coordinate = (ctx: PageContext, v: number) => formatNumber(ctx.lang, v, 4);

function clusterTitle(ctx: PageContext, c: Cluster): string {
  const [lat, lon] = [coordinate(ctx, c.lat), coordinate(ctx, c.lon)];
  return plural(ctx.lang, c.count, ctx.t.map.clusterTitle, lat, lon);
}

function PointsSvg(props: { ctx: PageContext; title: string; map: PointMap }): Html {
  const { ctx, map } = props;
  // With filters the API refuses, the script would only fail the same way: the empty SVG and the notice say it once.
  return (
    <MapSvg id="static-map" label={ctx.t.map.staticLabel(props.title, plural(ctx.lang, map.total, ctx.t.common.records), plural(ctx.lang, map.clusters.length, ctx.t.map.groups))} zoom={map.view.zoom}>
      <OutlinePaths outline={mapOutline()} view={map.view} />
      <BaseLayer view={map.view} />
      <BaseLabels view={map.view} names={ctx.t.map.placeNames} />
      <ClusterMarks clusters={map.clusters} view={map.view} title={(c) => clusterTitle(ctx, c)} countText={(c) => countText(ctx.lang, c)} />
    </MapSvg>
  );
}

const recordName = (record: Record<string, unknown>, label: Field | undefined, index: number) =>
  label && record[label.name] !== null && record[label.name] !== undefined ? String(record[label.name]) : `#${index + 1}`;

function ShapesSvg(props: { ctx: PageContext; title: string; map: ShapeMap; field: Field; label: Field | undefined }): Html {
  const { ctx, map } = props;
  return (
    <MapSvg id="static-map" label={ctx.t.map.staticShapesLabel(props.title, plural(ctx.lang, map.records.length, ctx.t.map.shapes))} zoom={map.view.zoom}>
      <OutlinePaths outline={mapOutline()} view={map.view} />
      <BaseLayer view={map.view} />
      <BaseLabels view={map.view} names={ctx.t.map.placeNames} />
      <g class="shapes">
        {map.records.map((record, i) => {
          const geometry = geometryOf(record[props.field.name]) as Parameters<typeof geometryPath>[0] | null;
          if (!geometry) return null;
          const name = recordName(record, props.label, i);
          if (geometry.type === 'Point') {
            const [x, y] = place(geometry.coordinates[0], geometry.coordinates[1], map.view);
            return <circle class="shape-point" cx={x} cy={y} r="6"><title>{name}</title></circle>;
          }
          const d = geometryPath(geometry, map.view);
          return d ? <path class="shape" d={d}><title>{name}</title></path> : null;
        })}
      </g>
    </MapSvg>
  );
}

function AreasSvg(props: { ctx: PageContext; title: string; map: AreaMap }): Html {
  const { ctx, map } = props;
  const t = ctx.t.map;
  return (
    <MapSvg id="static-map" label={t.staticAreasLabel(props.title, plural(ctx.lang, map.areas.length, t.levels[map.level]))} zoom={map.view.zoom}>
      <OutlinePaths outline={mapOutline()} view={map.view} />
      <BaseLayer view={map.view} municipalities={map.level === 'municipality' ? true : undefined} />
      <AreaShapes areas={map.areas} view={map.view} names={t.placeNames} title={(name, count) => plural(ctx.lang, count, t.areaTitle, name)} />
      <BaseLabels view={map.view} names={ctx.t.map.placeNames} />
    </MapSvg>
  );
}

function AreaTable(props: { ctx: PageContext; map: AreaMap }): Html {
  const { ctx, map } = props;
  const t = ctx.t.map;
  if (map.areas.length === 0) return <></>;
  return (
    <details class="map-table" open={map.areas.length <= 12 ? true : undefined}>
      <summary>{t.areasSummary}</summary>
      <div class="table-scroll">
        <table id="map-areas">
          <caption>{t.areasCaption}</caption>
          <thead><tr><th scope="col">{t.area}</th><th scope="col">{t.nisCode}</th><th scope="col" class="number">{t.records}</th></tr></thead>
          <tbody>
            {map.areas.map(({ area, count }) => (
              <tr><th scope="row">{areaName(area.properties, ctx.t.map.placeNames)}</th><td>{area.properties.nis}</td><td class="number">{formatNumber(ctx.lang, count)}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function ClusterTable(props: { ctx: PageContext; clusters: Cluster[] }): Html {
  const { ctx, clusters } = props;
  const t = ctx.t.map;
  const rows = clusters.slice(0, clusterTableRows);
  // Rendered even when empty: the map script fills it with the groups in view, as the map's text alternative.
  return (
    <details class="map-table" id="map-table" open={clusters.length <= 12 ? true : undefined} hidden={clusters.length === 0 ? true : undefined}>
      <summary>{t.tableSummary}</summary>
      <div class="table-scroll">
        <table id="map-clusters">
          <caption>{t.tableCaption}</caption>
          <thead><tr><th scope="col">{t.location}</th><th scope="col" class="number">{t.records}</th></tr></thead>
          <tbody>
            {rows.map((c) => (
              <tr><th scope="row">{coordinate(ctx, c.lat)}, {coordinate(ctx, c.lon)}</th><td class="number">{formatNumber(ctx.lang, c.count)}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="map-note" id="map-table-note" hidden={clusters.length > rows.length ? undefined : true}>
        {t.moreGroups(formatNumber(ctx.lang, rows.length), formatNumber(ctx.lang, clusters.length))}
      </p>
    </details>
  );
}

function ShapeList(props: { ctx: PageContext; map: ShapeMap; label: Field | undefined }): Html {
  const { ctx, map } = props;
  if (map.records.length === 0) return <></>;
  return (
    <details class="map-table" open={map.records.length <= 12 ? true : undefined}>
      <summary>{ctx.t.map.shapesSummary}</summary>
      <ol class="shape-list">{map.records.map((r, i) => <li>{recordName(r, props.label, i)}</li>)}</ol>
      {map.total > shapeCap && <p class="map-note">{ctx.t.map.shapesCapped(formatNumber(ctx.lang, map.records.length), formatNumber(ctx.lang, map.total))}</p>}
    </details>
  );
}

/** The URL's filters as chips, each a link that removes it, and a search box for the free text. */
function FilterBar(props: { ctx: PageContext; dataset: Dataset; filters: RecordFilters; extra: [string, string][] }): Html {
  const { ctx, dataset, filters, extra } = props;
  const t = ctx.t.map;
  const href = (f: RecordFilters) => tabHref(ctx, dataset.id, 'map', f, extra);
  const chip = (text: string, next: RecordFilters) => (
    <a class="chip" href={href(next)} aria-label={t.removeFilter(text)}>{text} <span aria-hidden="true">×</span></a>
  );
  return (
    <div class="map-filters">
      <form class="inline" method="get" action={ctx.link(`/datasets/${dataset.id}/map`)} role="search">
        {[...filterPairs({ ...filters, q: '' }), ...extra].map(([name, value]) => <input type="hidden" name={name} value={value} />)}
        <label for="map-q">{t.search}</label>
        <input id="map-q" name="q" type="search" value={filters.q} />
        <button type="submit">{t.searchButton}</button>
      </form>
      {hasFilters(filters) && (
        <div class="chips">
          <span>{t.filters}:</span>
          {filters.q && chip(t.searchChip(filters.q), { ...filters, q: '' })}
          {filters.refine.map((r) => {
            const d = describeFilter(dataset.fields, r, ctx.lang);
            return chip(`${d.label}: ${d.value}`, toggleFilter(filters, 'refine', r));
          })}
          {filters.exclude.map((r) => {
            const d = describeFilter(dataset.fields, r, ctx.lang);
            return chip(t.excludeChip(d.label, d.value), toggleFilter(filters, 'exclude', r));
          })}
          <a href={href({ q: '', refine: [], exclude: [] })}>{t.clearFilters}</a>
        </div>
      )}
    </div>
  );
}

/** With more than one geo field (a shape and its centre point, say), links to draw the other. */
function FieldChoice(props: { ctx: PageContext; dataset: Dataset; filters: RecordFilters; field: Field }): Html {
  const { ctx, dataset } = props;
  const fields = geoFieldsOf(dataset);
  if (fields.length < 2) return <></>;
  return (
    <nav class="map-fields" aria-label={ctx.t.map.field}>
      <span>{ctx.t.map.fieldChoice}:</span>
      <ul>
        {fields.map((f) => (
          <li>
            <a href={tabHref(ctx, dataset.id, 'map', props.filters, [['field', f.name]])} aria-current={f.name === props.field.name ? 'true' : undefined}>
              {fieldLabel(f, ctx.lang)} <span class="field-type">({ctx.t.dataset.types[f.type] ?? f.type})</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
