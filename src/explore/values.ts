// Turns engine values into the JSON Opendatasoft serialises for each field type, in the request's time zone.
import type { OutputColumn } from '../odsql/query.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** `2024-01-01T00:30:00+01:00`: ISO 8601 with the zone's offset at that instant. */
function formatDateTime(epochMs: number, timeZone: string): string {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(epochMs)).map((p) => [p.type, p.value]));
  const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  const offsetMinutes = Math.round((local - Math.floor(epochMs / 1000) * 1000) / 60000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  const fraction = epochMs % 1000 === 0 ? '' : `.${String(((epochMs % 1000) + 1000) % 1000).padStart(3, '0')}`;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${fraction}${offset}`;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

function value(raw: unknown, type: OutputColumn['type'], timeZone: string): unknown {
  if (raw === null || raw === undefined) return null;
  switch (type) {
    case 'datetime':
      return formatDateTime(Number(raw), timeZone);
    case 'int':
    case 'double':
    case 'number':
      return Number(raw);
    case 'geo_point_2d': {
      const p = raw as { lat: number; lon: number };
      return { lon: p.lon, lat: p.lat };
    }
    case 'geo_shape':
      return { type: 'Feature', geometry: JSON.parse(String(raw)), properties: {} };
    case 'json_blob':
      return JSON.parse(String(raw));
    default:
      return raw;
  }
}

/** One response record from one engine row, keys in the order of the columns. */
export function presentRow(row: Record<string, unknown>, columns: OutputColumn[], timeZone: string): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const column of columns) record[column.key] = value(row[column.alias], column.type, timeZone);
  return record;
}
