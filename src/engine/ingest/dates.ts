// Dates and date-times as people write them: one parser per form, tried in this order after the numbers.
import { guarded } from './guard.ts';
import type { Parser } from './parsers.ts';

const isoDateTime =
  '[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]{1,9})?)?)? ?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?';
const dmyDateTimeFormats = "['%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M', '%d/%m/%Y']";

export const dateParsers: Parser[] = [
  {
    kind: 'date_iso',
    type: 'date',
    accepts: (v) => guarded(`regexp_full_match(${v}, '[0-9]{4}-[0-9]{2}-[0-9]{2}')`, `TRY_CAST(${v} AS DATE) IS NOT NULL`),
    cast: (v) => `CAST(${v} AS DATE)`,
  },
  {
    kind: 'date_dmy',
    type: 'date',
    accepts: (v) => guarded(`regexp_full_match(${v}, '[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}')`, `try_strptime(${v}, '%d/%m/%Y') IS NOT NULL`),
    cast: (v) => `CAST(strptime(${v}, '%d/%m/%Y') AS DATE)`,
  },
  {
    kind: 'date_dmy_dash',
    type: 'date',
    accepts: (v) => guarded(`regexp_full_match(${v}, '[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}')`, `try_strptime(${v}, '%d-%m-%Y') IS NOT NULL`),
    cast: (v) => `CAST(strptime(${v}, '%d-%m-%Y') AS DATE)`,
  },
  {
    // Dates mixed with date-times read as midnight; no offset means the portal's time zone.
    kind: 'datetime_iso',
    type: 'datetime',
    accepts: (v) => guarded(`regexp_full_match(${v}, '${isoDateTime}')`, `TRY_CAST(replace(${v}, ',', '.') AS TIMESTAMPTZ) IS NOT NULL`),
    cast: (v) => `CAST(replace(${v}, ',', '.') AS TIMESTAMPTZ)`,
  },
  {
    kind: 'datetime_dmy',
    type: 'datetime',
    accepts: (v) =>
      guarded(
        `regexp_full_match(${v}, '[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}( [0-9]{1,2}:[0-9]{2}(:[0-9]{2})?)?')`,
        `try_strptime(${v}, ${dmyDateTimeFormats}) IS NOT NULL`,
      ),
    cast: (v) => `CAST(strptime(${v}, ${dmyDateTimeFormats}) AS TIMESTAMPTZ)`,
  },
];
