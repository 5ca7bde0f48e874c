// date_format(): Joda-style patterns turned into SQL, with day and month names in the request's language.
import { fail, type CompileContext } from './context.ts';

const names: Record<string, { days: string[]; months: string[] }> = {
  // Days from Monday, as ISO counts them.
  en: {
    days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
    months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  },
  fr: {
    days: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'],
    months: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  },
  nl: {
    days: ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'],
    months: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
  },
  de: {
    days: ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'],
    months: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
  },
};

function nameCase(ctx: CompileContext, part: string, list: string[], abbreviate: boolean): string {
  const whens = list.map((n, i) => `WHEN ${i + 1} THEN ${ctx.params.add(abbreviate ? n.slice(0, 3) : n)}`).join(' ');
  return `(CASE ${part} ${whens} END)`;
}

/** Each token, longest first, with the SQL that renders it. */
function tokenSql(ctx: CompileContext, d: string): [string, () => string][] {
  // Own keys only: lang=constructor is no language, whatever Object.prototype has.
  const lang = Object.hasOwn(names, ctx.lang) ? names[ctx.lang] : names.en;
  const num = (part: string, width: number) =>
    width > 1 ? `lpad(CAST(date_part('${part}', ${d}) AS VARCHAR), ${width}, '0')` : `CAST(date_part('${part}', ${d}) AS VARCHAR)`;
  return [
    ['yyyy', () => num('year', 4)],
    ['YYYY', () => num('year', 4)],
    ['xxxx', () => num('isoyear', 4)],
    ['yy', () => `right(${num('year', 4)}, 2)`],
    ['YY', () => `right(${num('year', 4)}, 2)`],
    ['xx', () => `right(${num('isoyear', 4)}, 2)`],
    ['MMMM', () => nameCase(ctx, `month(${d})`, lang.months, false)],
    ['MMM', () => nameCase(ctx, `month(${d})`, lang.months, true)],
    ['MM', () => num('month', 2)],
    ['M', () => num('month', 1)],
    ['dd', () => num('day', 2)],
    ['d', () => num('day', 1)],
    ['DDD', () => num('doy', 3)],
    ['D', () => num('doy', 1)],
    ['EEEE', () => nameCase(ctx, `isodow(${d})`, lang.days, false)],
    ['E', () => nameCase(ctx, `isodow(${d})`, lang.days, true)],
    ['e', () => num('isodow', 1)],
    ['ww', () => num('week', 2)],
    ['w', () => num('week', 1)],
    ['HH', () => num('hour', 2)],
    ['H', () => num('hour', 1)],
    ['mm', () => num('minute', 2)],
    ['m', () => num('minute', 1)],
    ['ss', () => num('second', 2)],
    ['s', () => num('second', 1)],
  ];
}

const isName = (token: string) => token === 'MMMM' || token === 'MMM' || token.startsWith('E');

export function dateFormatSql(ctx: CompileContext, d: string, pattern: string, position: number): string {
  const tokens = tokenSql(ctx, d);
  const parts: string[] = [];
  let literal = '';
  const flush = () => {
    if (literal) parts.push(ctx.params.add(literal));
    literal = '';
  };
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      // '' is a quote; 'text' is literal text.
      if (pattern[i + 1] === "'") {
        literal += "'";
        i += 2;
        continue;
      }
      const end = pattern.indexOf("'", i + 1);
      if (end < 0) fail(ctx, position, `date_format(): a quoted text in the pattern "${pattern}" is not closed.`, { code: 'arguments', name: 'date_format' });
      literal += pattern.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    const token = tokens.find(([t]) => pattern.startsWith(t, i));
    if (token) {
      flush();
      // A name is a CASE of 7 or 12 terms; a pattern of many of them is as costly as a query of as many terms.
      ctx.cost.add(ctx.clause, position, isName(token[0]) ? 12 : 1);
      parts.push(token[1]());
      i += token[0].length;
    } else if (/[A-Za-z]/.test(c)) {
      fail(ctx, position, `date_format(): "${c}" is not a pattern letter; put literal text in quotes.`, { code: 'arguments', name: 'date_format' });
    } else {
      literal += c;
      i++;
    }
  }
  flush();
  return parts.length === 0 ? "''" : `(${parts.join(' || ')})`;
}
