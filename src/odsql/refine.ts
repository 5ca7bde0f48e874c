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
