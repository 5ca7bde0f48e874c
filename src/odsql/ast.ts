// The ODSQL syntax tree: a discriminated union on `kind`; every node knows where it starts in its clause.

/** Offset (0-based, in UTF-16 code units) of the node's first character in the clause text. */
interface Located {
  position: number;
}

interface FieldRef extends Located {
  kind: 'field';
  /** As written, without back-quotes; may be dotted (`metas.default.title`) on the catalog. */
  name: string;
}

interface StringLiteral extends Located {
  kind: 'string';
  value: string;
}

export interface NumberLiteral extends Located {
  kind: 'number';
  value: number;
  /** The digits as written, e.g. `1.50`, so printing gives back the same text. */
  raw: string;
}

interface BooleanLiteral extends Located {
  kind: 'boolean';
  value: boolean;
}

interface NullLiteral extends Located {
  kind: 'null';
}

/** `date'2017-04-03T08:02'`: the text between the quotes, checked and read by the checker. */
interface DateLiteral extends Located {
  kind: 'date';
  value: string;
}

/** `geom'POINT(1 1)'` or `geom'{"type": …}'`: WKT or GeoJSON text between the quotes. */
interface GeometryLiteral extends Located {
  kind: 'geometry';
  value: string;
}

/** `*` where a function takes it: `count(*)`, `search(*, "x")`, `range(f, *, 10, *)`. */
interface Star extends Located {
  kind: 'star';
}

export const distanceUnits = ['mi', 'yd', 'ft', 'm', 'cm', 'km', 'mm'] as const;
export type DistanceUnit = (typeof distanceUnits)[number];

/** `10km` in within_distance. */
interface DistanceLiteral extends Located {
  kind: 'distance';
  value: number;
  unit: DistanceUnit;
}

/** `1 day`, `2 h`, `1 M` in range(): the unit as written (`ms s m h d w M q y` or words, case-sensitive). */
interface IntervalLiteral extends Located {
  kind: 'interval';
  value: number;
  unit: string;
}

/** A function call; `name` lower-cased. Named arguments (`now(days=-7)`, `radius=40`) go in `named`. */
export interface Call extends Located {
  kind: 'call';
  name: string;
  args: Expression[];
  named: { name: string; value: Expression }[];
  /** `count(distinct f)` */
  distinct: boolean;
}

interface Unary extends Located {
  kind: 'unary';
  operator: 'not' | '-';
  operand: Expression;
}

const comparisonOperators = ['=', '!=', '<', '<=', '>', '>='] as const;
export type ComparisonOperator = (typeof comparisonOperators)[number];
type ArithmeticOperator = '+' | '-' | '*' | '/';
type LogicalOperator = 'and' | 'or';

interface Binary extends Located {
  kind: 'binary';
  /** `:` (legacy equality) parses to `=`, `<>` to `!=`. */
  operator: ComparisonOperator | ArithmeticOperator | LogicalOperator;
  left: Expression;
  right: Expression;
}

/** `f IN ("a", "b")`, or `"a" IN f` for a multivalued field (then `operand` is the literal). */
interface InList extends Located {
  kind: 'in_list';
  operand: Expression;
  values: Expression[];
}

/** `f IN [1..10[`: `[` on the left and `]` on the right are inclusive. `..` and `TO` both separate. */
interface InRange extends Located {
  kind: 'in_range';
  operand: Expression;
  low: Expression;
  high: Expression;
  lowInclusive: boolean;
  highInclusive: boolean;
}

interface IsNull extends Located {
  kind: 'is_null';
  operand: Expression;
  negated: boolean;
}

/** `capital IS TRUE`, `capital IS NOT FALSE`. */
interface IsBoolean extends Located {
  kind: 'is_boolean';
  operand: Expression;
  value: boolean;
  negated: boolean;
}

interface Like extends Located {
  kind: 'like';
  operand: Expression;
  pattern: StringLiteral;
}

export type Literal =
  | StringLiteral
  | NumberLiteral
  | BooleanLiteral
  | NullLiteral
  | DateLiteral
  | GeometryLiteral
  | DistanceLiteral
  | IntervalLiteral;

export type Expression = FieldRef | Literal | Star | Call | Unary | Binary | InList | InRange | IsNull | IsBoolean | Like;

/** One item of `select`. `text` is the item's source text, trimmed: the key of an unaliased result. */
export type SelectItem =
  | ({ kind: 'select_all' } & Located)
  | ({ kind: 'include'; patterns: string[] } & Located)
  | ({ kind: 'exclude'; patterns: string[] } & Located)
  | ({ kind: 'select_expression'; expression: Expression; alias: string | null; text: string } & Located);

export interface GroupByItem extends Located {
  expression: Expression;
  alias: string | null;
  text: string;
}

export interface OrderByItem extends Located {
  expression: Expression;
  direction: 'asc' | 'desc';
  text: string;
}

export type Clause = 'select' | 'where' | 'group_by' | 'order_by' | 'refine' | 'exclude' | 'facet';
