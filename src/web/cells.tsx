// Record values as a person reads them: numbers and dates in the page's language, points as "lat, lon", lists joined.
import type { Field } from '../catalog/types.ts';
import { fieldType } from '../odsql/types.ts';
import type { PageContext } from './context.ts';
import { dateFormat, formatNumber, locales, numberFormat } from '../i18n/index.ts';
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
  return dateFormat(locale(ctx), { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

function formatInstant(ctx: PageContext, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormat(locale(ctx), { dateStyle: 'medium', timeStyle: 'short', timeZone: ctx.config.timezone }).format(date);
}

/** Names of whole numbers that are years or codes, not amounts: "2.004" would misread a year, "44.021" a NIS code. */
const codeName = /(^|[_\s-])(jaar|jaartal|year|postcode|zip|nis|code|id|nr|nummer)([_\s-]|$)/i;

/** Whether an integer field holds years or codes, written without thousands separators. */
function isCodeLike(field: Field | undefined): boolean {
  if (field?.type !== 'int') return false;
  return field.annotations.nis_code !== undefined || codeName.test(field.name);
}

/** The most decimals any of a column's numbers has (at most 6), so the column writes them all alike: 6.431,0 under 6.412,4. */
export function columnDecimals(field: Field, values: unknown[]): number | undefined {
  if (field.type !== 'double') return undefined;
  let most = 0;
  for (const value of values) {
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    const text = String(Number(value.toFixed(6)));
    const point = text.indexOf('.');
    if (point >= 0 && !text.includes('e')) most = Math.max(most, text.length - point - 1);
  }
  return most;
}

function formatCellNumber(ctx: PageContext, field: Field | undefined, value: number, decimals?: number): string {
  if (isCodeLike(field)) return numberFormat(locale(ctx), { useGrouping: false, maximumFractionDigits: 0 }).format(value);
  if (decimals !== undefined) return numberFormat(locale(ctx), { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
  return field?.type === 'int' ? formatNumber(ctx.lang, value) : formatNumber(ctx.lang, value, 6);
}

/** A value as plain text, for cells and facet values alike; `decimals` writes a column's numbers alike. */
function cellText(ctx: PageContext, field: Field | undefined, value: unknown, decimals?: number): string {
  if (value === null || value === undefined) return '';
  const t = ctx.t.table;
  if (typeof value === 'boolean') return value ? t.yes : t.no;
  if (typeof value === 'number') return formatCellNumber(ctx, field, value, decimals);
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
export function Cell(props: { ctx: PageContext; field: Field | undefined; value: unknown; decimals?: number }): Html {
  const { ctx, field, value } = props;
  if (typeof value === 'string' && field?.type === 'date') return <time datetime={value}>{formatDay(ctx, value)}</time>;
  if (typeof value === 'string' && field?.type === 'datetime') return <time datetime={value}>{formatInstant(ctx, value)}</time>;
  return <>{cellText(ctx, field, value, props.decimals)}</>;
}

/** A facet value as shown: booleans in words, dates as they come (2024, 2024/03). */
export function facetValueText(ctx: PageContext, field: Field | undefined, value: string): string {
  if (field?.type === 'boolean') return value === 'true' ? ctx.t.table.yes : value === 'false' ? ctx.t.table.no : value;
  if (field && isNumeric(field) && value.trim() !== '' && Number.isFinite(Number(value))) return cellText(ctx, field, Number(value));
  return value;
}
