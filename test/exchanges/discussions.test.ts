// Discussions on a dataset end to end, on SQLite and PostgreSQL, over HTTP with a real SMTP server: starting a thread,
// replies, the publisher's answer, public names (never an address), reply mails once per reply, reports, the moderation
// list, hide and restore, lock, the spam hold and its release, CSRF, oversized posts, XSS payloads, archive and erasure.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAccount, signedIn } from '../helpers/accounts.ts';
import { startFollowServer, type FollowHarness } from '../helpers/follow.ts';
import { dialects } from '../helpers/stores.ts';
import { liveMarkup, xssPayloads } from '../helpers/xss.ts';
import type { Visitor } from '../helpers/visitor.ts';

const list = '/datasets/cities/discussions';
const emailPattern = /[A-Za-z0-9._%+-]+@example\.org/;

/** The parts of a page that show what people wrote: the headings and the posts' Markdown. */
function written(page: string): string {
  return [...page.matchAll(/<h1>[\s\S]*?<\/h1>|<div class="prose user-text">[\s\S]*?<\/div>|<ul class="discussions">[\s\S]*?<\/ul>/g)].map((m) => m[0]).join('\n');
}

for (const dialect of dialects) {
  describe(`discussions on ${dialect}`, () => {
    let s: FollowHarness;
    let anna: Visitor;
    let bert: Visitor;
    let editor: Visitor;
    const ids: Record<string, string> = {};
    before(async () => {
      s = await startFollowServer(dialect);
      ids.anna = await createAccount(s, 'anna@example.org', 'user');
      await s.portal.store.db.updateTable('users').set({ display_name: 'Anna uit Gent', first_name: 'Anna', last_name: 'Peeters' }).where('id', '=', ids.anna).execute();
      ids.bert = await createAccount(s, 'bert@example.org', 'user');
      await s.portal.store.db.updateTable('users').set({ first_name: 'Bert', last_name: 'de Smet' }).where('id', '=', ids.bert).execute();
      ids.editor = await createAccount(s, 'redactie@example.org', 'editor');
      await s.portal.store.db.updateTable('users').set({ first_name: 'Eva', last_name: 'Redactie' }).where('id', '=', ids.editor).execute();
      anna = await signedIn(s, 'anna@example.org');
      bert = await signedIn(s, 'bert@example.org');
      editor = await signedIn(s, 'redactie@example.org');
    });
    after(async () => s.close());

    const db = () => s.portal.store.db;
    const mailsTo = (email: string, template = 'discussions.reply') => s.sent.filter((m) => m.to === email && m.template === template);
    const twin = async (path: string, v?: Visitor) => (await fetch(`${s.url}${path}`, { headers: v?.cookie ? { cookie: v.cookie } : {} })).json();
    /** Posts a second apart, so that their order is their time's. */
    const tick = () => {
      s.clock.now = new Date(s.clock.now.getTime() + 1000);
    };
    const threadOf = (response: Response) => new URL(response.headers.get('location')!, s.url).pathname;
    let thread = '';
    let bertPost = '';

    test('a thread is started, replied to and answered by the publisher; names are public names and no page or twin holds an address', async () => {
      await anna.get(list);
      assert.match(anna.lastPage, /Nieuwe discussie/);
      assert.equal((await anna.post(list, { title: 'Welke bron?', body: 'Waar komen de cijfers vandaan?', _csrf: 'vervalst' })).status, 403);
      assert.equal((await anna.post(list, { title: 'Welke bron?', body: 'x' }, { origin: 'https://elders.example' })).status, 403);
      assert.equal(await db().selectFrom('discussion_threads').select('id').executeTakeFirst(), undefined, 'a refused form writes nothing');

      const started = await anna.post(list, { title: 'Welke bron?', body: 'Waar komen de **cijfers** vandaan?' });
      assert.equal(started.status, 303);
      thread = threadOf(started);
      assert.match(thread, /^\/datasets\/cities\/discussions\/d_/);

      await bert.get(thread);
      tick();
      const replied = await bert.post(thread, { body: 'Ik vraag het me ook af.' });
      assert.equal(replied.status, 303);
      bertPost = new URL(replied.headers.get('location')!, s.url).hash.slice(1);
      await editor.get(thread);
      tick();
      assert.equal((await editor.post(thread, { body: 'Uit het **register** van 2025.' })).status, 303);

      const visitor = await s.get(thread);
      assert.equal(visitor.status, 200);
      const page = await visitor.text();
      assert.match(page, /<strong>cijfers<\/strong>/);
      assert.match(page, /Anna uit Gent/);
      assert.match(page, /Bert D\./, 'first name and the initial of the last name when no display name was chosen');
      assert.match(page, /Eva R\./);
      assert.equal((page.match(/Antwoord van de uitgever/g) ?? []).length, 1, "only the editor's post is the publisher's answer");
      assert.doesNotMatch(page, emailPattern);
      assert.match(page, /Meld u aan om een discussie te beginnen/);

      const json = await twin(`${thread}.json`);
      assert.deepEqual(json.posts.map((p: { author: string; publisherAnswer: boolean }) => [p.author, p.publisherAnswer]), [['Anna uit Gent', false], ['Bert D.', false], ['Eva R.', true]]);
      const listJson = await twin(`${list}.json`);
      assert.deepEqual(listJson.threads.map((t: { title: string; posts: number }) => [t.title, t.posts]), [['Welke bron?', 3]]);
      assert.doesNotMatch(JSON.stringify(json) + JSON.stringify(listJson), emailPattern);
      const info = await (await s.get('/datasets/cities')).text();
      assert.match(info, /<a href="\/datasets\/cities\/discussions">Discussies over deze dataset<\/a> \(1 discussie\)/);
      const english = await (await s.get(`/en${list}`)).text();
      assert.match(english, /Discussions about/);
      assert.match(english, /1 post|3 posts/);
    });

    test('each reply mails the other participants once, in their language, with a link; never its author', async () => {
      // Anna heard of Bert's reply and of the editor's; Bert of the editor's only; the editor of nothing.
      assert.equal(mailsTo('anna@example.org').length, 2);
      assert.equal(mailsTo('bert@example.org').length, 1);
      assert.equal(mailsTo('redactie@example.org').length, 0);
      const keys = s.sent.filter((m) => m.template === 'discussions.reply').map((m) => m.idempotencyKey);
      assert.equal(new Set(keys).size, keys.length);
      assert.ok(keys.every((k) => /^discussion:p_[^:]+:u_/.test(k ?? '')));
      const mail = await s.smtp.next('bert@example.org');
      assert.match(mail.subject, /Nieuw antwoord in de discussie "Welke bron\?"/);
      assert.match(mail.text, new RegExp(`${s.portal.config.publisherName} antwoordde`), "a publisher's answer is mailed as the department's");
      assert.ok(mailsTo('bert@example.org')[0].text.includes(`${thread}#`), 'the mail links to the thread');
      assert.doesNotMatch(mail.text, /anna@example\.org|redactie@example\.org/);
    });

    test('a restricted account is not mailed about replies (Art. 18); lifted, it is again', async () => {
      await db().insertInto('account_privacy_flags').values({ user_id: ids.bert, kind: 'restriction', purpose: '', set_at: s.clock.now.toISOString(), set_by: 'self' }).execute();
      const queued = async () => (await db().selectFrom('mail_outbox').select('status').where('idempotency_key', 'like', `discussion:%:${ids.bert}:by:%`).execute()).length;
      const before = await queued();
      tick();
      await anna.get(thread);
      assert.equal((await anna.post(thread, { body: 'Iemand anders nog?' })).status, 303);
      assert.equal(await queued(), before, 'nothing queued for a restricted account');
      await db().deleteFrom('account_privacy_flags').where('user_id', '=', ids.bert).execute();
      tick();
      await anna.get(thread);
      assert.equal((await anna.post(thread, { body: 'Nog iemand?' })).status, 303);
      assert.equal(await queued(), before + 1);
    });

    test('report → moderation list → hide → others see the placeholder, the author their text → restore; each action audited', async () => {
      await anna.get(thread);
      assert.match(anna.lastPage, /Melden/);
      const reported = await anna.post(`${thread}/posts/${bertPost}/report`, { reason: 'Geen antwoord op de vraag' });
      assert.equal(reported.status, 303);
      await anna.get(thread);
      assert.equal((await anna.post(`${thread}/posts/${bertPost}/report`, { reason: 'Nog eens' })).headers.get('location'), `${thread}?done=again`);
      assert.equal((await db().selectFrom('discussion_reports').selectAll().execute()).length, 1, 'one report per person and post');

      assert.equal((await bert.get('/-/moderation')).status, 404, 'not a page for users');
      assert.equal((await editor.get('/-/moderation')).status, 200);
      assert.match(editor.lastPage, /Geen antwoord op de vraag/);
      const queue = await twin('/-/moderation.json', editor);
      assert.deepEqual(queue.posts.map((p: { id: string }) => p.id), [bertPost]);

      await editor.get(thread);
      assert.equal((await editor.post(`${thread}/posts/${bertPost}/hide`, { from: 'moderation' })).status, 303);
      const others = await (await s.get(thread)).text();
      assert.match(others, /verborgen door een moderator/);
      assert.doesNotMatch(others, /Ik vraag het me ook af/);
      assert.equal((await twin(`${thread}.json`)).posts[1].body, null);
      await bert.get(thread);
      assert.match(bert.lastPage, /Ik vraag het me ook af/);
      assert.match(bert.lastPage, /Uw bericht is verborgen door een moderator/);
      assert.deepEqual((await twin('/-/moderation.json', editor)).posts, [], 'the report is dealt with');

      await editor.get(thread);
      assert.equal((await editor.post(`${thread}/posts/${bertPost}/restore`, {})).status, 303);
      assert.match(await (await s.get(thread)).text(), /Ik vraag het me ook af/);
      const verbs = (await db().selectFrom('events').select('verb').where('subject_id', '=', bertPost).orderBy('id').execute()).map((e) => e.verb);
      assert.deepEqual(verbs, ['discussion.post_hidden', 'discussion.post_restored']);
      assert.equal((await bert.post(`${thread}/posts/${bertPost}/hide`, {})).status, 404, 'a user cannot moderate');
    });

    test('a locked thread refuses a post with a clear message (409); reopened, it takes posts again', async () => {
      await editor.get(thread);
      assert.equal((await editor.post(`${thread}/lock`, {})).status, 303);
      await anna.get(thread);
      assert.match(anna.lastPage, /gesloten/);
      const refused = await anna.post(thread, { body: 'Nog een vraag' });
      assert.equal(refused.status, 409);
      assert.match(anna.lastPage, /Deze discussie is gesloten: er kunnen geen berichten meer bij/);
      await editor.get(thread);
      await editor.post(`${thread}/unlock`, {});
      await anna.get(thread);
      assert.equal((await anna.post(thread, { body: 'Nog een vraag' })).status, 303);
      const verbs = (await db().selectFrom('events').select('verb').where('subject_id', '=', thread.split('/').pop()!).orderBy('id').execute()).map((e) => e.verb);
      assert.deepEqual(verbs, ['discussion.thread_locked', 'discussion.thread_unlocked']);
    });

    test('a first post with a link is held: nobody sees it or hears of it until a moderator releases it', async () => {
      await createAccount(s, 'nieuw@example.org', 'user');
      const newcomer = await signedIn(s, 'nieuw@example.org');
      const before = s.sent.filter((m) => m.template === 'discussions.reply').length;
      await newcomer.get(thread);
      const held = await newcomer.post(thread, { body: 'Goedkope horloges op https://spam.example' });
      assert.equal(held.headers.get('location')?.includes('done=held'), true);
      const post = (await db().selectFrom('discussion_posts').select(['id', 'status']).where('body', 'like', '%horloges%').executeTakeFirstOrThrow());
      assert.equal(post.status, 'held');
      assert.doesNotMatch(await (await s.get(thread)).text(), /horloges/);
      await newcomer.get(thread);
      assert.match(newcomer.lastPage, /horloges/, 'the author sees their own post');
      assert.match(newcomer.lastPage, /wacht op een moderator/);
      assert.equal(s.sent.filter((m) => m.template === 'discussions.reply').length, before, 'a held post notifies nobody');
      assert.deepEqual((await twin('/-/moderation.json', editor)).posts.map((p: { id: string; status: string }) => [p.id, p.status]), [[post.id, 'held']]);

      await editor.get(thread);
      assert.equal((await editor.post(`${thread}/posts/${post.id}/release`, {})).status, 303);
      assert.match(await (await s.get(thread)).text(), /horloges/);
      assert.equal(mailsTo('anna@example.org').filter((m) => m.idempotencyKey?.includes(post.id)).length, 1, 'released, it is news once');
      // Someone who posted before is held too when a post carries many links; one link is fine.
      tick();
      await bert.get(thread);
      assert.match((await bert.post(thread, { body: 'Zie https://a.example, https://b.example en https://c.example' })).headers.get('location') ?? '', /done=held/);
      await bert.get(thread);
      assert.match((await bert.post(thread, { body: 'De bron: https://bron.example' })).headers.get('location') ?? '', /done=posted/);
    });

    test('an oversized post and a title too long are refused with a clear message; nothing is written', async () => {
      const count = async () => (await db().selectFrom('discussion_posts').select('id').execute()).length;
      const n = await count();
      await anna.get(thread);
      const big = await anna.post(thread, { body: 'a'.repeat(10_001) });
      assert.equal(big.status, 400);
      assert.match(anna.lastPage, /Uw bericht is te lang: ten hoogste 10\.000 tekens/);
      await anna.get(list);
      assert.equal((await anna.post(list, { title: 't'.repeat(201), body: 'Vraag' })).status, 400);
      assert.match(anna.lastPage, /titel van 3 tot 200 tekens/);
      assert.equal(await count(), n);
    });

    test('posting is limited per account: past 20 posts an hour the form says so (429) and writes nothing', async () => {
      await createAccount(s, 'druk@example.org', 'user');
      let busy = await signedIn(s, 'druk@example.org');
      for (let i = 0; i < 20; i++) {
        await busy.get(thread);
        assert.equal((await busy.post(thread, { body: `Bericht ${i}` })).status, 303);
      }
      await busy.get(thread);
      assert.equal((await busy.post(thread, { body: 'Nog eentje' })).status, 429);
      assert.match(busy.lastPage, /U hebt het afgelopen uur veel berichten geplaatst/);
      assert.equal((await db().selectFrom('discussion_posts').select('id').where('body', '=', 'Nog eentje').execute()).length, 0);
      // An hour later the account may post again.
      s.clock.now = new Date(s.clock.now.getTime() + 3_600_000 + 1000);
      // Sessions idle for an hour end: the others sign in again.
      anna = await signedIn(s, 'anna@example.org');
      bert = await signedIn(s, 'bert@example.org');
      editor = await signedIn(s, 'redactie@example.org');
      busy = await signedIn(s, 'druk@example.org');
      await busy.get(thread);
      assert.equal((await busy.post(thread, { body: 'Nog eentje' })).status, 303);
    });

    test('a honeypot filled in writes nothing', async () => {
      await anna.get(list);
      const n = (await db().selectFrom('discussion_threads').select('id').execute()).length;
      assert.equal((await anna.post(list, { title: 'Robot', body: 'Robot', website: 'https://spam.example' })).status, 303);
      assert.equal((await db().selectFrom('discussion_threads').select('id').execute()).length, n);
    });

    test('XSS payloads in title and body stay inert in the pages, the twins and the mails', async () => {
      for (const payload of xssPayloads) {
        await anna.get(list);
        const started = await anna.post(list, { title: `Vraag ${payload}`.slice(0, 200), body: payload });
        assert.equal(started.status, 303, payload);
        const path = threadOf(started);
        await bert.get(path);
        assert.equal((await bert.post(path, { body: `Antwoord ${payload}` })).status, 303, payload);
        for (const page of [await (await s.get(path)).text(), await (await s.get(list)).text(), await (await editor.get('/-/moderation')).text()]) {
          assert.deepEqual(liveMarkup(written(page)), [], payload);
          const raw = /<script>alert|<img |<svg |<iframe |<a [^>]*href="javascript:/i.exec(page);
          assert.equal(raw, null, `${payload}: ${page.slice(Math.max(0, (raw?.index ?? 0) - 200), (raw?.index ?? 0) + 100)}`);
        }
        const json = await twin(`${path}.json`);
        for (const p of json.posts) assert.deepEqual(liveMarkup(p.bodyHtml), [], payload);
      }
      const mails = s.sent.filter((m) => m.template === 'discussions.reply' && m.to === 'anna@example.org');
      assert.ok(mails.length >= xssPayloads.length);
      for (const mail of mails) assert.deepEqual(liveMarkup(mail.html ?? ''), [], mail.text);
    });

    test("the access archive holds the person's posts and reports; erasure keeps the posts under \"former user\" and deletes the reports", async () => {
      const archive = await s.portal.rights.buildAccessArchive(ids.anna);
      const items = archive.data.discussions.items as { discussionPosts: { body: string }[]; discussionReports: { reason: string }[]; discussionThreads: { title: string }[] };
      assert.ok(items.discussionPosts.some((p) => p.body.includes('cijfers')));
      assert.deepEqual(items.discussionReports.map((r) => r.reason), ['Geen antwoord op de vraag']);
      assert.ok(items.discussionThreads.some((t) => t.title === 'Welke bron?'));

      await s.portal.rights.eraseAccount(ids.anna, { by: 'self' });
      assert.equal((await db().selectFrom('discussion_posts').select('id').where('author_id', '=', ids.anna).execute()).length, 0);
      assert.equal((await db().selectFrom('discussion_threads').select('id').where('author_id', '=', ids.anna).execute()).length, 0);
      assert.equal((await db().selectFrom('discussion_reports').select('id').execute()).length, 0, 'her report is gone');
      const page = await (await s.get(thread)).text();
      assert.match(page, /voormalige gebruiker/);
      assert.match(page, /Waar komen de/, 'the text others answered stays readable');
      assert.doesNotMatch(page, /Anna uit Gent/);
      assert.match(await (await s.get(`/en${thread}`)).text(), /former user/);
      const before = s.sent.length;
      await bert.get(thread);
      await bert.post(thread, { body: 'Nog iemand?' });
      assert.equal(s.sent.filter((m) => m.to === 'anna@example.org').length, 0 + s.sent.slice(0, before).filter((m) => m.to === 'anna@example.org').length, 'an erased person hears nothing');
    });
  });
}
