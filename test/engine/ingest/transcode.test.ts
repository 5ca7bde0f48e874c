// Windows-1252 to UTF-8: uses test/fixtures/csv/latin1.csv (€ é è ë ç ’ “ ” as single bytes) and generated temp files.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeWindows1252, transcodeToUtf8 } from '../../../src/engine/ingest/transcode.ts';

const fixture = (name: string) => new URL(`../../fixtures/csv/${name}`, import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'opaal-transcode-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('maps the Windows-1252 bytes 0x80–0x9F to their characters, not to C1 controls', () => {
  const bytes = Uint8Array.of(0x80, 0xe9, 0xeb, 0xe7, 0x92, 0x93, 0x94, 0x96, 0x9f, 0x81);
  assert.equal(decodeWindows1252(bytes), '€éëç’“”–Ÿ\u0081');
});

test('decodes every byte above 0x9F as the Latin-1 character with the same number', () => {
  const bytes = Uint8Array.from({ length: 96 }, (_, i) => 0xa0 + i);
  assert.deepEqual([...decodeWindows1252(bytes)].map((c) => c.charCodeAt(0)), [...bytes]);
});

test('transcodes a Windows-1252 CSV to the exact UTF-8 bytes', async () => {
  const dest = join(dir, 'latin1.utf8.csv');
  await transcodeToUtf8(fixture('latin1.csv'), dest, 'windows-1252');
  const expected =
    'Gemeente;Bedrag (€);Opmerking\r\n' +
    'Liège;12,50;Geëvalueerd in één keer\r\n' +
    'Elsene;€ 7,00;Café “De Kroon”\r\n' +
    'Sint-Genesius-Rode;3,25;Façade’s hersteld\r\n';
  assert.deepEqual(readFileSync(dest), Buffer.from(expected, 'utf8'));
});

test('transcodes a file larger than one stream chunk without losing or reordering bytes', async () => {
  const src = join(dir, 'large.csv');
  const dest = join(dir, 'large.utf8.csv');
  const line = Buffer.from([0x80, 0x3b, 0xe9, 0x3b, 0x92, 0x0a]);
  writeFileSync(src, Buffer.concat(Array.from({ length: 50_000 }, () => line)));
  await transcodeToUtf8(src, dest, 'windows-1252');
  assert.deepEqual(readFileSync(dest), Buffer.from('€;é;’\n'.repeat(50_000), 'utf8'));
});

test('writes an empty file for an empty source', async () => {
  const src = join(dir, 'empty.csv');
  const dest = join(dir, 'empty.utf8.csv');
  writeFileSync(src, '');
  await transcodeToUtf8(src, dest, 'windows-1252');
  assert.equal(readFileSync(dest).length, 0);
});
