// The attachments' rules on SQLite and PostgreSQL alike: the allow-list and its first bytes, ids made from names,
// who sees them, and nothing left behind by a refusal, a removal or a failed write.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import { publicAudience, staffAudience } from '../../src/catalog/service.ts';
import { Invalid, NotFound } from '../../src/errors.ts';
import { openPortal, type Portal } from '../../src/portal.ts';
import { fixture } from '../helpers/engine.ts';
import { dialects, testEnvironment } from '../helpers/stores.ts';

async function withPortal(dialect: (typeof dialects)[number], work: (portal: Portal, dir: string) => Promise<void>) {
  const env = await testEnvironment(dialect);
  const portal = await openPortal(env.config);
  try {
    await work(portal, env.dataDir);
  } finally {
    await portal.close();
    await env.cleanup();
  }
}

/** Files under the data directory's attachments folder and its temp area (the engine's spill folder aside). */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (path: string) => {
    if (!existsSync(path)) return;
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(path, entry.name));
      else out.push(join(path, entry.name));
    }
  };
  walk(join(dir, 'blobs', 'attachments'));
  walk(join(dir, 'tmp'));
  return out.filter((f) => !f.includes('/tmp/duckdb')).sort();
}

/** An upload as the back office hands it over: a file in the temp area. */
function uploaded(portal: Portal, body: string | Buffer): { path: string; bytes: number } {
  const path = portal.blobs.tempPath('.upload');
  writeFileSync(path, body);
  return { path, bytes: Buffer.byteLength(body) };
}

for (const dialect of dialects) {
  test(`attachments on ${dialect}: kept, listed, refused and removed`, async () => {
    await withPortal(dialect, async (portal, dir) => {
      await portal.catalog.importDataset({ datasetId: 'open', path: fixture('json/lines.jsonl'), actor: 'test' });
      await portal.catalog.importDataset({ datasetId: 'dicht', path: fixture('json/lines.jsonl'), input: parseMetadataInput({ visibility: 'restricted' }), actor: 'test' });
      const add = (datasetId: string, fileName: string, body: string | Buffer, title?: string) =>
        portal.catalog.addAttachment({ datasetId, fileName, title, actor: 'u_editor', ...uploaded(portal, body) });

      const first = await add('open', 'Jaarverslag 2024.PDF', '%PDF-1.7\n', '  Jaarverslag   2024 ');
      assert.deepEqual([first.id, first.title, first.mimeType, first.bytes], ['jaarverslag_2024_pdf', 'Jaarverslag 2024', 'application/pdf', 9]);
      const second = await add('open', 'jaarverslag 2024.pdf', '%PDF-1.7\n');
      assert.equal(second.id, 'jaarverslag_2024_pdf_2');
      await add('open', 'data.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]));
      await add('dicht', 'nota.txt', 'Intern.\n');
      // UTF-8 whose first 4,096 bytes (what is looked at) end inside a character is still UTF-8.
      const long = await add('dicht', 'lang.md', `${'a'.repeat(4095)}${'é'.repeat(10)}\n`);
      assert.equal(long.mimeType, 'text/markdown; charset=utf-8');

      // Listed oldest first, with sizes as numbers whatever the dialect returns for a bigint.
      const listed = await portal.catalog.listAttachments('open', publicAudience);
      assert.deepEqual(listed.map((a) => [a.id, a.bytes]), [['jaarverslag_2024_pdf', 9], ['jaarverslag_2024_pdf_2', 9], ['data_xlsx', 6]]);
      const byDataset = await portal.catalog.attachmentsOf(await portal.catalog.listDatasets(publicAudience));
      assert.deepEqual([...byDataset.keys()], ['open']);
      await assert.rejects(portal.catalog.listAttachments('dicht', publicAudience), NotFound);
      await assert.rejects(portal.catalog.attachmentFile('dicht', 'nota_txt', publicAudience), NotFound);
      assert.equal((await portal.catalog.attachmentFile('dicht', 'nota_txt', staffAudience)).attachment.title, 'nota.txt');

      // Refusals: nothing stored, the upload's temp file left for the caller to discard.
      const before = filesUnder(dir);
      for (const [name, body, reason] of [
        ['script.svg', '<svg/>', 'attachment_type'],
        ['geen-extensie', '%PDF-1.7\n', 'attachment_type'],
        ['echt.pdf', 'GIF89a', 'attachment_content'],
        ['map.zip', '%PDF-1.7\n', 'attachment_content'],
        ['latin1.csv', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]), 'attachment_content'],
        ['leeg.md', '', 'attachment_empty'],
      ] as const) {
        const file = uploaded(portal, body);
        await assert.rejects(portal.catalog.addAttachment({ datasetId: 'open', fileName: name, actor: 'u_editor', ...file }), (error: Invalid) => error.reason === reason, name);
        await portal.blobs.discard(file.path);
      }
      const file = uploaded(portal, '%PDF-1.7\n');
      await assert.rejects(portal.catalog.addAttachment({ datasetId: 'bestaat-niet', fileName: 'a.pdf', actor: 'u_editor', ...file }), NotFound);
      await portal.blobs.discard(file.path);
      assert.deepEqual(filesUnder(dir), before);

      // Removal: row and file go; the others stay.
      const { path } = await portal.catalog.attachmentFile('open', 'jaarverslag_2024_pdf', staffAudience);
      await portal.catalog.removeAttachment({ datasetId: 'open', attachmentId: 'jaarverslag_2024_pdf', actor: 'u_editor' });
      assert.equal(existsSync(path), false);
      assert.deepEqual((await portal.catalog.listAttachments('open', staffAudience)).map((a) => a.id), ['jaarverslag_2024_pdf_2', 'data_xlsx']);
      await assert.rejects(portal.catalog.removeAttachment({ datasetId: 'open', attachmentId: 'jaarverslag_2024_pdf', actor: 'u_editor' }), NotFound);
      const verbs = await portal.store.db.selectFrom('events').select('verb').where('verb', 'like', 'dataset.attachment_%').execute();
      assert.deepEqual(verbs.map((v) => v.verb).sort(), [...Array(5).fill('dataset.attachment_added'), 'dataset.attachment_removed']);
    });
  });
}
