// Recursive-descent reading of one ODSQL expression; parser.ts builds the clause entry points on it.
import {
  distanceUnits,
  type Call,
  type Clause,
  type ComparisonOperator,
  type DistanceUnit,
  type Expression,
  type Literal,
} from './ast.ts';
import { OdsqlError, type OdsqlWords } from './errors.ts';
import { checkItems, queryLimits } from './limits.ts';
import { describeToken, parseWork, tokenize, type Token } from './lexer.ts';

/** Parentheses, NOTs, minus signs and calls deeper than this are refused before the stack runs out;
 * a bit over twice maxHeight, so that any accepted tree, printed fully parenthesised, reads back. */
const maxNesting = 410;
/** Trees taller than this are refused, so later recursive passes (checker, compiler, printer) stay safe. */
export const maxHeight = 200;

const comparisons: Record<string, ComparisonOperator> = {
  '=': '=', ':': '=', '!=': '!=', '<>': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=',
};

export class ExpressionParser {
  private readonly tokens: Token[];
  private index = 0;
  private nesting = 0;
  /** End offset of the last token consumed: where an item's source text stops. */
  lastEnd = 0;

  constructor(
    readonly text: string,
    readonly clause: Clause,
  ) {
    this.tokens = tokenize(text, clause);
  }

  peek(ahead = 0): Token {
    parseWork.steps++;
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)];
  }

  next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index++;
    this.lastEnd = token.end;
    return token;
  }

  atEnd(ahead = 0): boolean {
    return this.peek(ahead).kind === 'end';
  }

  isOperator(value: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'operator' && token.value === value;
  }

  isKeyword(value: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'keyword' && token.value === value;
  }

  /** A comma or the end of the text: what may follow a clause item. */
  atItemEnd(ahead = 0): boolean {
    return this.isOperator(',', ahead) || this.atEnd(ahead);
  }

  fail(message: string, position: number, words: OdsqlWords): never {
    throw new OdsqlError(message, this.clause, position, words);
  }

  /** "Expected WHAT after PREVIOUS at position N in CLAUSE (WHY), found TOKEN." at the next token. */
  expected(what: string, why?: string): never {
    const token = this.peek();
    const previous = this.index > 0 ? ` after ${describeToken(this.tokens[this.index - 1], this.text)}` : '';
    const reason = why ? ` (${why})` : '';
    const found = describeToken(token, this.text);
    this.fail(`Expected ${what}${previous} at position ${token.start} in ${this.clause}${reason}, found ${found}.`, token.start, { code: 'unexpected', found: this.text.slice(token.start, token.end) });
  }

  /** Refuses what is left after a complete item or expression, naming a stray `)` as such. */
  unexpected(what: string): never {
    const token = this.peek();
    if (token.kind === 'operator' && token.value === ')') {
      this.fail(
        `Unbalanced parenthesis: the ")" at position ${token.start} in ${this.clause} closes no "(".`,
        token.start, { code: 'unbalanced' },
      );
    }
    this.expected(what);
  }

  private nested<T>(position: number, read: () => T): T {
    if (++this.nesting > maxNesting) {
      this.fail(`The ${this.clause} text nests more than ${maxNesting} levels deep at position ${position}; simplify it.`, position, { code: 'too_deep' });
    }
    try {
      return read();
    } finally {
      this.nesting--;
    }
  }

  /** The loosest level: `a OR b`. */
  or(): Expression {
    let left = this.and();
    while (this.isKeyword('or')) {
      this.next();
      left = { kind: 'binary', operator: 'or', left, right: this.and(), position: left.position };
    }
    return left;
  }

  private and(): Expression {
    let left = this.not();
    while (this.isKeyword('and')) {
      this.next();
      left = { kind: 'binary', operator: 'and', left, right: this.not(), position: left.position };
    }
    return left;
  }

  // NOT sits above comparisons so that `NOT population > 5` negates the whole comparison.
  private not(): Expression {
    const token = this.peek();
    if (!this.isKeyword('not')) return this.predicate();
    this.next();
    return this.nested(token.start, () => ({ kind: 'unary', operator: 'not', operand: this.not(), position: token.start }));
  }

  private predicate(): Expression {
    const left = this.additive();
    const token = this.peek();
    if (token.kind === 'operator' && token.value in comparisons) {
      this.next();
      return { kind: 'binary', operator: comparisons[token.value], left, right: this.additive(), position: left.position };
    }
    if (this.isKeyword('in')) return this.membership(left);
    if (this.isKeyword('is')) return this.isTest(left);
    if (this.isKeyword('like')) {
      this.next();
      const pattern = this.peek();
      if (pattern.kind !== 'string') this.expected('a quoted pattern');
      this.next();
      return { kind: 'like', operand: left, pattern: { kind: 'string', value: pattern.value, position: pattern.start }, position: left.position };
    }
    return left;
  }

  private membership(operand: Expression): Expression {
    this.next();
    const open = this.peek();
    const position = operand.position;
    if (this.isOperator('(')) {
      this.next();
      const values = [this.additive()];
      while (this.isOperator(',')) {
        this.next();
        checkItems(this.clause, this.peek().start, 'IN list', 'values', values.length + 1, queryLimits.inValues, 'Split the query, or use refine.');
        values.push(this.additive());
      }
      if (!this.isOperator(')')) this.expected('"," or ")"', `to close the list opened at position ${open.start}`);
      this.next();
      return { kind: 'in_list', operand, values, position };
    }
    if (this.isOperator('[') || this.isOperator(']')) {
      const lowInclusive = this.next().value === '[';
      const low = this.additive();
      if (!this.isOperator('..') && !this.isKeyword('to')) this.expected('".." or TO between the bounds of the range');
      this.next();
      const high = this.additive();
      if (!this.isOperator(']') && !this.isOperator('[')) this.expected('"]" or "["', `to close the range opened at position ${open.start}`);
      const highInclusive = this.next().value === ']';
      return { kind: 'in_range', operand, low, high, lowInclusive, highInclusive, position };
    }
    if (open.kind === 'name' || open.kind === 'quoted_name') {
      // `"port" IN tags`: membership in a multivalued field, the field as the single value.
      this.next();
      return { kind: 'in_list', operand, values: [{ kind: 'field', name: open.value, position: open.start }], position };
    }
    this.expected('a list "(…)", a range "[…]" or a field name');
  }

  private isTest(operand: Expression): Expression {
    this.next();
    const negated = this.isKeyword('not');
    if (negated) this.next();
    const position = operand.position;
    if (this.isKeyword('null')) {
      this.next();
      return { kind: 'is_null', operand, negated, position };
    }
    if (this.isKeyword('true') || this.isKeyword('false')) {
      return { kind: 'is_boolean', operand, value: this.next().value === 'true', negated, position };
    }
    this.expected('NULL, TRUE or FALSE');
  }

  private additive(): Expression {
    let left = this.multiplicative();
    while (this.isOperator('+') || this.isOperator('-')) {
      const operator = this.next().value as '+' | '-';
      left = { kind: 'binary', operator, left, right: this.multiplicative(), position: left.position };
    }
    return left;
  }

  private multiplicative(): Expression {
    let left = this.unary();
    while (this.isOperator('*') || this.isOperator('/')) {
      const operator = this.next().value as '*' | '/';
      left = { kind: 'binary', operator, left, right: this.unary(), position: left.position };
    }
    return left;
  }

  private unary(): Expression {
    const token = this.peek();
    return this.nested(token.start, () => {
      if (!this.isOperator('-')) return this.primary();
      this.next();
      return { kind: 'unary', operator: '-', operand: this.unary(), position: token.start };
    });
  }

  private primary(): Expression {
    const token = this.peek();
    const position = token.start;
    switch (token.kind) {
      case 'operator':
        if (token.value !== '(') break;
        this.next();
        {
          const inner = this.or();
          if (!this.isOperator(')')) this.expected('")"', `to close the "(" at position ${position}`);
          this.next();
          return inner;
        }
      case 'keyword':
        if (token.value === 'true' || token.value === 'false') {
          this.next();
          return { kind: 'boolean', value: token.value === 'true', position };
        }
        if (token.value === 'null') {
          this.next();
          return { kind: 'null', position };
        }
        break;
      case 'name':
        if (this.isOperator('(', 1)) return this.call();
        this.next();
        return { kind: 'field', name: token.value, position };
      case 'quoted_name':
        this.next();
        return { kind: 'field', name: token.value, position };
      case 'string':
      case 'number':
      case 'date':
      case 'geom':
        this.next();
        return literal(token);
    }
    this.expected('a value');
  }

  private call(): Call {
    const name = this.next();
    const open = this.next();
    const call: Call = { kind: 'call', name: name.value.toLowerCase(), args: [], named: [], distinct: false, position: name.start };
    if (this.isOperator(')')) {
      this.next();
      return call;
    }
    if (this.isKeyword('distinct')) {
      this.next();
      call.distinct = true;
    }
    for (;;) {
      this.argument(call);
      if (this.isOperator(')')) break;
      if (!this.isOperator(',')) this.expected('"," or ")"', `to close ${call.name}( at position ${open.start}`);
      this.next();
    }
    this.next();
    return call;
  }

  private argument(call: Call): void {
    const token = this.peek();
    const endsArgument = (ahead: number) => this.isOperator(',', ahead) || this.isOperator(')', ahead);
    if (token.kind === 'operator' && token.value === '*' && endsArgument(1)) {
      this.next();
      call.args.push({ kind: 'star', position: token.start });
    } else if (token.kind === 'name' && !token.value.includes('.') && this.isOperator('=', 1)) {
      // now(days=-7), geo_cluster(f, 5, radius=40): a comparison as an argument needs parentheses.
      this.next();
      this.next();
      call.named.push({ name: token.value.toLowerCase(), value: this.additive() });
    } else if (token.kind === 'number' && this.peek(1).kind === 'name' && endsArgument(2)) {
      this.next();
      call.args.push(measure(call.name, token, this.next()));
    } else {
      call.args.push(this.or());
    }
  }
}

function literal(token: Token): Literal {
  const position = token.start;
  switch (token.kind) {
    case 'number':
      return { kind: 'number', value: Number(token.value), raw: token.value, position };
    case 'date':
      return { kind: 'date', value: token.value, position };
    case 'geom':
      return { kind: 'geometry', value: token.value, position };
    default:
      return { kind: 'string', value: token.value, position };
  }
}

/** `10km` or `500 km` is a distance, except in range() where `5 m` means five minutes. */
function measure(callName: string, number: Token, unit: Token): Literal {
  const value = Number(number.value);
  const lower = unit.value.toLowerCase();
  if (callName !== 'range' && (distanceUnits as readonly string[]).includes(lower)) {
    return { kind: 'distance', value, unit: lower as DistanceUnit, position: number.start };
  }
  return { kind: 'interval', value, unit: unit.value, position: number.start };
}
