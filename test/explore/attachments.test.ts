// Dataset attachments over real HTTP: an editor adds and removes them in the back office, the Explore API lists them
// as Opendatasoft does and serves the file; a restricted dataset's attachments are not public; a bad file is refused
// with its reason and leaves nothing behind.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import { attachmentMaxBytes } from '../../src/catalog/attachments.ts';
import { classify } from '../../src/stats/classify.ts';
import { fixture } from '../helpers/engine.ts';
import { importCities, json, startServer, type ServerHarness } from '../helpers/server.ts';
import { signedIn, type StaffVisitor } from '../helpers/staff.ts';

let s: ServerHarness;
let editor: StaffVisitor;

before(async () => {
  s = await startServer();
  await importCities(s.portal);
  await s.portal.catalog.importDataset({ datasetId: 'intern', path: fixture('json/lines.jsonl'), input: parseMetadataInput({ visibility: 'restricted' }), actor: 'test' });
  editor = await signedIn(s, 'editor');
});
after(() => s.close());

const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const api = (path: string) => `/api/explore/v2.1/catalog/datasets/${path}`;

function upload(name: string, body: BlobPart, options: { title?: string; id?: string; v?: StaffVisitor } = {}) {
  const v = options.v ?? editor;
  const form = new FormData();
  form.append('_csrf', v.csrf);
  if (options.title !== undefined) form.append('title', options.title);
  form.append('file', new Blob([body]), name);
  return fetch(`${s.url}/-/admin/datasets/${options.id ?? 'cities'}/attachments`, { method: 'POST', body: form, headers: { cookie: v.cookie!, origin: s.url }, redirect: 'manual' });
}

function remove(id: string, attachment: string) {
  const form = new URLSearchParams({ _csrf: editor.csrf });
  return fetch(`${s.url}/-/admin/datasets/${id}/attachments/${attachment}/remove`, {
    method: 'POST',
    body: form,
    headers: { cookie: editor.cookie!, origin: s.url, 'content-type': 'application/x-www-form-urlencoded' },
    redirect: 'manual',
  });
}

/** Files under the data directory's attachments and temp folders. */
function files(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (entry.name !== 'duckdb') walk(join(dir, entry.name));
      } else out.push(join(dir, entry.name));
    }
  };
  walk(join(s.env.dataDir, 'blobs', 'attachments'));
  walk(join(s.env.dataDir, 'tmp'));
  return out.sort();
}

const events = async (verb: string) =>
  (await s.portal.store.db.selectFrom('events').select(['actor', 'subject_id', 'data']).where('verb', '=', verb).execute()).map((e) => ({ ...e, data: JSON.parse(e.data) }));

const path = (href: string) => new URL(href).pathname;

test('an editor adds a PDF with a title; the API lists it as ODS does and serves the file', async () => {
  const response = await upload('Methodologie 2024.pdf', pdf, { title: 'Methodologie van de telling' });
  assert.equal(response.status, 303, await response.text());
  assert.match(response.headers.get('location')!, /\/-\/admin\/datasets\/cities\/attachments\?done=added$/);

  const page = await editor.get('/-/admin/datasets/cities/attachments?done=added');
  const html = await page.text();
  assert.match(html, /De bijlage is toegevoegd/);
  assert.match(html, /Methodologie van de telling/);

  const body = await json(s.get(api('cities/attachments')));
  assert.deepEqual(Object.keys(body), ['_links', 'attachments']);
  assert.equal(body.attachments.length, 1);
  const [attachment] = body.attachments;
  assert.deepEqual(attachment.metas, {
    'mime-type': 'application/pdf',
    mimetype: 'application/pdf',
    title: 'Methodologie van de telling',
    url: 'odsfile://Methodologie 2024.pdf',
    id: 'methodologie_2024_pdf',
  });
  assert.equal(path(attachment.href), '/api/explore/v2.1/catalog/datasets/cities/attachments/methodologie_2024_pdf');

  // The dataset object lists it too, in ODS's shape there.
  const dataset = await json(s.get(api('cities')));
  assert.deepEqual(dataset.attachments, [{ id: 'methodologie_2024_pdf', mimetype: 'application/pdf', title: 'Methodologie van de telling', url: 'odsfile://Methodologie 2024.pdf' }]);

  const file = await s.get(path(attachment.href));
  assert.equal(file.status, 200);
  assert.equal(file.headers.get('content-type'), 'application/pdf');
  assert.equal(file.headers.get('x-content-type-options'), 'nosniff');
  // Opened in a browser tab, the file runs nothing: a sandbox with no sources.
  assert.match(file.headers.get('content-security-policy') ?? '', /^sandbox; default-src 'none'$/);
  assert.equal(file.headers.get('content-disposition'), `attachment; filename="Methodologie 2024.pdf"; filename*=UTF-8''Methodologie%202024.pdf`);
  assert.equal(file.headers.get('cache-control'), 'public, max-age=300');
  assert.deepEqual(Buffer.from(await file.arrayBuffer()), pdf);
  const again = await s.get(path(attachment.href), { headers: { 'if-none-match': file.headers.get('etag')! } });
  assert.equal(again.status, 304);
  const listed = await s.get(path(attachment.href), { headers: { 'if-none-match': `"other", W/${file.headers.get('etag')}` } });
  assert.equal(listed.status, 304);
  assert.equal((await s.get(path(attachment.href), { headers: { 'if-none-match': '"other"' } })).status, 200);

  const [added] = await events('dataset.attachment_added');
  assert.deepEqual([added.actor, added.subject_id, added.data.attachment, added.data.bytes], [editor.accountId, 'cities', 'methodologie_2024_pdf', pdf.length]);
});

function retitle(attachment: string, title: string) {
  return fetch(`${s.url}/-/admin/datasets/cities/attachments/${attachment}/title`, {
    method: 'POST',
    body: new URLSearchParams({ _csrf: editor.csrf, title }),
    headers: { cookie: editor.cookie!, origin: s.url, 'content-type': 'application/x-www-form-urlencoded' },
    redirect: 'manual',
  });
}

const titles = async () => (await json(s.get(api('cities/attachments')))).attachments.map((a: { metas: { title: string } }) => a.metas.title);

test('an editor changes the title: the id and address stay; an empty title is the file name; too long is refused', async () => {
  const response = await retitle('methodologie_2024_pdf', 'Methodologie (herzien)');
  assert.equal(response.status, 303);
  assert.match(response.headers.get('location')!, /\/attachments\?done=retitled$/);
  assert.deepEqual(await titles(), ['Methodologie (herzien)']);
  assert.equal((await s.get(api('cities/attachments/methodologie_2024_pdf'))).status, 200);
  const [changed] = await events('dataset.attachment_retitled');
  assert.deepEqual([changed.actor, changed.data.attachment], [editor.accountId, 'methodologie_2024_pdf']);
  const tooLong = await retitle('methodologie_2024_pdf', 'x'.repeat(201));
  assert.equal(tooLong.status, 400);
  assert.match(await tooLong.text(), /Een titel heeft hoogstens 200 tekens/);
  assert.equal((await retitle('methodologie_2024_pdf', '   ')).status, 303);
  assert.deepEqual(await titles(), ['Methodologie 2024.pdf']);
  assert.equal((await retitle('bestaat_niet_pdf', 'Iets')).status, 404);
  assert.equal((await retitle('methodologie_2024_pdf', 'Methodologie van de telling')).status, 303);
});

test('the same file name again gets its own id; a name with folders and characters no system takes is made safe', async () => {
  assert.equal((await upload('Methodologie 2024.pdf', pdf)).status, 303);
  assert.equal((await upload('..\\..\\etc/Ünïcode: notes.md', '# Notities\n\nMet é en ü.\n')).status, 303);
  const { attachments } = await json(s.get(api('cities/attachments')));
  const ids = attachments.map((a: { metas: { id: string } }) => a.metas.id);
  assert.deepEqual(ids, ['methodologie_2024_pdf', 'methodologie_2024_pdf_2', 'unicode_notes_md']);
  const notes = attachments[2];
  // No title given: the file's name is the title.
  assert.deepEqual([notes.metas.title, notes.metas['mime-type']], ['Ünïcode notes.md', 'text/markdown']);
  const file = await s.get(path(notes.href));
  assert.equal(file.headers.get('content-type'), 'text/markdown; charset=utf-8');
  assert.equal(file.headers.get('content-disposition'), `attachment; filename="Unicode notes.md"; filename*=UTF-8''%C3%9Cn%C3%AFcode%20notes.md`);
  assert.equal(await file.text(), '# Notities\n\nMet é en ü.\n');
});

test('a bad file is refused with its reason, and nothing is stored', async () => {
  const before = { files: files(), listed: (await json(s.get(api('cities/attachments')))).attachments.length, events: (await events('dataset.attachment_added')).length };
  const cases: [string, BlobPart, number, RegExp][] = [
    ['page.html', '<script>alert(1)</script>', 400, /Dit soort bestand kan geen bijlage zijn/],
    ['tool.exe', 'MZ\x90\x00', 400, /Dit soort bestand kan geen bijlage zijn/],
    ['fake.pdf', 'not a pdf at all', 400, /De inhoud van het bestand past niet bij de extensie/],
    ['binary.txt', Buffer.from([0x41, 0x00, 0x42]), 400, /De inhoud van het bestand past niet bij de extensie/],
    ['empty.pdf', '', 400, /Het bestand is leeg/],
    ['big.pdf', Buffer.concat([pdf, Buffer.alloc(attachmentMaxBytes + 1 - pdf.length, 0x20)]), 413, /groter dan 20 MB, de grootste bijlage/],
  ];
  for (const [name, body, status, message] of cases) {
    const response = await upload(name, body, { title: 'Iets' });
    const html = await response.text();
    assert.equal(response.status, status, `${name}: ${html.slice(0, 300)}`);
    assert.match(html, message, name);
    // The page keeps the title that was typed.
    assert.match(html, /value="Iets"/, name);
  }
  // A request whose length says it is past the limit is refused before a byte of it is read.
  const huge = await upload('huge.pdf', Buffer.concat([pdf, Buffer.alloc(attachmentMaxBytes + 200_000, 0x20)]));
  assert.equal(huge.status, 413);
  assert.match(await huge.text(), /groter dan 20 MB, de grootste bijlage/);
  const longTitle = await upload('ok.pdf', pdf, { title: 'x'.repeat(201) });
  assert.equal(longTitle.status, 400);
  assert.match(await longTitle.text(), /Een titel heeft hoogstens 200 tekens/);
  assert.deepEqual(files(), before.files);
  assert.equal((await json(s.get(api('cities/attachments')))).attachments.length, before.listed);
  assert.equal((await events('dataset.attachment_added')).length, before.events);
});

test('a visitor without the edit permission cannot add or remove', async () => {
  const visitor = await signedIn(s, 'user');
  const response = await upload('a.pdf', pdf, { v: visitor });
  assert.equal(response.status, 404);
  const anonymous = await fetch(`${s.url}/-/admin/datasets/cities/attachments/methodologie_2024_pdf/remove`, { method: 'POST', redirect: 'manual' });
  assert.notEqual(anonymous.status, 303);
  assert.ok((await json(s.get(api('cities/attachments')))).attachments.some((a: { metas: { id: string } }) => a.metas.id === 'methodologie_2024_pdf'));
});

test("a restricted dataset's attachments exist for those who may see it only", async () => {
  assert.equal((await upload('intern.pdf', pdf, { id: 'intern', title: 'Interne nota' })).status, 303);
  const list = await s.get(api('intern/attachments'));
  assert.equal(list.status, 404);
  assert.equal((await json(list)).error_code, 'NotFoundResource');
  assert.equal((await s.get(api('intern/attachments/intern_pdf'))).status, 404);
  // Staff see it, and the file is not kept in shared caches.
  const staffList = await json(s.get(api('intern/attachments'), { headers: { cookie: editor.cookie! } }));
  assert.deepEqual(staffList.attachments.map((a: { metas: { title: string } }) => a.metas.title), ['Interne nota']);
  const file = await s.get(api('intern/attachments/intern_pdf'), { headers: { cookie: editor.cookie! } });
  assert.equal(file.status, 200);
  assert.equal(file.headers.get('cache-control'), 'private, no-cache');
  // The public information tab of a public dataset does not leak another dataset's attachments.
  assert.doesNotMatch(await (await s.get('/datasets/cities')).text(), /Interne nota/);
});

test('an unknown attachment is a 404 NotFoundResource', async () => {
  const response = await s.get(api('cities/attachments/nothing_here_pdf'));
  assert.equal(response.status, 404);
  assert.equal((await json(response)).error_code, 'NotFoundResource');
});

test('an editor removes an attachment: the row, the file and the download go, and the removal is logged', async () => {
  const [kept] = await s.portal.catalog.listAttachments('cities', { seesRestricted: true });
  const blobPath = s.portal.blobs.pathOf(kept.blob);
  assert.ok(existsSync(blobPath));
  const response = await remove('cities', kept.id);
  assert.equal(response.status, 303);
  assert.match(response.headers.get('location')!, /\/-\/admin\/datasets\/cities\/attachments\?done=removed$/);
  assert.equal(existsSync(blobPath), false);
  assert.equal((await s.get(api(`cities/attachments/${kept.id}`))).status, 404);
  const ids = (await json(s.get(api('cities/attachments')))).attachments.map((a: { metas: { id: string } }) => a.metas.id);
  assert.equal(ids.includes(kept.id), false);
  const [removed] = await events('dataset.attachment_removed');
  assert.deepEqual([removed.actor, removed.subject_id, removed.data.attachment], [editor.accountId, 'cities', kept.id]);
  // Removing it again: it is no longer there.
  assert.equal((await remove('cities', kept.id)).status, 404);
});

test('the information tab lists the attachments with their download links, in Dutch and English', async () => {
  const nl = await (await s.get('/datasets/cities')).text();
  assert.match(nl, /<h2 id="attachments">Bijlagen<\/h2>/);
  assert.match(nl, /href="\/api\/explore\/v2\.1\/catalog\/datasets\/cities\/attachments\/unicode_notes_md"[^>]*>Ünïcode notes\.md<\/a>/);
  assert.match(nl, /\(MD, [\d,.]+ B\)/);
  const en = await (await s.get('/en/datasets/cities')).text();
  assert.match(en, /<h2 id="attachments">Attachments<\/h2>/);
  assert.match(en, /attachments\/methodologie_2024_pdf_2/);
});

test('deleting a dataset deletes its attachments and their files', async () => {
  const before = files().length;
  assert.ok(before > 0);
  const [attachment] = await s.portal.catalog.listAttachments('intern', { seesRestricted: true });
  await s.portal.catalog.deleteDataset('intern', 'test');
  assert.equal(existsSync(s.portal.blobs.pathOf(attachment.blob)), false);
  const rows = await s.portal.store.db.selectFrom('dataset_attachments').select('id').where('dataset_id', '=', 'intern').execute();
  assert.deepEqual(rows, []);
});

test("a file's download counts as an API call on the attachments endpoint, as the list does", () => {
  const at = (route: string, params: Record<string, string>) =>
    classify({ method: 'GET', status: 200, route: `/api/explore/v2.1${route}`, params, contentType: 'application/pdf', defaultLanguage: 'nl' });
  assert.deepEqual(at('/catalog/datasets/:datasetId/attachments/:attachmentId', { datasetId: 'cities', attachmentId: 'a_pdf' }), { kind: 'api', page: 'attachments', datasetId: 'cities' });
  assert.deepEqual(at('/catalog/datasets/:datasetId/attachments', { datasetId: 'cities' }), { kind: 'api', page: 'attachments', datasetId: 'cities' });
});
