// JSON read byte by byte, in a stream: how deep it nests (refused past maxNesting before any reader recurses into it),
// and a GeoJSON FeatureCollection's features one at a time, so a large file never becomes one object in memory.
import { createReadStream } from 'node:fs';
import { ImportFailed, ImportTooLarge } from '../../errors.ts';
import { maxNesting } from './limits.ts';

const quote = 0x22;
const backslash = 0x5c;
const newline = 0x0a;
const openObject = 0x7b;
const closeObject = 0x7d;
const openArray = 0x5b;
const closeArray = 0x5d;
const comma = 0x2c;
const colon = 0x3a;
/** What `step` answers for the quote that ends a string. */
const stringEnd = 256;
/** White space between tokens: space, tab, line feed, carriage return (JSON's, and XML's too). */
export const isSpace = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

/** Where a reader is in JSON text: its depth, its line, inside a string or not. */
class JsonCursor {
  depth = 0;
  line = 1;
  inString = false;
  private escaped = false;

  constructor(private readonly displayName: string) {}

  /** Takes one byte; answers it when it is structure outside a string (or `stringEnd`), else -1. */
  step(b: number): number {
    if (b === newline) this.line++;
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (b === backslash) this.escaped = true;
      else if (b === quote) {
        this.inString = false;
        return stringEnd;
      }
      return -1;
    }
    if (b === openObject || b === openArray) {
      if (++this.depth > maxNesting) {
        throw new ImportTooLarge(this.displayName, `arrays and objects nest deeper than ${maxNesting} levels, more than this portal reads`, { code: 'too_deep', levels: maxNesting }, this.line);
      }
    } else if (b === closeObject || b === closeArray) this.depth--;
    else if (b === quote) this.inString = true;
    return b;
  }
}

/** Refuses a JSON or JSON-lines file that nests deeper than maxNesting, with the line where it does. */
export async function checkNesting(path: string, displayName: string): Promise<void> {
  const cursor = new JsonCursor(displayName);
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) cursor.step(chunk[i]);
  }
}

/** Largest feature read at once: a detailed municipality is well under a megabyte; a feature is parsed whole. */
const maxFeatureBytes = 32 * 1024 * 1024;

const noCollection = 'a GeoJSON file must hold a FeatureCollection with a features array';

/**
 * The text of each element of the top-level object's `features` array, in order, read in a stream: only one feature
 * is in memory at a time. The top level must be an object whose `type` is "FeatureCollection" (checked at the end,
 * since `type` may come after `features`).
 */
export async function* featureTexts(path: string, displayName: string): AsyncGenerator<Buffer> {
  const cursor = new JsonCursor(displayName);
  let started = false;
  let expectKey = false;
  let key: number[] | null = null;
  let lastKey = '';
  let type: string | null = null;
  let featuresSeen = false;
  let inFeatures = false;
  let parts: Buffer[] = [];
  let from = -1;
  let size = 0;
  let count = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    let i = 0;
    if (!started && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3;
    for (; i < chunk.length; i++) {
      const b = chunk[i];
      const depth = cursor.depth;
      const inString = cursor.inString;
      const role = cursor.step(b);
      if (depth === 0) {
        if (isSpace(b)) continue;
        if (started) throw new ImportFailed(displayName, 'not valid JSON (there is text after the FeatureCollection)', { code: 'not_json' }, cursor.line);
        if (b !== openObject) throw new ImportFailed(displayName, noCollection, { code: 'no_collection' });
        started = true;
        expectKey = true;
        continue;
      }
      // The top-level object: its keys, its "type", and where "features" opens.
      if (depth === 1) {
        if (inString && role === -1 && key && key.length < 64) key.push(b);
        else if (role === quote) key = [];
        else if (role === stringEnd && key) {
          const text = Buffer.from(key).toString('utf8');
          if (expectKey) lastKey = text;
          else if (lastKey === 'type') type = text;
          key = null;
        } else if (role === colon) expectKey = false;
        else if (role === comma) expectKey = true;
        else if (role === openArray && lastKey === 'features' && !expectKey) {
          featuresSeen = true;
          inFeatures = true;
        }
        continue;
      }
      if (!inFeatures) continue;
      if (depth === 2 && !inString) {
        // Between features: a feature opens, the array closes, or something that is not a feature stands there.
        if (role === openObject) {
          from = i;
          parts = [];
          size = 0;
        } else if (role === closeArray) inFeatures = false;
        else if (role !== comma && !isSpace(b)) throw new ImportFailed(displayName, `feature ${count + 1} is not a GeoJSON Feature`, { code: 'not_feature', feature: count + 1 }, cursor.line);
        continue;
      }
      if (role === closeObject && cursor.depth === 2) {
        parts.push(chunk.subarray(from, i + 1));
        count++;
        yield Buffer.concat(parts);
        parts = [];
        from = -1;
      }
    }
    if (from >= 0) {
      const piece = chunk.subarray(from);
      size += piece.length;
      if (size > maxFeatureBytes) {
        throw new ImportTooLarge(displayName, `feature ${count + 1} is larger than ${maxFeatureBytes} bytes, the most this portal reads as one feature`, { code: 'feature_too_large', feature: count + 1, limit: maxFeatureBytes }, cursor.line);
      }
      // A copy: the stream may reuse its chunk's memory.
      parts.push(Buffer.from(piece));
      from = 0;
    }
  }
  if (!started || cursor.depth !== 0 || cursor.inString) throw new ImportFailed(displayName, 'not valid JSON (the text ends before the FeatureCollection does)', { code: 'not_json' });
  if (type !== 'FeatureCollection' || !featuresSeen) throw new ImportFailed(displayName, noCollection, { code: 'no_collection' });
}
