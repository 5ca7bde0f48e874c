// Deciding each column's reading from the counts of every value: settled readings, ambiguous ones, doubts, and why.
import { decimalCommaKinds, decimalPointKinds } from './numbers.ts';
import type { Parser } from './parser.ts';
import { parserFor, textParser } from './parsers.ts';
import type { Decision } from './report.ts';
import type { Source } from './types.ts';

/** What the passes over every value counted, per column index and parser kind. */
export interface Counted {
  values(i: number): number;
  accepted(i: number, kind: string): number;
  doubtful(i: number, kind: string): number;
  counted(i: number, kind: string): boolean;
  /** Accepted among the sampled values: all there is of a rival that failed the sample. */
  sampled(i: number, kind: string): number;
  sampledValues(i: number): number;
}

/** A text column whose sampled values are this share numbers or dates of one form is worth a word: a few are not. */
const nearlyShare = 0.9;
const nearlyTypes = new Set(['int', 'double', 'date', 'datetime']);

/** A decision whose examples are still to be read: the values that meet `where`, each read by `readings`. */
interface PendingDecision extends Omit<Decision, 'examples'> {
  /** `counts`: the decision's count is the number of values that meet `where`, counted with the examples. */
  example?: { where: (v: string) => string; readings: Parser[]; counts?: boolean };
}

interface Decided {
  parser: Parser;
  unreadable: number;
  decisions: PendingDecision[];
}

/** Plain notations need no word in the report; any other notation is named with an example of how it was read. */
const plainKinds = new Set(['int', 'double', 'date_iso', 'datetime_iso']);

const formatOf = (p: Parser) => p.format ?? p.type;
const someValue = (p: Parser) => ({ where: () => 'true', readings: [p] });

function decideChosen(i: number, list: Parser[], counted: Counted): Decided {
  const n = counted.values(i);
  const fits = list.find((p) => counted.accepted(i, p.kind) === n);
  // None reads every value: the one that reads most, the others left empty and counted.
  const best = fits ?? list.reduce((a, b) => (counted.accepted(i, b.kind) > counted.accepted(i, a.kind) ? b : a));
  const unreadable = n - counted.accepted(i, best.kind);
  const decisions: PendingDecision[] = [{ code: 'chosen', level: 'info', formats: [formatOf(best)], count: n }];
  if (unreadable > 0) {
    decisions.push({ code: 'unreadable', level: 'check', formats: [formatOf(best)], count: unreadable, example: { where: (v) => `NOT ${best.accepts(v)}`, readings: [] } });
  }
  return { parser: best, unreadable, decisions };
}

/**
 * Each column's parser: the first that reads every value. Where a rival reads every value too (`12.345`, `987`), no
 * value settles the reading: the file decides where it can (a `;` delimiter, decimal commas in other columns), the
 * other columns' notation where they show one, and otherwise the column stays text, flagged for a person.
 */
export function decide(
  source: Source,
  lists: Parser[][],
  counted: Counted,
  options: { chosen: (i: number) => boolean; units: Map<number, string> },
): Decided[] {
  const firsts = lists.map((list, i) => {
    const n = counted.values(i);
    if (options.chosen(i) || n === 0) return null;
    const parser = list.find((p) => counted.counted(i, p.kind) && counted.accepted(i, p.kind) === n) ?? textParser;
    const rival = lists[i].find((r) => parser.rivals?.includes(r.kind) && counted.counted(i, r.kind) && counted.accepted(i, r.kind) === n);
    return { parser, rival };
  });
  // What the settled columns show of the file's way of writing numbers.
  const settled = firsts.filter((f) => f && !f.rival).map((f) => f!.parser.kind);
  const dutch = settled.some((k) => decimalCommaKinds.has(k) || k === 'int_dot');
  const english = settled.some((k) => decimalPointKinds.has(k) || k === 'int_comma' || k === 'double');
  const delimiter = source.format === 'csv' ? source.delimiter : null;

  return lists.map((list, i): Decided => {
    if (options.chosen(i)) return decideChosen(i, list, counted);
    const first = firsts[i];
    if (!first) return { parser: list.includes(textParser) ? textParser : (list[0] ?? textParser), unreadable: 0, decisions: [] };
    const { parser, rival } = first;
    const n = counted.values(i);
    const decisions: PendingDecision[] = [];
    if (parser === textParser) {
      // Nearly every value reads as one type, a few do not (`n/a`, `<5`): the column stays text, and the report says
      // which values kept it so, for a person to choose the type and leave those empty, or to mend the file.
      const sampled = counted.sampledValues(i);
      const best = list.filter((p) => nearlyTypes.has(p.type)).reduce<Parser | null>((a, p) => (counted.sampled(i, p.kind) > (a ? counted.sampled(i, a.kind) : 0) ? p : a), null);
      if (best && sampled > 0 && counted.sampled(i, best.kind) >= nearlyShare * sampled) {
        decisions.push({ code: 'nearly', level: 'info', formats: [formatOf(best)], count: 0, example: { where: (v) => `NOT ${best.accepts(v)}`, readings: [], counts: true } });
      }
      return { parser, unreadable: 0, decisions };
    }
    const unit = options.units.get(i);
    let chosen = parser;

    if (rival) {
      const differ = (v: string) => (parser.doubt ? parser.doubt(v) : `CAST(${parser.cast(v)} AS VARCHAR) <> CAST(${rival.cast(v)} AS VARCHAR)`);
      /** The reading taken, and the two readings in the order the report names them (the one taken first). */
      const say = (code: Decision['code'], level: Decision['level'], reading: Parser, one = parser, two = rival) => {
        chosen = reading;
        const where = (v: string) => `${parser.accepts(v)} AND ${rival.accepts(v)} AND ${differ(v)}`;
        decisions.push({ code, level, formats: [formatOf(one), formatOf(two)], count: n, example: { where, readings: [one, two] } });
      };
      const pair = `${parser.kind}/${rival.kind}`;
      if (pair === 'double/int_dot') {
        if (delimiter === ';') say('thousands_by_delimiter', 'info', rival, rival, parser);
        else if (dutch) say('thousands_by_decimal_comma', 'info', rival, rival, parser);
        else if (english) say('ambiguous_implied', 'check', parser);
        else say('ambiguous_text', 'check', textParser);
      } else if (pair === 'number_dot_comma/number_comma_dot') {
        if (delimiter === ';') say('decimal_comma_by_delimiter', 'info', parser);
        else if (dutch) say('thousands_by_decimal_comma', 'info', parser);
        else if (english) say('ambiguous_implied', 'check', rival, rival, parser);
        else say('ambiguous_text', 'check', textParser);
      } else if (pair === 'double_comma/int_comma') {
        if (delimiter === ';') say('decimal_comma_by_delimiter', 'info', parser);
        else if (dutch) say('ambiguous_implied', 'check', parser);
        else if (english) say('ambiguous_implied', 'check', rival, rival, parser);
        else say('ambiguous_text', 'check', textParser);
      } else if (settled.includes(rival.kind)) {
        say('ambiguous_implied', 'check', rival, rival, parser);
      } else {
        say('ambiguous_first', 'check', parser);
      }
    } else {
      const accepts = (r: Parser) => (counted.counted(i, r.kind) ? counted.accepted(i, r.kind) : counted.sampled(i, r.kind));
      const rivals = list.filter((r) => parser.rivals?.includes(r.kind) && accepts(r) > 0);
      // Some values read two ways, but one value that only this reading accepts settles the column (13/04/2024).
      if (!parser.doubt && rivals.length > 0) {
        const other = rivals[0];
        decisions.push({ code: 'settled', level: 'info', formats: [formatOf(parser), formatOf(other)], count: n, example: { where: (v) => `NOT ${other.accepts(v)}`, readings: [parser] } });
      }
    }
    const doubts = chosen.doubt && chosen === parser ? counted.doubtful(i, chosen.kind) : 0;
    // A decimal comma in a `;`-separated file is the Belgian/Dutch way: `1,250` is one and a quarter.
    if (doubts > 0 && !(chosen.kind === 'double_comma' && delimiter === ';')) {
      const otherwise = chosen.rivals?.[0] ? parserFor(chosen.rivals[0]) : null;
      decisions.push({
        code: 'doubtful',
        level: 'check',
        formats: [formatOf(chosen), ...(otherwise ? [formatOf(otherwise)] : [])],
        count: doubts,
        example: { where: (v) => `${chosen.accepts(v)} AND ${chosen.doubt!(v)}`, readings: otherwise ? [chosen, otherwise] : [chosen] },
      });
    }
    if (chosen.type !== 'text' && unit) decisions.unshift({ code: 'unit', level: 'info', formats: [unit], count: n, example: someValue(chosen) });
    if (chosen.format !== undefined && !plainKinds.has(chosen.kind) && decisions.every((d) => d.level !== 'check' && !d.code.startsWith('thousands') && d.code !== 'decimal_comma_by_delimiter')) {
      decisions.unshift({ code: 'notation', level: 'info', formats: [formatOf(chosen)], count: n, example: { where: (v) => `NOT regexp_full_match(${v}, '[+-]?[0-9]+')`, readings: [chosen] } });
    }
    return { parser: chosen, unreadable: 0, decisions };
  });
}
