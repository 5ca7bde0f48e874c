// What a parser is: one form of raw text (a notation of a number, a date order…) and how it becomes a field type's value.
import type { Annotations, FieldType } from '../../odsql/fields.ts';

export interface Parser {
  kind: string;
  type: FieldType;
  /** SQL boolean over the trimmed, non-null text `v`: does this value have this form? */
  accepts(v: string): string;
  /** SQL turning an accepted `v` into the stored value. */
  cast(v: string): string;
  /** Reads numbers and booleans: a typed source's string "00123" or "10000" stays text. */
  scalar?: boolean;
  /** Annotations the form implies, e.g. a list of texts is a multivalued text field. */
  annotations?: Annotations;
  /**
   * The notation as a person writes it (`1.234,5`, `dd/mm/yyyy`): shown in the import report, and what a publisher
   * names as a field's "format" to choose this reading. Forms without a choice to make leave it out.
   */
  format?: string;
  /**
   * Kinds that read the same text as another value (`12.345` as 12345 or as 12.345; `03/04/2024` as 3 April or
   * 4 March). When a rival also accepts every value of a column, no value settles the reading: the import report
   * says so and asks a person to look.
   */
  rivals?: string[];
  /**
   * SQL boolean over `v`: this accepted value would read otherwise in a notation people also use (`12.345` in a
   * column read with a decimal point). The report lists such values for a person to check.
   */
  doubt?(v: string): string;
}
