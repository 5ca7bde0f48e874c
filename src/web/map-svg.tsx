// The map without JavaScript: an SVG in Web Mercator, as Leaflet draws it, of the country outlines and the clusters or shapes.
import type { Geometry, Position } from 'geojson';
import { clusterRadius, project, type Box, type Cluster } from './client/map-query.lib.ts';
import type { Child, Html } from '../html/jsx-runtime.ts';
import { belgiumCode, clipToBox, type Outline } from './map-outline.ts';
import type { NisLevel } from '../catalog/metadata.ts';
import { areaName, baseLevelsAt, fitLabels, labelLevelAt, shadeClass, type LabelLevel, type NamePreference } from './client/map-base.lib.ts';
import { areaBox, areasOf, type Area } from './map-base.ts';

export const svgWidth = 800;
export const svgHeight = 520;

/** Belgium, when there is nothing to fit the view to. */
const defaultBox: Box = [2.5, 49.45, 6.45, 51.55];


export interface View {
  zoom: number;
  /** Top-left pixel of the view at that zoom. */
  left: number;
  top: number;
}

/**
 * The largest whole zoom level at which the box fits the picture with a margin, centred on it.
 * A single point or a tiny box is shown at a street-free zoom (at most 12) rather than infinitely close.
 */
export function fitView(box: Box | null, width = svgWidth, height = svgHeight): View {
  const [w, s, e, n] = box ?? defaultBox;
  const [x0, y0] = project(w, n, 0);
  const [x1, y1] = project(e, s, 0);
  const scale = Math.min((width * 0.85) / Math.max(x1 - x0, 1e-9), (height * 0.85) / Math.max(y1 - y0, 1e-9));
  const zoom = Math.max(2, Math.min(12, Math.floor(Math.log2(scale))));
  const [a, b] = project(w, n, zoom);
  const [c, d] = project(e, s, zoom);
  return { zoom, left: (a + c) / 2 - width / 2, top: (b + d) / 2 - height / 2 };
}

const round = (n: number) => Math.round(n * 10) / 10;

/** A little beyond the picture, so no cut edge of a clipped country shows inside it. */
const margin = 8;

/**
 * A ring or line as path data in the view. Rings are cut to the picture (a country can be thousands
 * of pixels across at a city's zoom); points closer than a pixel and a half to the last are skipped.
 */
function ringPath(ring: Position[], view: View, close: boolean): string {
  const projected = ring.map(([lon, lat]) => {
    const [x, y] = project(lon, lat, view.zoom);
    return [x - view.left, y - view.top];
  });
  const inView = close ? clipToBox(projected, [-margin, -margin, svgWidth + margin, svgHeight + margin]) : projected;
  const points: Position[] = [];
  for (const p of inView) {
    const last = points[points.length - 1];
    if (!last || Math.abs(last[0] - p[0]) >= 1.5 || Math.abs(last[1] - p[1]) >= 1.5) points.push(p);
  }
  if (points.length < (close ? 3 : 2)) return '';
  if (!close && points.every(([x, y]) => x < -margin || y < -margin || x > svgWidth + margin || y > svgHeight + margin)) return '';
  return `M${points.map(([x, y]) => `${round(x)} ${round(y)}`).join('L')}${close ? 'Z' : ''}`;
}

/** Path data for a GeoJSON geometry; points become nothing here (they are drawn as circles). */
export function geometryPath(geometry: Geometry, view: View): string {
  switch (geometry.type) {
    case 'Polygon':
      return geometry.coordinates.map((r) => ringPath(r, view, true)).join('');
    case 'MultiPolygon':
      return geometry.coordinates.flatMap((p) => p.map((r) => ringPath(r, view, true))).join('');
    case 'LineString':
      return ringPath(geometry.coordinates, view, false);
    case 'MultiLineString':
      return geometry.coordinates.map((l) => ringPath(l, view, false)).join('');
    case 'GeometryCollection':
      return geometry.geometries.map((g) => geometryPath(g, view)).join('');
    default:
      return '';
  }
}

/** Where a point falls in the view. */
export function place(lon: number, lat: number, view: View): [number, number] {
  const [x, y] = project(lon, lat, view.zoom);
  return [round(x - view.left), round(y - view.top)];
}

/** The outline drawn for a view is the same for every request with that view: kept like the base layer (`kept`). */
export function OutlinePaths(props: { outline: Outline; view: View }): Html {
  return kept(`outline/${props.view.zoom}/${props.view.left}/${props.view.top}`, () => (
    <g class="outline" aria-hidden="true">
      {props.outline.features.map((country) => {
        const d = geometryPath(country.geometry, props.view);
        return d ? <path class={country.properties.code === belgiumCode ? 'country home' : 'country'} d={d} /> : null;
      })}
    </g>
  ));
}

/** The SVG frame: a labelled image whose text alternative is the table beside it. */
export function MapSvg(props: { id: string; label: string; zoom: number; children?: Child }): Html {
  return (
    <svg
      class="static-map"
      viewBox={`0 0 ${svgWidth} ${svgHeight}`}
      width={svgWidth}
      height={svgHeight}
      role="img"
      aria-labelledby={`${props.id}-title`}
      data-zoom={props.zoom}
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id={`${props.id}-title`}>{props.label}</title>
      <rect class="sea" x="0" y="0" width={svgWidth} height={svgHeight} />
      {props.children}
    </svg>
  );
}

export function ClusterMarks(props: { clusters: Cluster[]; view: View; title: (cluster: Cluster) => string; countText: (count: number) => string }): Html {
  // Smallest last, so a small group next to a large one stays visible on top.
  const ordered = [...props.clusters].sort((a, b) => b.count - a.count);
  return (
    <g class="clusters">
      {ordered.map((cluster) => {
        const [x, y] = place(cluster.lon, cluster.lat, props.view);
        const single = cluster.count === 1;
        return (
          <g class={single ? 'cluster single' : 'cluster'} data-count={cluster.count}>
            <title>{props.title(cluster)}</title>
            <circle class="cluster-mark" cx={x} cy={y} r={clusterRadius(cluster.count)} />
            {!single && (
              <text x={x} y={y} dy="0.35em" text-anchor="middle" aria-hidden="true">{props.countText(cluster.count)}</text>
            )}
          </g>
        );
      })}
    </g>
  );
}

/** Whether an area's box, projected, touches the picture. */
function inView(box: Box, view: View): boolean {
  const [x0, y0] = project(box[0], box[3], view.zoom);
  const [x1, y1] = project(box[2], box[1], view.zoom);
  return x1 - view.left >= -margin && x0 - view.left <= svgWidth + margin && y1 - view.top >= -margin && y0 - view.top <= svgHeight + margin;
}

/**
 * Names of the areas at the label level that fall in the picture, larger areas first, each left out where it would
 * overlap one already placed.
 */
function Labels(props: { areas: Area[]; view: View; names: NamePreference; level: LabelLevel }): Html {
  const bySize = [...props.areas].sort((a, b) => {
    const [ba, bb] = [areaBox(a), areaBox(b)];
    return (bb[2] - bb[0]) * (bb[3] - bb[1]) - (ba[2] - ba[0]) * (ba[3] - ba[1]);
  });
  const labels = bySize.map((area) => {
    const [x, y] = place(area.properties.at[0], area.properties.at[1], props.view);
    return { x, y, text: areaName(area.properties, props.names) };
  });
  const shown = fitLabels(labels, props.level, svgWidth, svgHeight);
  return (
    <g class="base-labels" aria-hidden="true">
      {labels.map((l, i) => shown[i] !== null && <text class={`base-label ${props.level}`} x={l.x} y={round(l.y + shown[i]!)} text-anchor="middle">{l.text}</text>)}
    </g>
  );
}

/**
 * The outline, the base layer and its names drawn for a view are the same for every request with that view: the last
 * few of each are kept (64 views of each of the three kinds, in one map).
 */
const drawn = new Map<string, Html>();

function kept(key: string, draw: () => Html): Html {
  const found = drawn.get(key);
  if (found) return found;
  const made = draw();
  if (drawn.size >= 3 * 64) drawn.delete(drawn.keys().next().value!);
  drawn.set(key, made);
  return made;
}

/** Belgium's regions, provinces and (from a closer zoom on) municipalities under the data, with the names for the zoom. */
export function BaseLayer(props: { view: View; municipalities?: boolean }): Html {
  const { view } = props;
  return kept(`base/${view.zoom}/${view.left}/${view.top}/${props.municipalities ?? ''}`, () => drawBase(view, props.municipalities));
}

function drawBase(view: View, municipalities: boolean | undefined): Html {
  const levels = baseLevelsAt(view.zoom);
  const visible = (level: NisLevel) => areasOf(level).filter((a) => inView(areaBox(a), view));
  const paths = (level: NisLevel, className: string) =>
    visible(level).map((a) => {
      const d = geometryPath(a.geometry, view);
      return d ? <path class={className} data-nis={a.properties.nis} d={d} /> : null;
    });
  return (
    <g class="base" aria-hidden="true">
      {/* Belgium's own land over the coarser world outline, so the detailed borders are what shows at the coast and frontier. */}
      <g class="base-land">{paths('region', 'land')}</g>
      {(municipalities ?? levels.municipalities) && <g class="base-municipalities">{paths('municipality', 'municipality')}</g>}
      <g class="base-provinces">{paths('province', 'province')}</g>
      <g class="base-regions">{paths('region', 'region')}</g>
    </g>
  );
}

export function BaseLabels(props: { view: View; names: NamePreference }): Html {
  const { view, names } = props;
  const level = labelLevelAt(view.zoom);
  if (!level) return <></>;
  return kept(`labels/${view.zoom}/${view.left}/${view.top}/${names}`, () => <Labels areas={areasOf(level).filter((a) => inView(areaBox(a), view))} view={view} names={names} level={level} />);
}

/** Areas shaded by their records' count, each with its name and count as a title. */
export function AreaShapes(props: { areas: { area: Area; count: number }[]; view: View; names: NamePreference; title: (name: string, count: number) => string }): Html {
  const max = Math.max(0, ...props.areas.map((a) => a.count));
  return (
    <g class="areas">
      {props.areas.map(({ area, count }) => {
        const d = geometryPath(area.geometry, props.view);
        const name = areaName(area.properties, props.names);
        return d ? <path class={`area shade-${shadeClass(count, max)}`} data-nis={area.properties.nis} data-count={count} d={d}><title>{props.title(name, count)}</title></path> : null;
      })}
    </g>
  );
}
