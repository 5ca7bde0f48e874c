// Whether two shapes intersect, and whether one lies within the other: planar, boundaries included.
import { boxesOverlap, cuts, locate, segmentsMeet, someSegment, tolerance, type Prepared, type Segment } from './prepared.ts';
import { positionsOf } from './shape.ts';

/**
 * True when the shapes share at least one point, touching included. If no edge of one meets an edge of
 * the other, each part of one is wholly inside or wholly outside the other, so one position per part decides.
 */
export function intersects(a: Prepared, b: Prepared): boolean {
  if (!a.box || !b.box || !boxesOverlap(a.box, b.box)) return false;
  const box = b.box;
  const edgesMeet = a.segments.some((s) => {
    if (Math.max(s.ax, s.bx) < box.xmin - tolerance || Math.min(s.ax, s.bx) > box.xmax + tolerance) return false;
    return someSegment(b, Math.min(s.ay, s.by) - tolerance, Math.max(s.ay, s.by) + tolerance, (e) => segmentsMeet(s, e));
  });
  return (
    edgesMeet ||
    a.anchors.some(([x, y]) => locate(b, x, y) !== 'outside') ||
    b.anchors.some(([x, y]) => locate(a, x, y) !== 'outside')
  );
}

// How far beside an edge to look at which side is which: well above the tolerance, well below real features.
const sideStep = 1e-7;

/** The pieces of s between the points where g's edges meet it: each piece is wholly inside, on or outside g. */
interface Piece {
  x: number;
  y: number;
  /** The unit normal of the edge, and how far along it to step to either side. */
  nx: number;
  ny: number;
  step: number;
}

function pieces(s: Segment, g: Prepared): Piece[] {
  const t = cuts(s, g);
  const dx = s.bx - s.ax;
  const dy = s.by - s.ay;
  const length = Math.hypot(dx, dy);
  const out: Piece[] = [];
  for (let i = 1; i < t.length; i++) {
    const piece = (t[i] - t[i - 1]) * length;
    if (piece <= tolerance) continue;
    const middle = (t[i] + t[i - 1]) / 2;
    out.push({ x: s.ax + middle * dx, y: s.ay + middle * dy, nx: -dy / length, ny: dx / length, step: Math.min(sideStep, piece / 4) });
  }
  return out;
}

/** The two positions just beside a piece's middle, one on each side; none when the piece is too short to tell. */
function beside(p: Piece): [number, number][] {
  if (p.step <= 10 * tolerance) return [];
  return [
    [p.x + p.nx * p.step, p.y + p.ny * p.step],
    [p.x - p.nx * p.step, p.y - p.ny * p.step],
  ];
}

/**
 * True when every point of a is in b (b's boundary counts as in). Checks that a's positions and the pieces
 * of its edges are in b; that where a's ring runs along b's boundary, a's inner side is in b; and that no
 * edge of b runs through a's interior with outside-of-b beside it (a hole of b inside a, say).
 */
export function within(a: Prepared, b: Prepared): boolean {
  if (!a.box || !b.box) return false;
  const [ab, bb] = [a.box, b.box];
  if (ab.xmin < bb.xmin - tolerance || ab.xmax > bb.xmax + tolerance || ab.ymin < bb.ymin - tolerance || ab.ymax > bb.ymax + tolerance) return false;
  if (positionsOf(a.shape).some(([x, y]) => locate(b, x, y) === 'outside')) return false;
  for (const s of a.segments) {
    for (const piece of pieces(s, b)) {
      const where = locate(b, piece.x, piece.y);
      if (where === 'outside') return false;
      if (where === 'boundary' && s.polygon >= 0) {
        if (beside(piece).some(([x, y]) => locate(a, x, y) === 'interior' && locate(b, x, y) === 'outside')) return false;
      }
    }
  }
  if (a.polygonCount === 0) return true;
  return !b.segments.some((e) => {
    if (!boxesOverlap(ab, { xmin: Math.min(e.ax, e.bx), xmax: Math.max(e.ax, e.bx), ymin: Math.min(e.ay, e.by), ymax: Math.max(e.ay, e.by) })) return false;
    return pieces(e, a).some(
      (piece) => locate(a, piece.x, piece.y) === 'interior' && beside(piece).some(([x, y]) => locate(b, x, y) === 'outside'),
    );
  });
}
