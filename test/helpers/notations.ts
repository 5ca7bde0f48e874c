// Test support: numbers and dates written as people write them, CSV and Windows-1252 written as spreadsheets save them,
// and what a value reads as where a notation leaves it open. Independent of src/: the import is checked against it.

/** How a number is grouped and where its decimal mark is; the kinds src/engine/ingest/numbers.ts reads. */
export const numberNotations = {
  plain: { group: null, mark: '.' }, // 1234.5
  decimal_comma: { group: null, mark: ',' }, // 1234,5
  dot_comma: { group: '.', mark: ',' }, // 1.234,5
  comma_dot: { group: ',', mark: '.' }, // 1,234.5
  space_comma: { group: 'space', mark: ',' }, // 1 234,5
  space_dot: { group: 'space', mark: '.' }, // 1 234.5
  apostrophe: { group: 'apostrophe', mark: '.' }, // 1'234.5
} as const;
export type NumberNotation = keyof typeof numberNotations;

export interface Unit {
  text: string;
  position: 'prefix' | 'suffix';
  /** Between the unit and the number. */
  gap: string;
}

export interface NumberStyle {
  notation: NumberNotation;
  /** The space that groups thousands: a space, a no-break space or a narrow no-break space. */
  space: string;
  /** The apostrophe that groups thousands: ' or ’. */
  apostrophe: string;
  unit: Unit | null;
  /** Group every value of 1000 or more, or only those whose `group` says so. */
  grouping: 'always' | 'mixed';
  /** Write `+` before positive values. */
  plus: boolean;
}

/** A number as its digits, so that writing it never rounds: `-` `1234` `.` `50`. */
export interface Digits {
  negative: boolean;
  integer: string;
  /** Digits after the decimal mark, '' for none (trailing zeros kept: `7,50`). */
  fraction: string;
}

export const valueOf = (d: Digits): number => Number(`${d.negative ? '-' : ''}${d.integer}${d.fraction ? `.${d.fraction}` : ''}`);

function grouped(integer: string, separator: string): string {
  let out = '';
  for (let i = integer.length; i > 0; i -= 3) out = integer.slice(Math.max(0, i - 3), i) + (out ? separator + out : '');
  return out;
}

export function writeNumber(d: Digits, style: NumberStyle, group: boolean): string {
  const notation = numberNotations[style.notation];
  const separator = notation.group === 'space' ? style.space : notation.group === 'apostrophe' ? style.apostrophe : notation.group;
  const sign = d.negative ? '-' : style.plus ? '+' : '';
  const integer = separator && (style.grouping === 'always' || group) ? grouped(d.integer, separator) : d.integer;
  const text = `${sign}${integer}${d.fraction ? notation.mark + d.fraction : ''}`;
  const unit = style.unit;
  if (!unit) return text;
  return unit.position === 'prefix' ? `${unit.text}${unit.gap}${text}` : `${text}${unit.gap}${unit.text}`;
}

/** The number without its unit, as the parsers see it. */
export function withoutUnit(written: string, unit: Unit | null): string {
  if (!unit) return written;
  const bare = unit.position === 'prefix' ? written.slice(unit.text.length) : written.slice(0, written.length - unit.text.length);
  return bare.replace(/^[ \u00a0\u202f]+|[ \u00a0\u202f]+$/g, '');
}

/** How one notation reads a number written without its unit; null where the notation does not accept it. */
export interface Reader {
  notation: NumberNotation;
  read(bare: string): number | null;
}

function reader(notation: NumberNotation, group: string | null, mark: '.' | ','): Reader {
  const m = mark === '.' ? '\\.' : ',';
  const integer = group ? `([1-9][0-9]{0,2}(${group}[0-9]{3})+|[0-9]+)` : '[0-9]+';
  const pattern = new RegExp(`^[+-]?${integer}(${m}[0-9]+)?$`, 'u');
  const separators = group ? new RegExp(group, 'gu') : null;
  return {
    notation,
    read: (bare) => {
      if (!pattern.test(bare)) return null;
      const plain = separators ? bare.replace(separators, '') : bare;
      return Number(mark === ',' ? plain.replace(',', '.') : plain);
    },
  };
}

export const readers: Reader[] = [
  reader('plain', null, '.'),
  reader('decimal_comma', null, ','),
  reader('dot_comma', '\\.', ','),
  reader('comma_dot', ',', '.'),
  reader('space_comma', '[ \u00a0\u202f]', ','),
  reader('space_dot', '[ \u00a0\u202f]', '.'),
  reader('apostrophe', "['\u2019]", '.'),
];
export const readerOf = (notation: NumberNotation) => readers.find((r) => r.notation === notation)!;

/** The notations that read every value of a column. */
export const readersOfAll = (bare: string[]) => readers.filter((r) => bare.every((v) => r.read(v) !== null));

/** No value settles how the column reads: two notations read every value, and read some value differently. */
export function ambiguousNumbers(bare: string[]): boolean {
  const all = readersOfAll(bare);
  return all.some((a) => all.some((b) => bare.some((v) => a.read(v) !== b.read(v))));
}

export const sameNumber = (a: number, b: number) => a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));

// Dates.

export const dateFormats = [
  'yyyy-mm-dd',
  'dd/mm/yyyy',
  'mm/dd/yyyy',
  'dd-mm-yyyy',
  'mm-dd-yyyy',
  'dd.mm.yyyy',
  'dd/mm/yy',
  'mm/dd/yy',
  'dd-mm-yy',
  'd mmm yyyy',
  'mmm d, yyyy',
  'mmm yyyy',
] as const;
export type DateFormat = (typeof dateFormats)[number];

/** Forms whose day and month trade places in a rival form: a column with no day above 12 does not say which. */
export const dayOrderFormats = new Set<DateFormat>(['dd/mm/yyyy', 'mm/dd/yyyy', 'dd-mm-yyyy', 'mm-dd-yyyy', 'dd/mm/yy', 'mm/dd/yy']);
export const twoDigitYearFormats = new Set<DateFormat>(['dd/mm/yy', 'mm/dd/yy', 'dd-mm-yy']);

export interface Day {
  year: number;
  month: number;
  day: number;
}

export const months = {
  nl: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  nlShort: ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  enShort: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'],
};

export interface DateStyle {
  format: DateFormat;
  /** Days and months of one digit written with a leading zero. */
  pad: boolean;
  words: keyof typeof months;
  /** An abbreviation followed by a dot (not where the abbreviation is the whole name: mei, May). */
  dot: boolean;
  letterCase: 'lower' | 'title' | 'upper';
  /** Between day, month name and year: a space or a dash. */
  separator: ' ' | '-';
  /** `January 3, 2024` or `January 3 2024`. */
  comma: boolean;
}

const two = (n: number) => String(n).padStart(2, '0');
export const isoDay = (d: Day) => `${d.year}-${two(d.month)}-${two(d.day)}`;
export const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function monthWord(month: number, style: DateStyle): string {
  const base = months[style.words][month - 1];
  const full = months.nl.includes(base.toLowerCase()) || months.en.some((m) => m.toLowerCase() === base.toLowerCase());
  const word = style.letterCase === 'lower' ? base.toLowerCase() : style.letterCase === 'upper' ? base.toUpperCase() : base[0].toUpperCase() + base.slice(1).toLowerCase();
  return style.dot && !full && style.separator === ' ' ? `${word}.` : word;
}

export function writeDate(d: Day, style: DateStyle): string {
  const day = style.pad ? two(d.day) : String(d.day);
  const month = style.pad ? two(d.month) : String(d.month);
  const yy = two(d.year % 100);
  switch (style.format) {
    case 'yyyy-mm-dd':
      return isoDay(d);
    case 'dd/mm/yyyy':
      return `${day}/${month}/${d.year}`;
    case 'mm/dd/yyyy':
      return `${month}/${day}/${d.year}`;
    case 'dd-mm-yyyy':
      return `${day}-${month}-${d.year}`;
    case 'mm-dd-yyyy':
      return `${month}-${day}-${d.year}`;
    case 'dd.mm.yyyy':
      return `${day}.${month}.${d.year}`;
    case 'dd/mm/yy':
      return `${day}/${month}/${yy}`;
    case 'mm/dd/yy':
      return `${month}/${day}/${yy}`;
    case 'dd-mm-yy':
      return `${day}-${month}-${yy}`;
    case 'd mmm yyyy':
      return [day, monthWord(d.month, style), d.year].join(style.separator);
    case 'mmm d, yyyy':
      return `${monthWord(d.month, { ...style, separator: ' ' })} ${day}${style.comma ? ',' : ''} ${d.year}`;
    case 'mmm yyyy':
      return `${monthWord(d.month, style)}${style.separator}${d.year}`;
  }
}

/** A day-order value read the other way round: 03/04/2024 as 4 March where it was 3 April, or the reverse. */
export const otherDayOrder = (d: Day) => isoDay({ year: d.year, month: d.day, day: d.month });

// Files.

/** Windows-1252 for the characters outside Latin-1 that the tests write; Latin-1 maps to itself. */
const cp1252Extra: Record<string, number> = { '€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '‰': 0x89, Š: 0x8a, Œ: 0x8c, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, š: 0x9a, œ: 0x9c, Ÿ: 0x9f };

export const inWindows1252 = (c: string) => c in cp1252Extra || (c.length === 1 && (c.charCodeAt(0) < 0x80 || (c.charCodeAt(0) >= 0xa0 && c.charCodeAt(0) <= 0xff)));

export function encodeWindows1252(text: string): Buffer {
  const bytes: number[] = [];
  for (const c of text) {
    if (!inWindows1252(c)) throw new Error(`${JSON.stringify(c)} has no Windows-1252 byte`);
    bytes.push(cp1252Extra[c] ?? c.charCodeAt(0));
  }
  return Buffer.from(bytes);
}

export const validUtf8 = (bytes: Uint8Array) => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

export interface CsvForm {
  encoding: 'utf-8' | 'windows-1252';
  bom: boolean;
  delimiter: ';' | ',';
  /** Excel's `sep=;` first line. */
  sepLine: boolean;
  lineEnding: '\n' | '\r\n';
  finalLineEnding: boolean;
}

/**
 * CSV text as a spreadsheet saves it: values quoted where they hold the delimiter, a quote or a line break, or where
 * `quote` asks. A file of one column has no delimiter to go by: there a value holding any delimiter is quoted.
 */
export function writeCsv(form: CsvForm, header: string[], rows: { text: string; quote: boolean }[][]): string {
  const lone = header.length === 1 && !form.sepLine;
  const needs = (v: string) => v.includes(form.delimiter) || /["\r\n]/.test(v) || (lone && /[;,\t|]/.test(v));
  const cell = (v: string, quote: boolean) => (quote || needs(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [
    ...(form.sepLine ? [`sep=${form.delimiter}`] : []),
    header.map((h) => cell(h, false)).join(form.delimiter),
    ...rows.map((row) => row.map((c) => cell(c.text, c.quote)).join(form.delimiter)),
  ];
  return lines.join(form.lineEnding) + (form.finalLineEnding ? form.lineEnding : '');
}
