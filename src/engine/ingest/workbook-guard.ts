// Before exceljs reads a workbook: one pass over the ZIP, with the very parser exceljs uses, inflating every entry to
// nowhere while counting what it holds. A zip bomb (4 GB of shared strings in 18 MB) is refused at the limit, with the
// memory of one chunk; only a workbook that passed is read for its cells.
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import { ImportTooLarge } from '../../errors.ts';
import { isSpace } from './json-scan.ts';
import type { ImportLimits } from './limits.ts';

interface ZipEntry extends Readable {
  path: string;
  vars: { uncompressedSize?: number };
  autodrain(): unknown;
}

// exceljs's own unzipper, not a copy that could read the archive differently (local headers, in file order).
const unzipper = createRequire(createRequire(import.meta.url).resolve('exceljs'))('unzipper') as {
  Parse(options: { forceStream: true }): NodeJS.WritableStream & AsyncIterable<ZipEntry> & { on(event: 'error', listener: () => void): void };
};

/** Excel's own grid: 16,384 columns (XFD). A wider column range or row is no Excel file, and costs exceljs per column. */
const excelColumns = 16_384;
/** More parts than any workbook has; each costs exceljs a little, a million of them a lot. */
const maxEntries = 10_000;
/** Parts exceljs reads whole into objects (workbook, relations, styles); real ones are kilobytes, a few MB at most. */
const maxModelPartBytes = 16 * 1024 * 1024;
/** A tag or a text between tags: Excel keeps a cell to 32,767 characters, six bytes each at most as an entity. */
const maxTokenBytes = 256 * 1024;

const ignore = () => undefined;

type PartKind = 'sharedStrings' | 'worksheet' | 'model' | 'other';

function kindOf(path: string): PartKind {
  if (path === 'xl/sharedStrings.xml') return 'sharedStrings';
  if (/^xl\/worksheets\/sheet\d+\.xml$/.test(path)) return 'worksheet';
  if (path === 'xl/workbook.xml' || path === 'xl/styles.xml' || path.endsWith('.rels')) return 'model';
  return 'other';
}

/** What a pass has counted so far, over all parts. */
interface Tally {
  entries: number;
  bytes: number;
  strings: number;
  chars: number;
}

const lt = 0x3c;
const gt = 0x3e;
const slash = 0x2f;
const colon = 0x3a;
const bang = 0x21;
const question = 0x3f;
const isQuote = (b: number) => b === 0x22 || b === 0x27;

/**
 * Counts the elements of one XML part that exceljs keeps (shared strings, cells, column ranges) and the length of every
 * tag and text, across chunk boundaries. It reads bytes, not XML: a lenient count is enough to bound exceljs's memory.
 */
class XmlCounter {
  private inTag = false;
  private quote = 0;
  private token = 0;
  private name = '';
  private naming = false;
  private tag: number[] = [];
  private rowCells = 0;
  cells = 0;

  constructor(
    private readonly kind: PartKind,
    private readonly tally: Tally,
    private readonly limits: ImportLimits,
    private readonly refuse: (reason: string) => never,
  ) {}

  write(chunk: Buffer): void {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (!this.inTag) {
        if (b === lt) this.open();
        else if (++this.token > maxTokenBytes) this.refuse(`a value in the workbook is longer than ${maxTokenBytes} bytes, more than Excel keeps in a cell`);
        else if (this.kind === 'sharedStrings') this.tally.chars++;
        continue;
      }
      if (++this.token > maxTokenBytes) this.refuse(`a tag in the workbook is longer than ${maxTokenBytes} bytes`);
      if (this.name === 'col') this.tag.push(b);
      // A quoted attribute may hold `>`; comments and declarations (`<!…`, `<?…`) have no attributes to quote.
      if (this.quote !== 0) {
        if (b === this.quote) this.quote = 0;
      } else if (b === gt) this.close();
      else if (isQuote(b) && this.name[0] !== '!' && this.name[0] !== '?') this.quote = b;
      else if (this.naming) this.nameByte(b);
    }
    if (this.kind === 'sharedStrings' && this.tally.chars > this.limits.sharedStringChars) {
      this.refuse(`its shared strings hold more than ${this.limits.sharedStringChars} characters (MAX_IMPORT_SHARED_STRING_CHARS)`);
    }
  }

  private open(): void {
    this.inTag = true;
    this.token = 0;
    this.name = '';
    this.naming = true;
    this.tag.length = 0;
  }

  /** The element's local name: `x:c` and `c` are both a cell; a closing tag's name starts with `/`. */
  private nameByte(b: number): void {
    if (isSpace(b) || (b === slash && this.name !== '')) this.naming = false;
    else if (b === colon) this.name = '';
    else if (this.name.length < 12) this.name += String.fromCharCode(b);
    if (this.name.length === 1 && (b === bang || b === question)) this.naming = false;
  }

  private close(): void {
    this.inTag = false;
    this.token = 0;
    if (this.kind === 'sharedStrings' && this.name === 'si' && ++this.tally.strings > this.limits.sharedStrings) {
      this.refuse(`its shared-string table holds more than ${this.limits.sharedStrings} strings (MAX_IMPORT_SHARED_STRINGS)`);
    }
    if (this.kind !== 'worksheet') return;
    if (this.name === 'row') this.rowCells = 0;
    else if (this.name === 'c') {
      if (++this.rowCells > excelColumns) this.refuse(`a row has more than ${excelColumns} cells, more than Excel's widest sheet`);
      if (++this.cells > this.limits.cells) this.refuse(`a sheet has more than ${this.limits.cells} cells (MAX_IMPORT_CELLS)`);
    } else if (this.name === 'col') {
      const max = /\bmax\s*=\s*["']?(\d+)/.exec(Buffer.from(this.tag).toString('latin1'));
      if (max && Number(max[1]) > excelColumns) this.refuse(`a column range runs to column ${max[1]}, beyond Excel's last column (${excelColumns})`);
    }
  }
}

/**
 * Inflates every entry of the workbook to nowhere, counting: entries, bytes (declared before an entry is inflated, and
 * counted while it is, since a declared size can lie), strings and characters of the shared-string table, cells of each
 * sheet, and the length of every tag and value exceljs would hold. Throws ImportTooLarge at the first limit passed.
 */
export async function checkWorkbook(path: string, displayName: string, limits: ImportLimits): Promise<void> {
  const refuse = (reason: string): never => {
    throw new ImportTooLarge(displayName, `the workbook is too large to import: ${reason}`, { code: 'workbook_too_large' });
  };
  const tally: Tally = { entries: 0, bytes: 0, strings: 0, chars: 0 };
  const input = createReadStream(path);
  const zip = unzipper.Parse({ forceStream: true });
  input.pipe(zip);
  try {
    for await (const entry of zip) {
      // Once refused, the entry is destroyed while unzipper still writes into it: that error is no news.
      entry.on('error', ignore);
      if (++tally.entries > maxEntries) refuse(`it has more than ${maxEntries} parts`);
      const declared = entry.vars.uncompressedSize ?? 0;
      const tooMany = () => refuse(`it holds more than ${limits.uncompressedBytes} bytes once inflated (MAX_IMPORT_UNCOMPRESSED_BYTES)`);
      if (tally.bytes + declared > limits.uncompressedBytes) tooMany();
      const kind = kindOf(entry.path);
      const counter = kind === 'other' ? null : new XmlCounter(kind, tally, limits, refuse);
      let partBytes = 0;
      for await (const chunk of entry as AsyncIterable<Buffer>) {
        tally.bytes += chunk.length;
        partBytes += chunk.length;
        if (tally.bytes > limits.uncompressedBytes) tooMany();
        if (kind === 'model' && partBytes > maxModelPartBytes) refuse(`its part ${entry.path} is larger than ${maxModelPartBytes} bytes`);
        counter?.write(chunk);
      }
    }
  } finally {
    zip.on('error', ignore);
    input.unpipe(zip);
    input.destroy();
  }
}
