// Moderation of data-request comments over HTTP, on SQLite and PostgreSQL, as discussion posts are moderated: a comment
// likely spam is held (its author and moderators see it, nobody is mailed) until released; signed-in people report a
// comment, it waits on /-/moderation (page and twin) beside the discussion posts with the pending reuses' count; a
// moderator hides it (others see a placeholder, the author their text), restores it; users may not; each action is in
// the event log. Staff's home shows the pending reuses and the posts and comments waiting.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAccount, signedIn } from '../helpers/accounts.ts';
import { startFollowServer, type FollowHarness } from '../helpers/follow.ts';
import { dialects } from '../helpers/stores.ts';
import type { Visitor } from '../helpers/visitor.ts';

for (const dialect of dialects) {
  describe(`moderation of data-request comments on ${dialect}`, () => {
    let s: FollowHarness;
    let asker: Visitor;
    let writer: Visitor;
    let reader: Visitor;
    let editor: Visitor;
    let wishId = '';
    before(async () => {
      s = await startFollowServer(dialect);
      for (const name of ['vrager', 'schrijver', 'lezer']) await createAccount(s, `${name}@example.org`, 'user');
      await createAccount(s, 'redactie@example.org', 'editor');
      asker = await signedIn(s, 'vrager@example.org');
      writer = await signedIn(s, 'schrijver@example.org');
      reader = await signedIn(s, 'lezer@example.org');
      editor = await signedIn(s, 'redactie@example.org');
      await asker.get('/data-requests');
      assert.equal((await asker.post('/data-requests', { title: 'Bomen in de stad', description: 'Waar staan ze?' })).status, 303);
      wishId = (await s.portal.store.db.selectFrom('wishes').select('id').where('title', '=', 'Bomen in de stad').executeTakeFirstOrThrow()).id;
    });
    after(async () => s.close());
    const db = () => s.portal.store.db;
    const page = () => `/data-requests/${wishId}`;
    const twin = async (path: string, v?: Visitor) => (await fetch(`${s.url}${path}`, { headers: v?.cookie ? { cookie: v.cookie } : {} })).json();
    const commentMails = () => s.sent.filter((m) => m.template === 'wishes.comment');
    const comment = async (v: Visitor, body: string) => {
      await v.get(page());
      const response = await v.post(`${page()}/comment`, { body });
      assert.equal(response.status, 303);
      return response.headers.get('location') ?? '';
    };
    const idOf = async (body: string) => (await db().selectFrom('wish_comments').select(['id', 'status']).where('body', '=', body).executeTakeFirstOrThrow());

    test('likely spam is held: its author and moderators see it, others and the twin do not, nobody is mailed; released, it shows and the requester is told', async () => {
      const spam = 'Goedkoop! https://a.example.org https://b.example.org https://c.example.org';
      const mailsBefore = commentMails().length;
      assert.match(await comment(writer, spam), /done=held/);
      const held = await idOf(spam);
      assert.equal(held.status, 'held');
      await writer.get(page());
      assert.match(writer.lastPage, /Uw reactie wacht op een moderator/);
      assert.ok(writer.lastPage.includes('a.example.org'), 'the author sees their comment');
      assert.ok(!(await (await s.get(page())).text()).includes('a.example.org'), 'a visitor does not');
      await reader.get(page());
      assert.ok(!reader.lastPage.includes('a.example.org'), 'another user does not');
      assert.ok(!JSON.stringify(await twin(`${page()}.json`)).includes('a.example.org'), 'nor the twin');
      await s.portal.mailer.flush();
      assert.equal(commentMails().length, mailsBefore, 'a held comment is announced to nobody');

      await editor.get(page());
      assert.match(editor.lastPage, /Vastgehouden als mogelijke spam/);
      assert.equal((await editor.get('/-/moderation')).status, 200);
      assert.match(editor.lastPage, /Reacties op dataverzoeken/);
      assert.ok(editor.lastPage.includes(`/data-requests/${wishId}/comments/${held.id}/release`));
      const queue = await twin('/-/moderation.json', editor);
      assert.deepEqual(queue.dataRequestComments.map((c: { id: string; status: string; wishTitle: string }) => [c.id, c.status, c.wishTitle]), [[held.id, 'held', 'Bomen in de stad']]);

      assert.equal((await reader.post(`${page()}/comments/${held.id}/release`, {})).status, 404, 'a user may not release');
      const released = await editor.post(`${page()}/comments/${held.id}/release`, { from: 'moderation' });
      assert.equal(released.status, 303);
      assert.equal(released.headers.get('location'), '/-/moderation?done=moderated');
      assert.equal((await idOf(spam)).status, 'visible');
      assert.ok((await (await s.get(page())).text()).includes('a.example.org'), 'released: everyone sees it');
      assert.equal(commentMails().length, mailsBefore + 1, 'the requester is told now, once');
      assert.equal(commentMails().at(-1)!.to, 'vrager@example.org');
      assert.deepEqual((await twin('/-/moderation.json', editor)).dataRequestComments, []);
    });

    test('report → moderation list → hide: others see a placeholder, the author their text → restore; users may not; each action in the event log', async () => {
      const text = 'Dit is een gewone reactie zonder links.';
      assert.match(await comment(writer, text), /done=comment/);
      const { id } = await idOf(text);
      await reader.get(page());
      assert.match(reader.lastPage, /Waarom meldt u deze reactie\?/);
      assert.equal((await reader.post(`${page()}/comments/${id}/report`, { reason: '' })).status, 400, 'a report says why');
      await reader.get(page());
      const reported = await reader.post(`${page()}/comments/${id}/report`, { reason: 'Beledigend' });
      assert.equal(reported.headers.get('location'), `${page()}?done=reported`);
      await reader.get(page());
      assert.equal((await reader.post(`${page()}/comments/${id}/report`, { reason: 'Nog eens' })).headers.get('location'), `${page()}?done=again`);
      assert.equal((await db().selectFrom('wish_comment_reports').selectAll().where('comment_id', '=', id).execute()).length, 1, 'one report per person and comment');

      assert.equal((await reader.get('/-/moderation')).status, 404, 'not a page for users');
      const queue = await twin('/-/moderation.json', editor);
      assert.deepEqual(queue.dataRequestComments.map((c: { id: string; reports: { reason: string }[] }) => [c.id, c.reports.map((r) => r.reason)]), [[id, ['Beledigend']]]);
      assert.deepEqual(queue.posts, [], 'the discussion posts are listed beside them');

      await reader.get(page());
      assert.equal((await reader.post(`${page()}/comments/${id}/hide`, {})).status, 404, 'a user may not hide');
      await editor.get('/-/moderation');
      assert.equal((await editor.post(`${page()}/comments/${id}/hide`, { from: 'moderation' })).status, 303);
      const anonymous = await (await s.get(page())).text();
      assert.ok(!anonymous.includes(text));
      assert.match(anonymous, /Deze reactie is verborgen door een moderator/);
      const json = await twin(`${page()}.json`);
      const hidden = json.comments.find((c: { id: string }) => c.id === id);
      assert.deepEqual([hidden.body, hidden.status], [null, 'hidden'], 'the twin has no body for others');
      await writer.get(page());
      assert.ok(writer.lastPage.includes(text), 'the author still reads their text');
      assert.match(writer.lastPage, /Uw reactie is verborgen door een moderator/);
      assert.deepEqual((await twin('/-/moderation.json', editor)).dataRequestComments, [], 'the report is dealt with');

      await editor.get(page());
      assert.equal((await editor.post(`${page()}/comments/${id}/restore`, {})).headers.get('location'), `${page()}?done=moderated#${id}`);
      assert.ok((await (await s.get(page())).text()).includes(text));

      const verbs = (await db().selectFrom('events').select(['verb', 'subject_id']).where('subject_type', '=', 'wish_comment').orderBy('id').execute()).map((e) => e.verb);
      assert.deepEqual(verbs, ['wish.comment_released', 'wish.comment_hidden', 'wish.comment_restored']);
    });

    test('the moderation page counts the reuses waiting for a decision with a link to their list; staff\'s home counts them and the posts and comments waiting', async () => {
      await editor.get('/-/moderation');
      assert.match(editor.lastPage, /Er wacht geen hergebruik op een beslissing/);
      const writerAccount = await s.portal.accounts.getAccount((await db().selectFrom('users').select('id').where('email', '=', 'schrijver@example.org').executeTakeFirstOrThrow()).id);
      for (const title of ['Kaart', 'Grafiek']) {
        await s.portal.reuses.submit(writerAccount, { title, description: 'Iets.', url: 'https://kaart.example.org/', type: 'application', datasetIds: ['cities'] }, 'nl', null);
      }
      await editor.get('/-/moderation');
      assert.match(editor.lastPage, /2 hergebruiken wachten op een beslissing\./);
      assert.ok(editor.lastPage.includes('href="/-/reuses/moderation"'));
      assert.equal((await twin('/-/moderation.json', editor)).pendingReuses, 2);

      await comment(reader, 'Meer op https://x.example.org https://y.example.org https://z.example.org');
      await editor.get('/-/admin/datasets');
      assert.match(editor.lastPage, /data-count="reuses">2</);
      assert.match(editor.lastPage, /data-count="moderation">1</);
      assert.ok(editor.lastPage.includes('href="/-/moderation"'));
      assert.match(editor.lastPage, /data-status="new"/, 'beside the information requests\' counts');
    });
  });
}
