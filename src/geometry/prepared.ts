// A shape made ready for repeated tests: its edges bucketed in horizontal strips, so a test visits few edges.
import type { Box, Position, Shape } from './shape.ts';

/**
 * Positions closer than this (in degrees, about 0.1 mm) are the same position: shapes cut from one source
 * share edges up to rounding, and such neighbours should touch rather than miss each other.
 */
export const tolerance = 1e-9;

export interface Segment {
  ax: number;
  ay: number;
  bx: number;
  by: number;
  /** The polygon whose ring this edge is, or -1 for a segment of a line. */
  polygon: number;
}

export interface Prepared {
  shape: Shape;
  box: Box | null;
  segments: Segment[];
  /** One position of every part (each point, each line, each polygon): a part not crossing an edge is all in or all out. */
  anchors: Position[];
  polygonCount: number;
  /** Edges by horizontal strip; null for a shape with few edges, where visiting them all is cheaper. */
  strips: { ymin: number; height: number; members: number[][]; seen: Uint32Array; walk: number } | null;
}

// Below this many edges a shape is scanned whole: most stored shapes are small, and per-row setup is the cost.
const fewEdges = 32;

export function prepare(shape: Shape): Prepared {
  const segments: Segment[] = [];
  const box = { xmin: Infinity, ymin: Infinity, xmax: -Infinity, ymax: -Infinity };
  const extend = (x: number, y: number) => {
    if (x < box.xmin) box.xmin = x;
    if (x > box.xmax) box.xmax = x;
    if (y < box.ymin) box.ymin = y;
    if (y > box.ymax) box.ymax = y;
  };
  const add = (points: Position[], polygon: number) => {
    extend(points[0][0], points[0][1]);
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1];
      const b = points[i];
      extend(b[0], b[1]);
      if (a[0] !== b[0] || a[1] !== b[1]) segments.push({ ax: a[0], ay: a[1], bx: b[0], by: b[1], polygon });
    }
  };
  const anchors: Position[] = [];
  for (const point of shape.points) {
    extend(point[0], point[1]);
    anchors.push(point);
  }
  for (const line of shape.lines) {
    add(line, -1);
    anchors.push(line[0]);
  }
  shape.polygons.forEach((rings, p) => {
    for (const ring of rings) add(ring, p);
    anchors.push(rings[0][0]);
  });
  const found = box.xmin <= box.xmax ? box : null;
  return { shape, box: found, segments, anchors, polygonCount: shape.polygons.length, strips: found && segments.length > fewEdges ? stripsOf(segments, found) : null };
}

function stripsOf(segments: Segment[], box: Box): NonNullable<Prepared['strips']> {
  const count = Math.min(512, Math.ceil(Math.sqrt(segments.length)));
  const ymin = box.ymin - tolerance;
  const height = (box.ymax + tolerance - ymin) / count;
  const strips = { ymin, height, members: Array.from({ length: count }, (): number[] => []), seen: new Uint32Array(segments.length), walk: 0 };
  segments.forEach((s, i) => {
    const [low, high] = stripRange(strips, Math.min(s.ay, s.by) - tolerance, Math.max(s.ay, s.by) + tolerance);
    for (let k = low; k <= high; k++) strips.members[k].push(i);
  });
  return strips;
}

function stripRange(strips: NonNullable<Prepared['strips']>, low: number, high: number): [number, number] {
  const last = strips.members.length - 1;
  const index = (y: number) => (strips.height > 0 ? Math.min(last, Math.max(0, Math.floor((y - strips.ymin) / strips.height))) : 0);
  return [index(low), index(high)];
}

/**
 * Calls `visit` on each edge that may reach between heights low and high, once each; stops when it returns
 * true. Not re-entrant on one shape: `visit` must not walk the same shape again.
 */
export function someSegment(g: Prepared, low: number, high: number, visit: (s: Segment) => boolean): boolean {
  if (!g.box || high < g.box.ymin - tolerance || low > g.box.ymax + tolerance) return false;
  const strips = g.strips;
  if (!strips) {
    for (const s of g.segments) if (visit(s)) return true;
    return false;
  }
  const [first, last] = stripRange(strips, low, high);
  const walk = ++strips.walk;
  for (let k = first; k <= last; k++) {
    for (const i of strips.members[k]) {
      if (strips.seen[i] === walk) continue;
      strips.seen[i] = walk;
      if (visit(g.segments[i])) return true;
    }
  }
  return false;
}

/** Is (x, y) within tolerance of the segment? */
function onSegment(x: number, y: number, s: Segment): boolean {
  const dx = s.bx - s.ax;
  const dy = s.by - s.ay;
  const t = Math.min(1, Math.max(0, ((x - s.ax) * dx + (y - s.ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(s.ax + t * dx - x, s.ay + t * dy - y) <= tolerance;
}

/** Which side of the line through s the point is: the signed distance, 0 when within tolerance. */
function side(s: Segment, x: number, y: number): number {
  const dx = s.bx - s.ax;
  const dy = s.by - s.ay;
  const distance = (dx * (y - s.ay) - dy * (x - s.ax)) / Math.hypot(dx, dy);
  return Math.abs(distance) <= tolerance ? 0 : distance;
}

export function boxesOverlap(a: Box, b: Box): boolean {
  return a.xmin <= b.xmax + tolerance && b.xmin <= a.xmax + tolerance && a.ymin <= b.ymax + tolerance && b.ymin <= a.ymax + tolerance;
}

const segmentBox = (s: Segment): Box => ({
  xmin: Math.min(s.ax, s.bx),
  xmax: Math.max(s.ax, s.bx),
  ymin: Math.min(s.ay, s.by),
  ymax: Math.max(s.ay, s.by),
});

/** Do two closed segments share a point (crossing, touching or overlapping)? */
export function segmentsMeet(s: Segment, e: Segment): boolean {
  if (!boxesOverlap(segmentBox(s), segmentBox(e))) return false;
  if (side(e, s.ax, s.ay) * side(e, s.bx, s.by) < 0 && side(s, e.ax, e.ay) * side(s, e.bx, e.by) < 0) return true;
  return onSegment(s.ax, s.ay, e) || onSegment(s.bx, s.by, e) || onSegment(e.ax, e.ay, s) || onSegment(e.bx, e.by, s);
}

/** Where along s (0 to 1) the edges of g cross or touch it: the points where s may pass from inside g to outside. */
export function cuts(s: Segment, g: Prepared): number[] {
  const dx = s.bx - s.ax;
  const dy = s.by - s.ay;
  const along = (x: number, y: number) => ((x - s.ax) * dx + (y - s.ay) * dy) / (dx * dx + dy * dy);
  const found = [0, 1];
  const own = segmentBox(s);
  someSegment(g, own.ymin - tolerance, own.ymax + tolerance, (e) => {
    if (!boxesOverlap(own, segmentBox(e))) return false;
    if (onSegment(e.ax, e.ay, s)) found.push(along(e.ax, e.ay));
    if (onSegment(e.bx, e.by, s)) found.push(along(e.bx, e.by));
    if (side(e, s.ax, s.ay) * side(e, s.bx, s.by) < 0 && side(s, e.ax, e.ay) * side(s, e.bx, e.by) < 0) {
      const ex = e.bx - e.ax;
      const ey = e.by - e.ay;
      found.push(((e.ax - s.ax) * ey - (e.ay - s.ay) * ex) / (dx * ey - dy * ex));
    }
    return false;
  });
  return found.map((t) => Math.min(1, Math.max(0, t))).sort((a, b) => a - b);
}

type Location = 'interior' | 'boundary' | 'outside';

/**
 * Where a position lies: `interior` strictly inside a polygon (holes are outside), `boundary` on a ring,
 * a line or a point, else `outside`. Inside counts crossings of a ray per polygon (even-odd rule).
 */
export function locate(g: Prepared, x: number, y: number): Location {
  let onRing = false;
  let onLine = false;
  const odd = new Uint8Array(g.polygonCount);
  someSegment(g, y, y, (s) => {
    if (onSegment(x, y, s)) {
      if (s.polygon >= 0) onRing = true;
      else onLine = true;
      return onRing;
    }
    if (s.polygon >= 0 && s.ay > y !== s.by > y && x < ((s.bx - s.ax) * (y - s.ay)) / (s.by - s.ay) + s.ax) odd[s.polygon] ^= 1;
    return false;
  });
  if (onRing) return 'boundary';
  if (odd.includes(1)) return 'interior';
  if (onLine) return 'boundary';
  return g.shape.points.some((p) => Math.hypot(p[0] - x, p[1] - y) <= tolerance) ? 'boundary' : 'outside';
}
