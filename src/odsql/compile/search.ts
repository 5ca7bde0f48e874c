// Full-text matching: case- and accent-insensitive, words matching word beginnings, search() also a few edits off.
import { fieldType, quoteIdentifier, type Schema } from '../types.ts';
import { checkItems, queryLimits } from '../limits.ts';
import type { Expression } from '../ast.ts';
import type { CompileContext, TextIndex } from './context.ts';

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

/** A searched text as the engine compares it: lower case, accents stripped. The text index folds with the same SQL. */
const foldedSql = (column: string) => `strip_accents(lower(${column}))`;

/** What separates the words of a folded text: anything but an ASCII letter or digit (RE2's [:alnum:]). */
const wordSeparator = '[^[:alnum:]]+';

/** The columns a search of every text field reads, as SQL: a multivalued field's values joined by spaces. */
export function searchedColumns(schema: Schema): string[] {
  return schema.fields
    .filter((f) => f.type === 'text')
    .map((f) => (fieldType(f) === 'text_list' ? `array_to_string(${quoteIdentifier(f.name)}, ' ')` : quoteIdentifier(f.name)));
}

/**
 * The words of a record as the text index keeps them (engine/text-index.ts): every folded searched column split on
 * `wordSeparator`, each word once. Written here, beside the predicate, so that the two cannot drift apart.
 */
export function recordWordsSql(columns: string[]): string {
  const lists = columns.map((c) => `coalesce(string_split_regex(${foldedSql(c)}, '${wordSeparator}'), [])`);
  return `list_distinct(list_filter(${lists.join(' || ')}, w -> w <> ''))`;
}

/**
 * `"tourism port"`: every word must start a word of some searched column (`columns` null: every text field).
 * `fuzzy` is search()'s rule: every word but the last may also be a few edits away from a whole word.
 */
export function fullTextSearch(ctx: CompileContext, columns: string[] | null, text: string, mode: 'prefix' | 'fuzzy'): string {
  const targets = columns ?? searchedColumns(ctx.schema);
  const words = foldText(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
  if (words.length === 0) return 'TRUE';
  // Each word is a test on every searched column: both numbers multiply what the engine plans and runs.
  checkItems(ctx.clause, 0, 'search text', 'words', words.length, queryLimits.searchWords, 'Leave out the words that tell least.');
  if (targets.length === 0) return 'FALSE';
  ctx.cost.add(ctx.clause, 0, words.length * targets.length);
  ctx.cost.heavy = true;
  const edits = words.map((word, i) => (mode === 'fuzzy' && i < words.length - 1 ? allowedEdits(word) : 0));
  if (columns === null && indexAnswers(ctx, targets, words)) return indexedSearch(ctx, words, edits);
  const conditions = words.map((word, i) => {
    const plain = ctx.params.add(word);
    const pattern = ctx.params.add(`(^|[^[:alnum:]])${escapeRegex(word)}`);
    const near = edits[i] > 0 ? plain : null;
    return `(${targets
      .map((t) => {
        const folded = foldedSql(t);
        // The regex only runs where the word occurs at all: a plain substring test is several times cheaper.
        const prefix = `(contains(${folded}, ${plain}) AND regexp_matches(${folded}, ${pattern}))`;
        if (!near) return prefix;
        const fuzzy = `len(list_filter(string_split_regex(${folded}, '${wordSeparator}'), w -> levenshtein(w, ${near}) <= ${edits[i]})) > 0`;
        return `(${prefix} OR ${fuzzy})`;
      })
      .join(' OR ')})`;
  });
  return `(${conditions.join(' AND ')})`;
}

/**
 * Whether the version's text index gives exactly the rows the scan above would. It does for a search of every text
 * field whose words are ASCII letters and digits: the scan's "the word follows the start or a character that is not
 * [:alnum:]" then means "some word of the folded text (split on non-[:alnum:]) starts with it", and the index holds
 * those words, folded and split by the same SQL (recordWordsSql). A fuzzy word's "a word of the text within n edits"
 * is a test on the same words. Other words (ß, Greek, CJK: the split treats them as separators), searches of named
 * columns and schemas whose text fields are not those indexed are left to the scan. The index is read by row id,
 * which a field named rowid would hide.
 */
function indexAnswers(ctx: CompileContext, targets: string[], words: string[]): boolean {
  if (!ctx.textIndex?.allowed) return false;
  if (ctx.schema.fields.some((f) => f.name.toLowerCase() === 'rowid')) return false;
  // The index of the columns this schema searches, no more and no fewer.
  const held = new Set(ctx.textIndex.columns);
  if (held.size !== targets.length || !targets.every((t) => held.has(t))) return false;
  return words.every((w) => /^[a-z0-9]+$/.test(w));
}

/**
 * The rows holding every word, from the index: one sorted run of (word, row) per word prefix, which the engine finds
 * by the table's min/max per row group; a fuzzy word adds the words of the vocabulary a few edits away. The rows are
 * the record table's own row ids, so the statement must read that table, not the clustered copy (query.ts).
 */
function indexedSearch(ctx: CompileContext, words: string[], edits: number[]): string {
  const index = ctx.textIndex!;
  index.used = true;
  const sets = words.map((word, i) => {
    const from = ctx.params.add(word);
    // Words are ASCII letters and digits, all below DEL: every word that starts with `word` sorts before word + DEL.
    const to = ctx.params.add(`${word}\u007f`);
    const prefix = `SELECT row FROM ${index.words} WHERE word >= ${from} AND word < ${to}`;
    if (edits[i] === 0) return prefix;
    const near =
      `SELECT word FROM ${index.vocabulary} WHERE length(word) BETWEEN ${word.length - edits[i]} AND ${word.length + edits[i]} ` +
      `AND levenshtein(word, ${from}) <= ${edits[i]}`;
    return `SELECT row FROM (${prefix} UNION ALL SELECT row FROM ${index.words} WHERE word IN (${near}))`;
  });
  const rows = sets.join(' INTERSECT ');
  const condition = `(${index.rowId} IN (${rows}))`;
  index.last = { condition, ...(sets.length > 1 ? distinctRows(rows) : prefixRows(ctx, index, words[0], rows)) };
  return condition;
}

/** Rows of an INTERSECT, each once already. */
function distinctRows(rows: string): Omit<NonNullable<TextIndex['last']>, 'condition'> {
  return {
    count: `SELECT count(*) AS n FROM (${rows})`,
    first: (n) => `SELECT row FROM (${rows}) ORDER BY row LIMIT ${n}`,
  };
}

/**
 * Rows of one word prefix: a record holds each word once, so its row comes once per word the prefix matches. When
 * the prefix matches one word of the vocabulary (most do) the rows are counted and paged as they are, which is
 * several times cheaper than making them distinct (measured at 2 M rows, a word in 8% of them: count 33 → 5 ms).
 */
function prefixRows(ctx: CompileContext, index: TextIndex, word: string, rows: string): Omit<NonNullable<TextIndex['last']>, 'condition'> {
  const from = ctx.params.add(word);
  const to = ctx.params.add(`${word}\u007f`);
  const words = `(SELECT count(*) FROM ${index.vocabulary} WHERE word >= ${from} AND word < ${to})`;
  return {
    count: `SELECT sum(n) AS n FROM (SELECT count(*) AS n FROM (${rows}) WHERE ${words} = 1 UNION ALL SELECT count(DISTINCT row) AS n FROM (${rows}) WHERE ${words} > 1)`,
    first: (n) =>
      `(SELECT row FROM (${rows}) WHERE ${words} = 1 ORDER BY row LIMIT ${n}) UNION ALL (SELECT DISTINCT row FROM (${rows}) WHERE ${words} > 1 ORDER BY row LIMIT ${n})`,
  };
}

/** Whether a node holds anything below it that the predicate's NULL would change: a search() or suggest() call, or a NOT over a text (a bare string is a search there). */
function holdsSearch(node: unknown, negated = false): boolean {
  if (Array.isArray(node)) return node.some((n) => holdsSearch(n, negated));
  if (typeof node !== 'object' || node === null) return false;
  const e = node as { kind?: string; operator?: string; name?: string };
  if (e.kind === 'call' && (e.name === 'search' || e.name === 'suggest')) return true;
  if (negated && e.kind === 'string') return true;
  const notHere = e.kind === 'unary' && e.operator === 'not';
  return Object.values(node).some((n) => holdsSearch(n, negated || notHere));
}

/**
 * Whether the text index may answer the searches of a where item: each sits under AND and OR only. The scan's test
 * is NULL, not false, on a record with a NULL text field that does not match, and the index's is false; under AND and
 * OR a where keeps the same records either way (a NULL keeps none), under NOT or a comparison it would not. Searches
 * elsewhere scan.
 */
export function searchesUnderAndOr(e: Expression): boolean {
  if (e.kind === 'binary' && (e.operator === 'and' || e.operator === 'or')) return searchesUnderAndOr(e.left) && searchesUnderAndOr(e.right);
  if (e.kind === 'string' || (e.kind === 'call' && (e.name === 'search' || e.name === 'suggest'))) return true;
  return !holdsSearch(e);
}
