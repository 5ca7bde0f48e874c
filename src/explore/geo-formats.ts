// KML and GPX: each record (as JSON, with its GeoJSON geometry) written as a placemark or a waypoint.
type Geometry = { type: string; coordinates?: unknown; geometries?: Geometry[] };

export function xmlText(value: unknown): string {
  const text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  // Characters XML 1.0 cannot carry are dropped; the five special ones escaped.
  return text
    .replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const coordinates = (points: number[][]) => points.map((p) => `${p[0]},${p[1]}`).join(' ');
const ring = (points: number[][]) => `<LinearRing><coordinates>${coordinates(points)}</coordinates></LinearRing>`;
const polygon = (rings: number[][][]) =>
  `<Polygon><outerBoundaryIs>${ring(rings[0])}</outerBoundaryIs>${rings.slice(1).map((r) => `<innerBoundaryIs>${ring(r)}</innerBoundaryIs>`).join('')}</Polygon>`;

function kmlGeometry(g: Geometry | null): string {
  if (!g) return '';
  const c = g.coordinates as never;
  switch (g.type) {
    case 'Point':
      return `<Point><coordinates>${coordinates([c])}</coordinates></Point>`;
    case 'LineString':
      return `<LineString><coordinates>${coordinates(c)}</coordinates></LineString>`;
    case 'Polygon':
      return polygon(c);
    case 'MultiPoint':
      return `<MultiGeometry>${(c as number[][]).map((p) => kmlGeometry({ type: 'Point', coordinates: p })).join('')}</MultiGeometry>`;
    case 'MultiLineString':
      return `<MultiGeometry>${(c as number[][][]).map((l) => kmlGeometry({ type: 'LineString', coordinates: l })).join('')}</MultiGeometry>`;
    case 'MultiPolygon':
      return `<MultiGeometry>${(c as number[][][][]).map(polygon).join('')}</MultiGeometry>`;
    case 'GeometryCollection':
      return `<MultiGeometry>${(g.geometries ?? []).map(kmlGeometry).join('')}</MultiGeometry>`;
    default:
      return '';
  }
}

/** A GeoJSON Feature line (from the geojson export's SQL) as a KML Placemark. */
export function kmlPlacemark(featureJson: string): string {
  const feature = JSON.parse(featureJson) as { geometry: Geometry | null; properties: Record<string, unknown> };
  const data = Object.entries(feature.properties)
    .map(([k, v]) => `<Data name="${xmlText(k)}"><value>${xmlText(v)}</value></Data>`)
    .join('');
  const name = Object.values(feature.properties).find((v) => typeof v === 'string');
  return `<Placemark>${name ? `<name>${xmlText(name)}</name>` : ''}<ExtendedData>${data}</ExtendedData>${kmlGeometry(feature.geometry)}</Placemark>`;
}

/**
 * GeoJSON Feature lines as GPX waypoints at their point (shapes: their first position). The fields go in
 * `<extensions>`, or with use_extension=false in `<desc>`, one `name: value` line each.
 */
export function gpxWaypoint(options: { useExtension: boolean }): (featureJson: string) => string {
  return (featureJson) => {
    const feature = JSON.parse(featureJson) as { geometry: Geometry | null; properties: Record<string, unknown> };
    let position: number[] | undefined;
    const find = (g: Geometry | null): void => {
      if (!g || position) return;
      if (g.type === 'GeometryCollection') (g.geometries ?? []).forEach(find);
      let c = g.coordinates as unknown;
      while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
      if (Array.isArray(c)) position = c as number[];
    };
    find(feature.geometry);
    if (!position) return '';
    const entries = Object.entries(feature.properties);
    const name = entries.find(([, v]) => typeof v === 'string');
    const fields = options.useExtension
      ? `<extensions>${entries.map(([k, v]) => `<opaal:field name="${xmlText(k)}">${xmlText(v)}</opaal:field>`).join('')}</extensions>`
      : entries.length > 0
        ? `<desc>${entries.map(([k, v]) => `${xmlText(k)}: ${xmlText(v)}`).join('\n')}</desc>`
        : '';
    return `<wpt lat="${position[1]}" lon="${position[0]}">${name ? `<name>${xmlText(name[1])}</name>` : ''}${fields}</wpt>`;
  };
}
