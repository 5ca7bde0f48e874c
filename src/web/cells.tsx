// Record values as a person reads them: numbers and dates in the page's language, points as "lat, lon", lists joined.
import type { Field } from '../catalog/types.ts';
import { fieldType } from '../odsql/types.ts';
import type { PageContext } from './context.ts';
import { formatNumber, locales } from '../i18n/index.ts';
import type { Html } from '../html/jsx-runtime.ts';

const locale = (ctx: PageContext) => locales[ctx.lang];

/** Whether a column holds numbers, so it is right-aligned. */
export function isNumeric(field: Field): boolean {
  return field.type === 'int' || field.type === 'double';
}

/** Types ODSQL can order by: not shapes, points, JSON or lists. */
export function isSortable(field: Field): boolean {
  return ['text', 'int', 'double', 'boolean', 'date', 'datetime'].includes(fieldType(field));
}

/** A `YYYY-MM-DD` date is a calendar day, not an instant: formatted in UTC so no zone moves it. */
function formatDay(ctx: PageContext, day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(locale(ctx), { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

function formatInstant(ctx: PageContext, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(ctx), { dateStyle: 'medium', timeStyle: 'short', timeZone: ctx.config.timezone }).format(date);
}

/** A value as plain text, for cells and facet values alike. */
function cellText(ctx: PageContext, field: Field | undefined, value: unknown): string {
  if (value === null || value === undefined) return '';
  const t = ctx.t.table;
  if (typeof value === 'boolean') return value ? t.yes : t.no;
  if (typeof value === 'number') return field?.type === 'int' ? formatNumber(ctx.lang, value) : formatNumber(ctx.lang, value, 6);
  if (Array.isArray(value)) return value.map((v) => cellText(ctx, undefined, v)).join(', ');
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.lat === 'number' && typeof v.lon === 'number') return `${v.lat}, ${v.lon}`;
    const geometry = v.geometry as { type?: string } | undefined;
    if (v.type === 'Feature' && geometry?.type) return t.shape(geometry.type);
    const json = JSON.stringify(value);
    return json.length > 200 ? `${json.slice(0, 200)}…` : json;
  }
  return String(value);
}

/** A cell's content: dates in a `<time>` so programs still read the exact value. */
export function Cell(props: { ctx: PageContext; field: Field | undefined; value: unknown }): Html {
  const { ctx, field, value } = props;
  if (typeof value === 'string' && field?.type === 'date') return <time datetime={value}>{formatDay(ctx, value)}</time>;
  if (typeof value === 'string' && field?.type === 'datetime') return <time datetime={value}>{formatInstant(ctx, value)}</time>;
  return <>{cellText(ctx, field, value)}</>;
}

/** A facet value as shown: booleans in words, dates as they come (2024, 2024/03). */
export function facetValueText(ctx: PageContext, field: Field | undefined, value: string): string {
  if (field?.type === 'boolean') return value === 'true' ? ctx.t.table.yes : value === 'false' ? ctx.t.table.no : value;
  if (field && isNumeric(field) && value.trim() !== '' && Number.isFinite(Number(value))) return cellText(ctx, field, Number(value));
  return value;
}
