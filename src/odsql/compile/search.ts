// Full-text matching: case- and accent-insensitive, each word matching the start of a word in the value.
import { fieldType, quoteIdentifier } from '../types.ts';
import type { CompileContext } from './context.ts';

export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * `"tourism port"`: every word must start a word of some searched column. `columns` null means every text
 * field. ODS's search is fuzzy on all but the last word; here every word matches as a prefix (documented).
 */
export function fullTextSearch(ctx: CompileContext, columns: string[] | null, text: string, mode: 'search' | 'suggest'): string {
  const targets =
    columns ??
    ctx.schema.fields
      .filter((f) => f.type === 'text')
      .map((f) => (fieldType(f) === 'text_list' ? `array_to_string(${quoteIdentifier(f.name)}, ' ')` : quoteIdentifier(f.name)));
  const words = foldText(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
  if (words.length === 0) return 'TRUE';
  if (targets.length === 0) return 'FALSE';
  void mode;
  const conditions = words.map((word) => {
    const pattern = ctx.params.add(`(^|[^[:alnum:]])${escapeRegex(word)}`);
    return `(${targets.map((t) => `regexp_matches(strip_accents(lower(${t})), ${pattern})`).join(' OR ')})`;
  });
  return `(${conditions.join(' AND ')})`;
}
