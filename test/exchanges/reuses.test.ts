// Reuses end to end on SQLite and PostgreSQL, over HTTP with a real SMTP server: submit → approve (mailed) → shown on
// the dataset, /reuses and as metas.explore.reuse_count; rejected not shown; image checks and headers; CSRF,
// permissions, the honeypot and the rate limit; XSS payloads inert; the access archive and erasure.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAccount, signedIn } from '../helpers/accounts.ts';
import { startFollowServer, type FollowHarness } from '../helpers/follow.ts';
import { signedIn as staffSignedIn } from '../helpers/staff.ts';
import { dialects } from '../helpers/stores.ts';
import type { Visitor } from '../helpers/visitor.ts';
import { liveMarkup, xssPayloads } from '../helpers/xss.ts';

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('0000000dIHDR', 'latin1'), Buffer.alloc(64)]);
/** The page's main content without the portal's own forms (the head's links and the CSRF fields are not what people wrote). */
const ownMarkupOut = (html: string) =>
  (/<main[\s\S]*<\/main>/.exec(html)?.[0] ?? html)
    .replace(/<form method="post" action="\/[^"]*"( class="[^"]*")?( enctype="[^"]*")?>/g, '')
    .replace(/<input type="hidden" name="_csrf" value="[^"]*">/g, '')
    .replace(/<img( class="reuse-image")? src="\/reuses\/ru_[\w-]+\/image" alt="[^"<>]*"( loading="lazy")? width="\d+">/g, '');
const fields = (title: string, extra: Record<string, string> = {}) => ({
  title, description: 'Een **kaart** van alle steden.', url: 'https://kaart.example.org/steden', type: 'application', datasets: 'cities', ...extra,
});

for (const dialect of dialects) {
  describe(`reuses on ${dialect}`, () => {
    let s: FollowHarness;
    before(async () => {
      s = await startFollowServer(dialect);
    });
    after(async () => s.close());
    const db = () => s.portal.store.db;
    const rowOf = (title: string) => db().selectFrom('reuses').selectAll().where('title', '=', title).executeTakeFirst();

    async function user(email: string): Promise<Visitor> {
      await createAccount(s, email, 'user');
      const v = await signedIn(s, email);
      assert.equal((await v.get('/-/reuses/new?dataset=cities')).status, 200);
      assert.match(v.lastPage, /value="cities"/);
      return v;
    }
    /** Posts the form as a browser does with a file: multipart, the CSRF field first. */
    async function upload(v: Visitor, values: Record<string, string>, file: { bytes: Buffer; name: string; type: string } | null) {
      await v.get('/-/reuses/new');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(v.lastPage)![1];
      const form = new FormData();
      form.append('_csrf', csrf);
      for (const [k, value] of Object.entries(values)) form.append(k, value);
      if (file) form.append('image', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
      return fetch(`${s.url}/-/reuses/new`, { method: 'POST', body: form, headers: { cookie: v.cookie!, origin: s.url }, redirect: 'manual' });
    }
    const explore = async (path: string) => (await s.get(`/api/explore/v2.1/catalog/${path}`)).json();
    const countOf = async () => ({
      one: (await explore('datasets/cities')).metas.explore.reuse_count,
      list: (await explore('datasets')).results.find((d: { dataset_id: string }) => d.dataset_id === 'cities').metas.explore.reuse_count,
    });

    test('submit → pending (not shown) → a user cannot approve → staff approve → mailed once, on the dataset, /reuses and reuse_count; a rejected one is mailed its reason and never shown', async () => {
      const email = 'maker@example.org';
      const v = await user(email);
      assert.deepEqual(await countOf(), { one: 0, list: 0 });
      assert.equal((await v.post('/-/reuses/new', fields('Stedenkaart'))).status, 200);
      assert.match(v.lastPage, /Bedankt/);
      const row = (await rowOf('Stedenkaart'))!;
      assert.equal(row.status, 'pending');
      assert.equal((await s.get(`/reuses/${row.id}`)).status, 404, 'a pending reuse is hidden from the public');
      assert.doesNotMatch(await (await s.get('/reuses')).text(), /Stedenkaart/);
      assert.equal((await v.get(`/reuses/${row.id}`)).status, 200, 'its submitter sees it');

      // A user is not staff: the moderation page does not exist for them, and approving changes nothing.
      assert.equal((await v.get('/-/reuses/moderation')).status, 404);
      await v.get('/reuses');
      assert.equal((await v.post(`/-/reuses/${row.id}/approve`, {})).status, 404);
      assert.equal((await rowOf('Stedenkaart'))!.status, 'pending');

      const editor = await staffSignedIn(s, 'editor');
      assert.equal((await editor.get('/-/reuses/moderation')).status, 200);
      assert.match(editor.lastPage, /Stedenkaart/);
      assert.doesNotMatch(editor.lastPage, /maker@example\.org/, 'the submitter is shown by name, never by address');
      assert.equal((await editor.post(`/-/reuses/${row.id}/approve`, {}, { origin: 'https://elders.example' })).status, 403, 'CSRF: another origin');
      assert.equal((await rowOf('Stedenkaart'))!.status, 'pending');
      await editor.get('/-/reuses/moderation');
      assert.equal((await editor.post(`/-/reuses/${row.id}/approve`, {})).status, 303);
      const mail = await s.smtp.next(email);
      assert.match(mail.subject, /goedgekeurd/);
      assert.match(mail.text, /Stedenkaart/);
      await editor.get('/-/reuses/moderation');
      assert.equal((await editor.post(`/-/reuses/${row.id}/approve`, {})).status, 409, 'decided once');
      assert.equal(s.sent.filter((m) => m.to === email).length, 1, 'one mail');

      const page = await (await s.get('/reuses')).text();
      assert.match(page, /Stedenkaart/);
      assert.match(page, /Test U\./, 'the public name: first name and initial');
      const twin = await (await s.get('/reuses.json?type=application')).json();
      assert.deepEqual(twin.results.map((r: { title: string }) => r.title), ['Stedenkaart']);
      assert.equal(JSON.stringify(twin).includes(email), false);
      assert.equal((await (await s.get('/reuses.json?type=article')).json()).total_count, 0);
      assert.match(await (await s.get(`/reuses/${row.id}`)).text(), /<strong>kaart<\/strong>/, 'Markdown rendered');
      assert.match(await (await s.get('/datasets/cities')).text(), /Stedenkaart/);
      assert.deepEqual(await countOf(), { one: 1, list: 1 });
      const infoTwin = await (await s.get('/datasets/cities.json')).json();
      assert.equal(infoTwin.metas?.explore?.reuse_count, 1, JSON.stringify(infoTwin).slice(0, 300));

      await v.get('/-/reuses/new');
      await v.post('/-/reuses/new', fields('Slechte kaart'));
      const bad = (await rowOf('Slechte kaart'))!;
      await editor.get('/-/reuses/moderation');
      assert.equal((await editor.post(`/-/reuses/${bad.id}/reject`, { reason: '' })).status, 400, 'a rejection needs a reason');
      assert.equal((await editor.post(`/-/reuses/${bad.id}/reject`, { reason: 'De link werkt niet.' })).status, 303);
      const rejected = await s.smtp.next(email);
      assert.match(rejected.text, /De link werkt niet\./);
      assert.doesNotMatch(await (await s.get('/reuses')).text(), /Slechte kaart/);
      assert.equal((await s.get(`/reuses/${bad.id}`)).status, 404);
      assert.deepEqual(await countOf(), { one: 1, list: 1 });
    });

    test('form checks: a bad URL, an unknown dataset, oversized text with a clear message; the honeypot stores nothing; the rate limit answers 429', async () => {
      const v = await user('checks@example.org');
      assert.equal((await v.post('/-/reuses/new', fields('Ftp', { url: 'javascript:alert(1)' }))).status, 400);
      assert.match(v.lastPage, /http:\/\/ of https:\/\//);
      await v.get('/-/reuses/new');
      assert.equal((await v.post('/-/reuses/new', fields('Geen', { datasets: 'bestaat-niet' }))).status, 400);
      await v.get('/-/reuses/new');
      assert.equal((await v.post('/-/reuses/new', fields('x'.repeat(201)))).status, 400);
      assert.match(v.lastPage, /te lang/);
      await v.get('/-/reuses/new');
      assert.equal((await v.post('/-/reuses/new', fields('Robot', { website: 'https://spam.example' }))).status, 200);
      assert.equal(await rowOf('Robot'), undefined, 'a robot\'s form keeps nothing');
      assert.equal((await v.post('/-/reuses/new', fields('Vals', { _csrf: 'vervalst' }))).status, 403);
      assert.equal(await rowOf('Vals'), undefined);
      for (let i = 0; i < 10; i++) {
        await v.get('/-/reuses/new');
        assert.equal((await v.post('/-/reuses/new', fields(`Reeks ${i}`))).status, 200);
      }
      await v.get('/-/reuses/new');
      assert.equal((await v.post('/-/reuses/new', fields('Een te veel'))).status, 429);
      assert.equal(await rowOf('Een te veel'), undefined);
    });

    test('images: a PNG is stored with its row and served with safe headers; SVG and HTML named .png answer 415, too large 413, and leave no file or row', async () => {
      const v = await user('images@example.org');
      const blobDir = join(s.env.dataDir, 'blobs', 'reuses');
      const files = () => (existsSync(blobDir) ? readdirSync(blobDir).length : 0);
      const ok = await upload(v, fields('Met beeld'), { bytes: png, name: 'kaart.png', type: 'image/png' });
      assert.equal(ok.status, 200);
      const row = (await rowOf('Met beeld'))!;
      assert.equal(row.image_type, 'image/png');
      assert.equal(files(), 1);
      const editor = await staffSignedIn(s, 'admin');
      await editor.get('/-/reuses/moderation');
      assert.equal((await editor.post(`/-/reuses/${row.id}/approve`, {})).status, 303);
      const image = await s.get(`/reuses/${row.id}/image`);
      assert.equal(image.status, 200);
      assert.equal(image.headers.get('content-type'), 'image/png');
      assert.equal(image.headers.get('x-content-type-options'), 'nosniff');
      assert.match(image.headers.get('content-security-policy') ?? '', /default-src 'none'/);
      assert.deepEqual(Buffer.from(await image.arrayBuffer()), png);

      const svg = await upload(v, fields('Svg'), { bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), name: 'x.svg', type: 'image/svg+xml' });
      assert.equal(svg.status, 415);
      assert.match(await svg.text(), /PNG, JPEG of WebP/);
      const disguised = await upload(v, fields('Html'), { bytes: Buffer.from('<html><script>alert(1)</script></html>'), name: 'x.png', type: 'image/png' });
      assert.equal(disguised.status, 415);
      const big = await upload(v, fields('Groot'), { bytes: Buffer.concat([png, Buffer.alloc(2 * 1024 * 1024)]), name: 'groot.png', type: 'image/png' });
      assert.equal(big.status, 413);
      for (const title of ['Svg', 'Html', 'Groot']) assert.equal(await rowOf(title), undefined, `${title}: no row`);
      assert.equal(files(), 1, 'no image stored without its row');
      assert.deepEqual(readdirSync(join(s.env.dataDir, 'tmp')).filter((f) => f.endsWith('.upload')), [], 'no upload left in the temp area');
    });

    test('XSS payloads in the title and description are inert on every page, the twin and the mail', async () => {
      const email = 'xss-reuse@example.org';
      const v = await user(email);
      const text = xssPayloads.join('\n\n');
      assert.equal((await v.post('/-/reuses/new', fields(xssPayloads[0], { description: text }))).status, 200);
      const row = (await db().selectFrom('reuses').selectAll().where('description', '=', text).executeTakeFirst())!;
      const editor = await staffSignedIn(s, 'editor');
      await editor.get('/-/reuses/moderation');
      assert.deepEqual(liveMarkup(ownMarkupOut(editor.lastPage)), [], 'moderation page');
      assert.equal((await editor.post(`/-/reuses/${row.id}/approve`, {})).status, 303);
      const mail = await s.smtp.next(email);
      const mailHtml = mail.raw.split(/Content-Type: text\/html/i)[1] ?? '';
      assert.match(mailHtml, /&lt;script&gt;/, 'the HTML part shows the payload as text');
      assert.deepEqual(liveMarkup(mailHtml), [], 'mail');
      for (const path of ['/reuses', `/reuses/${row.id}`, '/datasets/cities', '/en/reuses']) {
        assert.deepEqual(liveMarkup(ownMarkupOut(await (await s.get(path)).text())), [], path);
      }
      assert.ok((await (await s.get(`/reuses/${row.id}.json`)).json()).title === xssPayloads[0], 'the twin gives the text as written (JSON, not HTML)');
    });

    test('the access archive lists the reuses; erasure deletes a pending one with its image and keeps an approved one by "former user"', async () => {
      const email = 'canary-reuse@example.org';
      const v = await user(email);
      await v.post('/-/reuses/new', fields('Blijft staan'));
      assert.equal((await upload(v, fields('Gaat weg'), { bytes: png, name: 'p.png', type: 'image/png' })).status, 200);
      const kept = (await rowOf('Blijft staan'))!;
      const gone = (await rowOf('Gaat weg'))!;
      await s.portal.reuses.decide(await s.portal.accounts.getAccount((await staffSignedIn(s, 'editor')).accountId), kept.id, { approve: true });
      const id = kept.user_id;
      const archive = await s.portal.rights.buildAccessArchive(id);
      assert.deepEqual((archive.data.reuses.items.reuses as { title: string }[]).map((r) => r.title).sort(), ['Blijft staan', 'Gaat weg']);
      const imagePath = join(s.env.dataDir, 'blobs', gone.image_key!);
      assert.ok(existsSync(imagePath));

      await s.portal.rights.eraseAccount(id, { by: 'self' });
      assert.equal(await rowOf('Gaat weg'), undefined);
      assert.equal(existsSync(imagePath), false, 'the pending reuse\'s image is gone');
      const after = (await rowOf('Blijft staan'))!;
      assert.notEqual(after.user_id, id);
      assert.match(after.user_id, /^former-user-/);
      const page = await (await s.get(`/reuses/${kept.id}`)).text();
      assert.match(page, /voormalige gebruiker/);
      assert.equal((await db().selectFrom('reuses').select('id').where('user_id', '=', id).execute()).length, 0);
    });
  });
}
