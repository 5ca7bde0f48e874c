// refine= and exclude= (`field:value`): facet filters compiled to conditions over the dataset's fields.
import type { Field } from './fields.ts';
import { OdsqlError } from './errors.ts';
import { fieldType, quoteIdentifier, type Params } from './types.ts';

function split(text: string, clause: 'refine' | 'exclude'): { field: string; value: string } {
  const colon = text.indexOf(':');
  if (colon <= 0) throw new OdsqlError(`Expected FIELD:VALUE in ${clause}, found "${text}".`, clause, 0, { code: 'refine_format', text });
  let value = text.slice(colon + 1);
  if (/^".*"$|^'.*'$/.test(value)) value = value.slice(1, -1);
  return { field: text.slice(0, colon), value };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A year, month or day of a date field as a range of the field's own type, which the engine prunes row groups on
 * (its parts, compared one by one, are computed for every row): from the period's first local midnight to the next
 * one. Null for a period that is no real one (month 13, 31 April), which keeps its old form and matches nothing.
 */
function periodRange(type: 'date' | 'datetime', column: string, year: number, month: number | null, day: number | null): string | null {
  const start = new Date(Date.UTC(2000, (month ?? 1) - 1, day ?? 1));
  start.setUTCFullYear(year);
  if (start.getUTCMonth() !== (month ?? 1) - 1 || start.getUTCDate() !== (day ?? 1)) return null;
  const end = new Date(start.getTime());
  if (day !== null) end.setUTCDate(end.getUTCDate() + 1);
  else if (month !== null) end.setUTCMonth(end.getUTCMonth() + 1);
  else end.setUTCFullYear(end.getUTCFullYear() + 1);
  if (year < 1 || end.getUTCFullYear() > 9999) return null;
  // Built from checked numbers, never from the request's text, so the bounds go into the SQL as they are.
  const text = (d: Date) => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const bound = (d: Date) => (type === 'date' ? `DATE '${text(d)}'` : `CAST('${text(d)} 00:00:00' AS TIMESTAMPTZ)`);
  return `(${column} >= ${bound(start)} AND ${column} < ${bound(end)})`;
}

/** The condition a `field:value` facet filter stands for. Dates refine by year, year/month or year/month/day. */
export function facetCondition(fields: Field[], text: string, clause: 'refine' | 'exclude', params: Params): string {
  const { field: name, value } = split(text, clause);
  const field = fields.find((f) => f.name === name);
  if (!field) throw new OdsqlError(`Unknown field "${name}" in ${clause}; the fields are: ${fields.map((f) => f.name).join(', ')}.`, clause, 0, { code: 'unknown_field', name, fields: fields.map((f) => f.name).join(', ') });
  const column = quoteIdentifier(field.name);
  const bad = (expected: string) =>
    new OdsqlError(`The ${clause} value "${value}" for ${name} is not ${expected}.`, clause, name.length + 1, { code: 'refine_value', field: name, value });
  switch (field.type) {
    case 'int':
    case 'double': {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n)) throw bad('a number');
      return `(${column} = ${params.add(n)})`;
    }
    case 'boolean': {
      const v = value.toLowerCase();
      if (!['true', 'false', '1', '0'].includes(v)) throw bad('true or false');
      return `(${column} = ${v === 'true' || v === '1' ? 'TRUE' : 'FALSE'})`;
    }
    case 'date':
    case 'datetime': {
      const m = /^(\d{4})(?:[/-](\d{1,2})(?:[/-](\d{1,2}))?)?$/.exec(value);
      if (!m) throw bad('a date such as 2024, 2024/03 or 2024/03/05');
      const period = periodRange(field.type, column, Number(m[1]), m[2] ? Number(m[2]) : null, m[3] ? Number(m[3]) : null);
      if (period) return period;
      const parts = [`date_part('year', ${column}) = ${params.add(Number(m[1]))}`];
      if (m[2]) parts.push(`date_part('month', ${column}) = ${params.add(Number(m[2]))}`);
      if (m[3]) parts.push(`date_part('day', ${column}) = ${params.add(Number(m[3]))}`);
      return `(${parts.join(' AND ')})`;
    }
    default:
      return fieldType(field) === 'text_list' ? `list_contains(${column}, ${params.add(value)})` : `(${column} = ${params.add(value)})`;
  }
}

export function facetFilters(fields: Field[], refine: string[], exclude: string[], params: Params): string[] {
  return [
    ...refine.map((r) => facetCondition(fields, r, 'refine', params)),
    // An excluded value removes only the records that have it: nulls stay.
    ...exclude.map((x) => `(${facetCondition(fields, x, 'exclude', params)} IS NOT TRUE)`),
  ];
}
