// Bad input fails with file, line and reason, and leaves no file behind: fixtures in test/fixtures/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ImportFailed } from '../../../src/errors.ts';
import { ingestFile } from '../../../src/engine/ingest/index.ts';
import { engineHarness, fixture, type EngineHarness } from '../../helpers/engine.ts';

let h: EngineHarness;
before(async () => {
  h = await engineHarness();
});
after(() => h.close());

async function failure(path: string, options: Parameters<typeof ingestFile>[3] = {}): Promise<ImportFailed> {
  try {
    await ingestFile(h.engine, h.blobs, fixture(path), options);
  } catch (error) {
    assert.ok(error instanceof ImportFailed, `expected ImportFailed, got ${(error as Error).stack}`);
    return error;
  }
  assert.fail(`${path} was imported but should have failed`);
}

const cases: [string, RegExp, number | undefined][] = [
  ['csv/empty.csv', /^the file is empty$/, undefined],
  ['csv/header-only.csv', /header but no records/, undefined],
  ['csv/ragged.csv', /^expected \d+ values \(as in the header\) but found \d+$/, 4],
  ['csv/binary.csv', /binary file/, undefined],
  ['csv/utf16.csv', /UTF-16/, undefined],
  ['other/report.pdf', /^unknown format "\.pdf"; Opaal imports CSV/, undefined],
  ['xlsx/not-a-workbook.xlsx', /not a readable XLSX workbook/, undefined],
  ['json/malformed.jsonl', /^malformed JSON: Unexpected token '}'$/, 3],
  ['json/malformed-array.json', /^malformed JSON: Expected double-quoted property name$/, 3],
  ['json/not-objects.json', /record 1 is not a JSON object/, undefined],
  ['json/empty-array.json', /holds no records/, undefined],
  ['geojson/not-a-collection.geojson', /FeatureCollection/, undefined],
];

for (const [path, reason, line] of cases) {
  test(`refuses ${path} with the reason${line ? ` and line ${line}` : ''}`, async () => {
    const error = await failure(path);
    assert.equal(error.file, path.split('/').pop());
    assert.match(error.reason, reason);
    assert.equal(error.line, line);
    assert.ok(error.message.startsWith(error.file), 'the message names the file first');
  });
}

test('refuses a file larger than the configured maximum', async () => {
  const error = await failure('json/lines.jsonl', { maxBytes: 10 });
  assert.match(error.reason, /the largest accepted is 10/);
});

test('reports a full disk and leaves no partial file', async () => {
  // /dev/full answers every write with ENOSPC, as a full disk does.
  const blobs = {
    ...h.blobs,
    tempPath: (extension: string) => {
      const path = h.blobs.tempPath(extension);
      if (extension === '.parquet') symlinkSync('/dev/full', path);
      return path;
    },
  };
  await assert.rejects(ingestFile(h.engine, blobs, fixture('json/lines.jsonl')), (error: unknown) => {
    assert.ok(error instanceof ImportFailed);
    assert.match(error.reason, /disk is full/);
    return true;
  });
  assert.deepEqual(readdirSync(join(h.dir, 'tmp')).filter((f) => f !== 'duckdb'), []);
});

test('leaves no temporary file behind after any failure', async () => {
  for (const [path] of cases) await failure(path);
  assert.deepEqual(readdirSync(join(h.dir, 'tmp')).filter((f) => f !== 'duckdb'), []);
});
