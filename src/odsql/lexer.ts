// Splits ODSQL clause text into tokens that remember where they start and end.
import type { Clause } from './ast.ts';
import { OdsqlError } from './errors.ts';

type TokenKind =
  | 'name' // field or function name, possibly dotted: `population`, `metas.default.title`
  | 'quoted_name' // back-quoted name: `12`, `and`
  | 'keyword' // value lower-cased
  | 'string'
  | 'number' // value is the digits as written
  | 'date' // date'…': value is the text between the quotes
  | 'geom'
  | 'operator'
  | 'end';

export interface Token {
  kind: TokenKind;
  value: string;
  /** Offset of the first character, in UTF-16 code units. */
  start: number;
  /** Offset just past the last character. */
  end: number;
}

export const keywords: ReadonlySet<string> = new Set([
  'and', 'or', 'not', 'in', 'is', 'null', 'true', 'false', 'as', 'asc', 'desc', 'distinct', 'like', 'to',
]);

// Longest first, so `<=` is not read as `<` then `=`.
const operators = ['<=', '>=', '<>', '!=', '..', '=', '<', '>', ':', '+', '-', '*', '/', '(', ')', '[', ']', ','];

const namePattern = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*/y;
// `1..5` must stay `1`, `..`, `5`: a fraction needs a digit after its dot.
const numberPattern = /(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/y;

const simpleEscapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };

/** How a token reads in an error message. */
export function describeToken(token: Token, text: string): string {
  if (token.kind === 'end') return 'the end of the text';
  const source = text.slice(token.start, token.end);
  const shown = source.length > 40 ? `${source.slice(0, 37)}...` : source;
  if (token.kind === 'string') return `the string ${shown}`;
  if (token.kind === 'keyword') return `the keyword ${token.value.toUpperCase()}`;
  return `"${shown}"`;
}

function describeCharacter(text: string, at: number): string {
  const code = text.codePointAt(at) ?? 0;
  const visible = code > 0x20 && code !== 0x7f && !(code >= 0xd800 && code <= 0xdfff);
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return visible ? `"${String.fromCodePoint(code)}" (${hex})` : hex;
}

/**
 * Characters the lexer has looked at and tokens the parser has read, over the process's life: a test holds parsing
 * to linear work with it (ten times the text, about ten times the steps), which wall time cannot show reliably.
 */
export const parseWork = { steps: 0 };

class Lexer {
  private at = 0;
  readonly tokens: Token[] = [];

  constructor(
    private readonly text: string,
    private readonly clause: Clause,
  ) {}

  run(): Token[] {
    const { text } = this;
    while (this.at < text.length) {
      parseWork.steps++;
      const c = text[this.at];
      if (/\s/.test(c)) {
        this.at++;
      } else if (c === '"' || c === "'") {
        const start = this.at;
        this.push('string', this.quoted(), start);
      } else if (c === '`') {
        this.quotedName();
      } else if (/[A-Za-z_]/.test(c)) {
        this.word();
      } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[this.at + 1] ?? ''))) {
        this.number();
      } else {
        const operator = operators.find((op) => text.startsWith(op, this.at));
        if (!operator) {
          throw new OdsqlError(
            `Unexpected character ${describeCharacter(text, this.at)} at position ${this.at} in ${this.clause}; ` +
              'quote text as "…" and back-quote unusual field names as `…`.',
            this.clause, this.at, { code: 'unexpected_character', character: describeCharacter(text, this.at) },
          );
        }
        this.push('operator', operator, this.at);
        this.at += operator.length;
      }
    }
    this.tokens.push({ kind: 'end', value: '', start: text.length, end: text.length });
    return this.tokens;
  }

  private push(kind: TokenKind, value: string, start: number): void {
    this.tokens.push({ kind, value, start, end: kind === 'operator' ? start + value.length : this.at });
  }

  private word(): void {
    const start = this.at;
    namePattern.lastIndex = start;
    const word = namePattern.exec(this.text)![0];
    this.at += word.length;
    const lower = word.toLowerCase();
    const next = this.text[this.at];
    if ((lower === 'date' || lower === 'geom') && (next === '"' || next === "'")) {
      this.push(lower === 'date' ? 'date' : 'geom', this.quoted(start), start);
    } else if (keywords.has(lower)) {
      this.push('keyword', lower, start);
    } else {
      this.push('name', word, start);
    }
  }

  private number(): void {
    const start = this.at;
    numberPattern.lastIndex = start;
    const raw = numberPattern.exec(this.text)![0];
    this.at += raw.length;
    if (!Number.isFinite(Number(raw))) {
      throw new OdsqlError(`The number ${raw} at position ${start} in ${this.clause} is too large.`, this.clause, start, { code: 'number_too_large', number: raw });
    }
    this.push('number', raw, start);
  }

  /** A "…" or '…' string at the current quote (its token begins at `start`); returns its value with escapes read. */
  private quoted(start = this.at): string {
    const { text, clause } = this;
    const quote = text[this.at];
    let value = '';
    let i = this.at + 1;
    while (i < text.length && text[i] !== quote) {
      if (text[i] !== '\\') {
        value += text[i++];
        continue;
      }
      const escaped = text[i + 1];
      if (escaped === undefined) break;
      if (escaped === 'u') {
        const hex = text.slice(i + 2, i + 6);
        if (!/^[0-9A-Fa-f]{4}$/.test(hex)) {
          throw new OdsqlError(
            `Expected four hexadecimal digits after \\u at position ${i} in ${clause}, found "${hex}".`,
            clause, i, { code: 'bad_escape' },
          );
        }
        value += String.fromCharCode(parseInt(hex, 16));
        i += 6;
      } else {
        // Any other escaped character stands for itself: \" \' \\ \/ and the lenient rest.
        value += simpleEscapes[escaped] ?? escaped;
        i += 2;
      }
    }
    if (i >= text.length) {
      throw new OdsqlError(
        `Unterminated ${start === this.at ? 'string' : 'literal'} starting at position ${start} in ${clause}: add the closing ${quote}.`,
        clause, start, { code: 'unterminated', quote },
      );
    }
    parseWork.steps += i - this.at;
    this.at = i + 1;
    return value;
  }

  private quotedName(): void {
    const { text, clause } = this;
    const start = this.at;
    let name = '';
    let i = start + 1;
    while (i < text.length && text[i] !== '`') {
      // Only \` and \\ are escapes, as the JS client writes them; other backslashes are kept.
      if (text[i] === '\\' && (text[i + 1] === '`' || text[i + 1] === '\\')) {
        name += text[i + 1];
        i += 2;
      } else {
        name += text[i++];
      }
    }
    if (i >= text.length) {
      throw new OdsqlError(
        `Unterminated back-quoted name starting at position ${start} in ${clause}: add the closing \`.`,
        clause, start, { code: 'unterminated', quote: '`' },
      );
    }
    if (name === '') {
      throw new OdsqlError(`Empty back-quoted name at position ${start} in ${clause}.`, clause, start, { code: 'empty_name' });
    }
    parseWork.steps += i - this.at;
    this.at = i + 1;
    this.push('quoted_name', name, start);
  }
}

/** The tokens of `text`, always ending with an `end` token at `text.length`. */
export function tokenize(text: string, clause: Clause): Token[] {
  return new Lexer(text, clause).run();
}
