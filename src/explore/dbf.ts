// dBASE III tables (.dbf), a shapefile's attributes: names of at most 10 characters, C/N/D/L fields, UTF-8 text.

export interface DbfField {
  name: string;
  type: 'C' | 'N' | 'D' | 'L';
  width: number;
  decimals: number;
}

export const maxDbfFields = 255;
/** The record length is a 16-bit number in the header. */
export const maxDbfRecordLength = 0xffff;

/** Names as dBASE holds them: ASCII, at most 10 characters, unique regardless of case (as readers compare them). */
export function dbfFieldNames(names: string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const ascii = name
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[^A-Za-z0-9_]/g, '_');
    const base = (ascii || 'field').slice(0, 10);
    let candidate = base;
    for (let n = 1; taken.has(candidate.toUpperCase()); n++) candidate = base.slice(0, 10 - `_${n}`.length) + `_${n}`;
    taken.add(candidate.toUpperCase());
    return candidate;
  });
}

export function dbfRecordLength(fields: DbfField[]): number {
  return 1 + fields.reduce((sum, f) => sum + f.width, 0);
}

/** The header with its field descriptors; written first with a count of 0 and rewritten at the end. */
export function dbfHeader(fields: DbfField[], records: number, date: Date): Buffer {
  const length = 32 + 32 * fields.length + 1;
  const b = Buffer.alloc(length);
  b[0] = 0x03;
  b[1] = date.getUTCFullYear() - 1900;
  b[2] = date.getUTCMonth() + 1;
  b[3] = date.getUTCDate();
  b.writeUInt32LE(records, 4);
  b.writeUInt16LE(length, 8);
  b.writeUInt16LE(dbfRecordLength(fields), 10);
  fields.forEach((f, i) => {
    const at = 32 + 32 * i;
    b.write(f.name, at, 10, 'latin1');
    b.write(f.type, at + 11, 1, 'latin1');
    b[at + 16] = f.width;
    b[at + 17] = f.decimals;
  });
  b[length - 1] = 0x0d;
  return b;
}

/** UTF-8 cut to `width` bytes without splitting a character. */
function utf8Prefix(text: string, width: number): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= width) return bytes;
  let end = width;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

/** Records from values already written as dBASE text (numbers, YYYYMMDD, T/F); null is blank ('?' for L). */
export function dbfRecords(fields: DbfField[], rows: (string | null)[][]): Buffer {
  const length = dbfRecordLength(fields);
  const b = Buffer.alloc(length * rows.length, 0x20);
  rows.forEach((row, r) => {
    let at = r * length + 1;
    fields.forEach((f, i) => {
      const value = row[i];
      if (value === null || value === undefined) {
        if (f.type === 'L') b.write('?', at, 'latin1');
      } else if (f.type === 'N') {
        // Numbers are right-aligned; one too wide for its field (it cannot be, the widths were measured) would be cut.
        const text = value.length > f.width ? value.slice(0, f.width) : value;
        b.write(text, at + f.width - text.length, 'latin1');
      } else {
        utf8Prefix(value, f.width).copy(b, at);
      }
      at += f.width;
    });
  });
  return b;
}

/** The end-of-file marker after the last record. */
export const dbfEnd = Buffer.of(0x1a);
