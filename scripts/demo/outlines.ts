// Rough outlines of the five Flemish provinces, built from shared borders so that neighbours meet without gaps.

export type Position = [number, number];
/** GeoJSON Polygon coordinates: an outer ring, then holes. */
export type PolygonRings = Position[][];

// Borders as [lon, lat] polylines, each drawn once and walked in either direction by the provinces it separates.
const coast: Position[] = [[2.546, 51.089], [2.64, 51.12], [2.72, 51.15], [2.8, 51.18], [2.92, 51.23], [3.05, 51.28], [3.13, 51.325], [3.25, 51.355], [3.37, 51.37]];
const westNetherlands: Position[] = [[3.37, 51.37], [3.38, 51.31], [3.42, 51.25]];
const westOost: Position[] = [[3.42, 51.25], [3.38, 51.22], [3.36, 51.17], [3.4, 51.1], [3.42, 51.04], [3.42, 50.97], [3.46, 50.9], [3.44, 50.83], [3.47, 50.76]];
const westFranceHainaut: Position[] = [
  [3.47, 50.76], [3.36, 50.69], [3.28, 50.71], [3.2, 50.74], [3.11, 50.78], [3.03, 50.76], [2.95, 50.75], [2.87, 50.73],
  [2.78, 50.75], [2.7, 50.81], [2.63, 50.87], [2.61, 50.94], [2.58, 51.0], [2.546, 51.089],
];
const oostNetherlands: Position[] = [
  [3.42, 51.25], [3.53, 51.24], [3.6, 51.22], [3.7, 51.24], [3.78, 51.25], [3.84, 51.21], [3.93, 51.21], [4.0, 51.25],
  [4.09, 51.27], [4.17, 51.3], [4.24, 51.36],
];
const oostAntwerpen: Position[] = [[4.24, 51.36], [4.29, 51.3], [4.27, 51.23], [4.33, 51.16], [4.26, 51.115], [4.21, 51.1], [4.19, 51.06], [4.23, 51.03]];
const oostBrabant: Position[] = [[4.23, 51.03], [4.19, 50.99], [4.16, 50.95], [4.11, 50.9], [4.075, 50.86], [4.05, 50.8], [4.0, 50.77], [3.93, 50.75], [3.9, 50.7]];
const oostHainaut: Position[] = [[3.9, 50.7], [3.85, 50.7], [3.77, 50.73], [3.68, 50.72], [3.6, 50.73], [3.53, 50.74], [3.47, 50.76]];
const antwerpenNetherlands: Position[] = [
  [4.24, 51.36], [4.3, 51.38], [4.38, 51.44], [4.45, 51.47], [4.53, 51.48], [4.64, 51.43], [4.76, 51.5], [4.84, 51.48],
  [4.92, 51.45], [5.04, 51.47], [5.1, 51.43], [5.14, 51.35], [5.24, 51.3],
];
const antwerpenLimburg: Position[] = [[5.24, 51.3], [5.22, 51.2], [5.2, 51.14], [5.12, 51.12], [5.08, 51.08], [5.04, 51.03]];
const antwerpenBrabant: Position[] = [[5.04, 51.03], [4.95, 51.02], [4.85, 51.03], [4.75, 51.02], [4.65, 51.01], [4.55, 51.0], [4.46, 50.99], [4.4, 51.02], [4.3, 51.03], [4.23, 51.03]];
const brabantLimburg: Position[] = [[5.04, 51.03], [5.08, 50.97], [5.12, 50.92], [5.1, 50.86], [5.14, 50.8], [5.1, 50.71]];
const brabantWallonia: Position[] = [
  [5.1, 50.71], [5.02, 50.73], [4.95, 50.76], [4.88, 50.74], [4.78, 50.76], [4.68, 50.77], [4.58, 50.76], [4.5, 50.74],
  [4.42, 50.72], [4.33, 50.73], [4.24, 50.7], [4.15, 50.69], [4.05, 50.7], [3.98, 50.68], [3.9, 50.7],
];
const limburgOuter: Position[] = [
  [5.1, 50.71], [5.2, 50.72], [5.3, 50.72], [5.38, 50.73], [5.42, 50.71], [5.48, 50.74], [5.56, 50.75], [5.63, 50.77],
  [5.68, 50.79], [5.65, 50.85], [5.7, 50.93], [5.74, 50.99], [5.76, 51.05], [5.82, 51.1], [5.85, 51.16], [5.78, 51.18],
  [5.68, 51.21], [5.56, 51.27], [5.47, 51.29], [5.35, 51.28], [5.24, 51.3],
];
/** Voeren: Limburg's exclave between Liège and the Netherlands. */
const voeren: Position[] = [[5.69, 50.76], [5.77, 50.78], [5.85, 50.77], [5.9, 50.75], [5.88, 50.72], [5.8, 50.71], [5.72, 50.73], [5.69, 50.76]];
/** The Brussels-Capital Region, a hole in Vlaams-Brabant. */
const brussels: Position[] = [
  [4.27, 50.82], [4.3, 50.8], [4.34, 50.8], [4.37, 50.77], [4.43, 50.79], [4.48, 50.82], [4.47, 50.87], [4.43, 50.9],
  [4.37, 50.91], [4.29, 50.88], [4.27, 50.86], [4.27, 50.82],
];

const reversed = (line: Position[]) => [...line].reverse();

/** Joins borders end to start into a closed ring; a border that does not continue the last one is a drawing error. */
function ring(...borders: Position[][]): Position[] {
  const out: Position[] = [...borders[0]];
  for (const border of borders.slice(1)) {
    const [lon, lat] = out[out.length - 1];
    if (border[0][0] !== lon || border[0][1] !== lat) throw new Error(`Border does not continue at ${lon},${lat}`);
    out.push(...border.slice(1));
  }
  if (out[0][0] !== out[out.length - 1][0] || out[0][1] !== out[out.length - 1][1]) throw new Error('Ring is not closed');
  return out;
}

function signedArea(points: Position[]): number {
  let sum = 0;
  for (let i = 0; i < points.length - 1; i++) sum += points[i][0] * points[i + 1][1] - points[i + 1][0] * points[i][1];
  return sum / 2;
}

/** RFC 7946: outer rings counter-clockwise, holes clockwise. */
function oriented(points: Position[], outer: boolean): Position[] {
  return signedArea(points) > 0 === outer ? points : reversed(points);
}

const polygon = (outer: Position[], ...holes: Position[][]): PolygonRings => [oriented(outer, true), ...holes.map((h) => oriented(h, false))];

/** Outline per province name: one polygon, or several for a province with an exclave. */
export const outlines: Record<string, PolygonRings[]> = {
  'West-Vlaanderen': [polygon(ring(coast, westNetherlands, westOost, westFranceHainaut))],
  'Oost-Vlaanderen': [polygon(ring(oostNetherlands, oostAntwerpen, oostBrabant, oostHainaut, reversed(westOost)))],
  Antwerpen: [polygon(ring(antwerpenNetherlands, antwerpenLimburg, antwerpenBrabant, reversed(oostAntwerpen)))],
  'Vlaams-Brabant': [polygon(ring(reversed(antwerpenBrabant), brabantLimburg, brabantWallonia, reversed(oostBrabant)), brussels)],
  Limburg: [polygon(ring(limburgOuter, antwerpenLimburg, brabantLimburg)), polygon(voeren)],
};

function insideRing(lon: number, lat: number, points: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i];
    const [xj, yj] = points[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether a point lies in an outline (even-odd rule, so holes count as outside). */
export function contains(polygons: PolygonRings[], lon: number, lat: number): boolean {
  return polygons.some((rings) => rings.reduce((inside, r) => (insideRing(lon, lat, r) ? !inside : inside), false));
}
