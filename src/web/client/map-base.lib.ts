// What the base layer of Belgium shows at each zoom, shared by the SVG (server) and Leaflet (client) so both agree.

export interface AreaName {
  nl: string;
  fr: string;
  /** Only where English has its own name (Antwerp, Ghent, the provinces and regions). */
  en?: string;
  /** Region code (municipalities only): which language names a place in English pages. */
  r?: string;
}

export type LabelLevel = 'region' | 'province' | 'municipality';

/**
 * Names at whole zoom levels: none where Belgium is a speck among Europe's countries, regions when it fills a corner,
 * provinces around a view of Belgium, municipalities from a province's view on.
 */
export function labelLevelAt(zoom: number): LabelLevel | null {
  return zoom < 6 ? null : zoom === 6 ? 'region' : zoom <= 8 ? 'province' : 'municipality';
}

/** Municipal borders from a view of a few provinces on; fainter lines would only grey Belgium over at a whole-country view. */
export function baseLevelsAt(zoom: number): { municipalities: boolean; label: LabelLevel | null } {
  return { municipalities: zoom >= 8, label: labelLevelAt(zoom) };
}

/** Which of an area's names a language's pages show first (its catalog's `placeNames`). */
export type NamePreference = 'nl' | 'fr' | 'en';

/**
 * An area's name as a page's catalog prefers it: its name in that language where it has one (always in Dutch and
 * French; in English only where English has its own), else the name used on the spot (Dutch in Flanders, French in
 * Wallonia and Brussels).
 */
export function areaName(area: AreaName, preference: NamePreference): string {
  return area[preference] ?? (area.r === undefined || area.r === '02000' ? area.nl : area.fr);
}

/** Shading classes for counts per area: five steps, the darkest for the largest counts. */
export function shadeClass(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(5, Math.max(1, Math.ceil((Math.log(count + 1) / Math.log(max + 1)) * 5)));
}

export const shadeColours = ['#f6f4ee', '#d2e5f0', '#9ecae1', '#5fa2cc', '#2b73ad', '#084d84'];

/** The font size of a level's names, in pixels (the CSS says the same). */
const labelSize = (level: LabelLevel): number => (level === 'region' ? 12 : 11);

/**
 * Where to show each name, in the order given (larger areas first): on its point, or a line above or below it
 * where that is free; null where every place would overlap a name already placed or be cut by the picture's edge.
 * Widths are estimated from the text's length. Returns the vertical shift in pixels.
 */
export function fitLabels(labels: { x: number; y: number; text: string }[], level: LabelLevel, width: number, height: number): (number | null)[] {
  const size = labelSize(level);
  // Region names are set in capitals with some spacing: wider per letter.
  const perLetter = level === 'region' ? 0.8 : 0.6;
  const placed: [number, number, number, number][] = [];
  const shifts = [0, 1.7, -1.7].map((k) => Math.round(k * size));
  return labels.map(({ x, y, text }) => {
    const w = text.length * size * perLetter + 6;
    for (const dy of shifts) {
      // From a cap above a baseline (the SVG) to half a line below a centre (Leaflet): either way the text is inside.
      const box: [number, number, number, number] = [x - w / 2, y + dy - size, x + w / 2, y + dy + size * 0.7];
      // A name cut by the picture's edge reads as another word: it shows whole or not at all.
      if (box[0] < 0 || box[1] < 0 || box[2] > width || box[3] > height) continue;
      if (placed.some((p) => box[0] < p[2] && box[2] > p[0] && box[1] < p[3] && box[3] > p[1])) continue;
      placed.push(box);
      return dy;
    }
    return null;
  });
}
