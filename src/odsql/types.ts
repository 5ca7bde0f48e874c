// What the checker knows: the dataset schema, the types of compiled expressions, and the query context.
import type { Field, FieldType } from './fields.ts';

/** Types of compiled expressions: the field types plus what literals and functions produce. */
/** `text_list` is a multivalued text field, stored as a list. */
export type ValueType = FieldType | 'text_list' | 'number' | 'string' | 'null' | 'geometry' | 'any';

export interface Compiled {
  sql: string;
  type: ValueType;
  /** True when the expression contains an aggregate function. */
  aggregate: boolean;
  /** A constant instant (a date literal, now()), which a date field is compared with as a DATE (compile/sargable.ts). */
  instant?: Instant;
  /** year(x): x, so that `year(x) = 2024` compares x with a range of its own type (compile/sargable.ts). */
  yearOf?: Compiled;
  /**
   * A group_by key cheaper to group on than `sql`, which is a function of it alone, one value for one key (range()'s
   * bucket labels): the query groups on this and computes `sql` once per group, not once per row.
   */
  groupKey?: string;
}

export interface Instant {
  /** The TIMESTAMPTZ constant, read in the session's time zone. */
  sql: string;
  /** `YYYY-MM-DD` when the instant is that day's local midnight in every time zone. */
  day: string | null;
}

/**
 * Collects bound parameters: user values never become SQL text. Each value gets a marker that no SQL text
 * can contain (a NUL byte); `bind` numbers the markers a statement really uses, so a count query that
 * leaves out the select list does not carry the select's values.
 */
export class Params {
  readonly values: (string | number | boolean | null)[] = [];
  add(value: string | number | boolean | null): string {
    // The engine binds a whole JavaScript number as a 64-bit integer: one past that range (1e300) goes as a double.
    if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) {
      this.values.push(String(value));
      return `CAST(\u0000${this.values.length - 1}\u0000 AS DOUBLE)`;
    }
    this.values.push(value);
    return `\u0000${this.values.length - 1}\u0000`;
  }
  bind(sql: string): { sql: string; values: (string | number | boolean | null)[] } {
    const values: (string | number | boolean | null)[] = [];
    const numbers = new Map<number, number>();
    const bound = sql.replace(/\u0000(\d+)\u0000/g, (_, index: string) => {
      let n = numbers.get(Number(index));
      if (n === undefined) {
        values.push(this.values[Number(index)]);
        n = values.length;
        numbers.set(Number(index), n);
      }
      return `$${n}`;
    });
    return { sql: bound, values };
  }
}

export interface Schema {
  fields: Field[];
}

/** The field a query names: by its name, or by another name its `alias` annotation gives (the catalog's `explore.…`). */
export function fieldNamed(schema: Schema, name: string): Field | undefined {
  return schema.fields.find((f) => f.name === name) ?? schema.fields.find((f) => f.annotations.alias?.includes(name));
}

export function isNumeric(type: ValueType): boolean {
  return type === 'int' || type === 'double' || type === 'number';
}

export function isTemporal(type: ValueType): boolean {
  return type === 'date' || type === 'datetime';
}

export function isTextual(type: ValueType): boolean {
  return type === 'text' || type === 'string';
}

export function fieldType(field: { type: FieldType; annotations: Record<string, string[]> }): ValueType {
  return field.type === 'text' && field.annotations.multivalued ? 'text_list' : field.type;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
