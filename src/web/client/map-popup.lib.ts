/// <reference lib="dom" />
// A map popup's content: records as name and field list, built as DOM nodes with text only, so no value is ever read as HTML.
import { localeOf } from '../../i18n/languages.ts';
import { fill } from './map-query.lib.ts';
import { pluralForm } from '../../i18n/plural.ts';

export interface FieldInfo {
  name: string;
  label: string;
  type: string;
}

export interface PopupTexts {
  yes: string;
  no: string;
  more: string;
  /** `more` for one record. */
  moreOne: string;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** A field value as a person reads it in the page's language; null when there is nothing to show. */
export function displayValue(value: unknown, field: FieldInfo, lang: string, texts: PopupTexts): string | null {
  if (value === null || value === undefined || value === '') return null;
  const locale = localeOf(lang);
  if (Array.isArray(value)) return value.length === 0 ? null : value.map((v) => String(v)).join(', ');
  switch (field.type) {
    case 'boolean':
      return value ? texts.yes : texts.no;
    case 'int':
    case 'double':
      return typeof value === 'number' ? new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }).format(value) : String(value);
    case 'date': {
      const date = new Date(`${String(value)}T00:00:00Z`);
      return Number.isNaN(date.getTime()) ? String(value) : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
    }
    case 'datetime': {
      const date = new Date(String(value));
      return Number.isNaN(date.getTime()) ? String(value) : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
    }
    case 'geo_point_2d':
    case 'geo_shape':
    case 'file':
      return null;
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/** Records as a popup body: each a heading (its label field, if any) and its fields; a note when there are more. */
export function recordsPopup(
  records: Record<string, unknown>[],
  options: { fields: FieldInfo[]; labelField: string | null; lang: string; texts: PopupTexts; total: number },
): HTMLElement {
  const root = element('div', undefined, 'map-popup');
  for (const record of records) {
    const labelValue = options.labelField ? record[options.labelField] : null;
    if (labelValue !== null && labelValue !== undefined && labelValue !== '') root.append(element('h3', String(labelValue)));
    const list = element('dl');
    for (const field of options.fields) {
      if (field.name === options.labelField) continue;
      const text = displayValue(record[field.name], field, options.lang, options.texts);
      if (text === null) continue;
      list.append(element('dt', field.label), element('dd', text));
    }
    root.append(list);
  }
  const rest = options.total - records.length;
  if (rest > 0) root.append(element('p', fill(pluralForm(options.lang, rest) === 'one' ? options.texts.moreOne : options.texts.more, { n: new Intl.NumberFormat(localeOf(options.lang)).format(rest) }), 'map-note'));
  return root;
}

/** A popup body with one line of text: loading, or why nothing came. */
export function messagePopup(text: string, className?: string): HTMLElement {
  const root = element('div', undefined, 'map-popup');
  root.append(element('p', text, className));
  return root;
}
