// Full-text matching: case- and accent-insensitive, words matching word beginnings, search() also a few edits off.
import { fieldType, quoteIdentifier } from '../types.ts';
import { checkItems, queryLimits } from '../limits.ts';
import type { CompileContext } from './context.ts';

function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** ODS's fuzziness: edit distance 2 for a word over five letters, 1 over two, none for shorter words. */
function allowedEdits(word: string): number {
  return word.length > 5 ? 2 : word.length > 2 ? 1 : 0;
}

/**
 * `"tourism port"`: every word must start a word of some searched column (`columns` null: every text field).
 * `fuzzy` is search()'s rule: every word but the last may also be a few edits away from a whole word.
 */
export function fullTextSearch(ctx: CompileContext, columns: string[] | null, text: string, mode: 'prefix' | 'fuzzy'): string {
  const targets =
    columns ??
    ctx.schema.fields
      .filter((f) => f.type === 'text')
      .map((f) => (fieldType(f) === 'text_list' ? `array_to_string(${quoteIdentifier(f.name)}, ' ')` : quoteIdentifier(f.name)));
  const words = foldText(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
  if (words.length === 0) return 'TRUE';
  // Each word is a test on every searched column: both numbers multiply what the engine plans and runs.
  checkItems(ctx.clause, 0, 'search text', 'words', words.length, queryLimits.searchWords, 'Leave out the words that tell least.');
  if (targets.length === 0) return 'FALSE';
  ctx.cost.add(ctx.clause, 0, words.length * targets.length);
  ctx.cost.heavy = true;
  const conditions = words.map((word, i) => {
    const plain = ctx.params.add(word);
    const pattern = ctx.params.add(`(^|[^[:alnum:]])${escapeRegex(word)}`);
    const edits = mode === 'fuzzy' && i < words.length - 1 ? allowedEdits(word) : 0;
    const near = edits > 0 ? plain : null;
    return `(${targets
      .map((t) => {
        const folded = `strip_accents(lower(${t}))`;
        // The regex only runs where the word occurs at all: a plain substring test is several times cheaper.
        const prefix = `(contains(${folded}, ${plain}) AND regexp_matches(${folded}, ${pattern}))`;
        if (!near) return prefix;
        const fuzzy = `len(list_filter(string_split_regex(${folded}, '[^[:alnum:]]+'), w -> levenshtein(w, ${near}) <= ${edits})) > 0`;
        return `(${prefix} OR ${fuzzy})`;
      })
      .join(' OR ')})`;
  });
  return `(${conditions.join(' AND ')})`;
}
