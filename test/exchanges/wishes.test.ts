// Data requests end to end on SQLite and PostgreSQL, over HTTP with a real SMTP server: ask → support (one vote each,
// withdraw) → sorted by support → status changes mailed once per change and person, in their language; CSRF,
// permissions, oversized text, the honeypot and the rate limit; XSS payloads inert; the access archive and erasure.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAccount, signedIn } from '../helpers/accounts.ts';
import { startFollowServer, type FollowHarness } from '../helpers/follow.ts';
import { signedIn as staffSignedIn } from '../helpers/staff.ts';
import { dialects } from '../helpers/stores.ts';
import type { Visitor } from '../helpers/visitor.ts';
import { liveMarkup, xssPayloads } from '../helpers/xss.ts';

/** The page's main content without the portal's own forms and CSRF fields (not what people wrote). */
const ownMarkupOut = (html: string) =>
  (/<main[\s\S]*<\/main>/.exec(html)?.[0] ?? html)
    .replace(/<form method="post" action="\/[^"]*"( class="[^"]*")?>/g, '')
    .replace(/<input type="hidden" name="_csrf" value="[^"]*">/g, '')
    .replace(/<input id="[a-z_]+" name="[a-z_]+"[^<>]*>/g, '');

for (const dialect of dialects) {
  describe(`data requests on ${dialect}`, () => {
    let s: FollowHarness;
    before(async () => {
      s = await startFollowServer(dialect);
    });
    after(async () => s.close());
    const db = () => s.portal.store.db;
    /** The first mail to this address whose text matches, waiting up to five seconds (mails to several go out in any order). */
    async function mailTo(email: string, pattern: RegExp) {
      for (let i = 0; i < 50; i++) {
        const found = s.smtp.messages.find((m) => m.to.includes(email) && pattern.test(m.text));
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`no mail to ${email} matching ${pattern}`);
    }
    const wishOf = (title: string) => db().selectFrom('wishes').selectAll().where('title', '=', title).executeTakeFirst();

    async function person(email: string): Promise<Visitor> {
      await createAccount(s, email, 'user');
      const v = await signedIn(s, email);
      assert.equal((await v.get('/data-requests')).status, 200);
      return v;
    }
    async function ask(v: Visitor, title: string, description = 'Voor een **studie**.') {
      await v.get('/data-requests');
      const response = await v.post('/data-requests', { title, description });
      assert.equal(response.status, 303, v.lastPage.slice(0, 200));
      return (await wishOf(title))!;
    }
    const act = async (v: Visitor, id: string, action: string, fields: Record<string, string> = {}) => {
      await v.get(`/data-requests/${id}`);
      return (await v.post(`/data-requests/${id}/${action}`, fields)).status;
    };

    test('ask → one vote each, withdraw → sorted by support → a user cannot set the status → staff set it, mailed once per change and person in their language', async () => {
      const asker = await person('vrager@example.org');
      const other = await person('ander@example.org');
      const third = await person('derde@example.org');
      const trees = await ask(asker, 'Bomen in de stad');
      const benches = await ask(other, 'Zitbanken');
      assert.equal(await act(other, trees.id, 'vote'), 303);
      assert.equal(await act(other, trees.id, 'vote'), 303);
      await third.get(`/en/data-requests/${trees.id}`);
      assert.equal((await third.post(`/en/data-requests/${trees.id}/vote`, {})).status, 303);
      assert.equal((await wishOf('Bomen in de stad'))!.support, 2, 'one vote per person');
      assert.equal(await act(third, trees.id, 'unvote'), 303);
      assert.equal((await wishOf('Bomen in de stad'))!.support, 1, 'withdrawn');
      await third.get(`/en/data-requests/${trees.id}`);
      assert.match(third.lastPage, /Support this request/);
      assert.equal((await third.post(`/en/data-requests/${trees.id}/vote`, {})).status, 303);
      assert.equal(await act(asker, benches.id, 'vote'), 303);
      assert.equal(await act(asker, benches.id, 'unvote'), 303);
      assert.equal((await other.post(`/data-requests/${trees.id}/vote`, { _csrf: 'vervalst' })).status, 403, 'CSRF');

      const list = await (await s.get('/data-requests.json')).json();
      assert.deepEqual(list.results.slice(0, 2).map((w: { title: string; support: number }) => [w.title, w.support]), [['Bomen in de stad', 2], ['Zitbanken', 0]]);
      assert.equal(JSON.stringify(list).includes('@example.org'), false, 'public names only');
      const page = await (await s.get('/data-requests')).text();
      assert.ok(page.indexOf('Bomen in de stad') < page.indexOf('Zitbanken'), 'the page sorts by support too');
      assert.match(page, /2 steunbetuigingen/);

      assert.equal(await act(asker, trees.id, 'status', { status: 'planned', dataset_id: '', reason: '' }), 404, 'a user is not staff');
      assert.equal((await wishOf('Bomen in de stad'))!.status, 'open');

      const editor = await staffSignedIn(s, 'editor');
      await editor.get(`/data-requests/${trees.id}`);
      assert.equal((await editor.post(`/data-requests/${trees.id}/status`, { status: 'refused', dataset_id: '', reason: '' })).status, 400, 'a refusal needs a reason');
      assert.equal((await editor.post(`/data-requests/${trees.id}/status`, { status: 'published', dataset_id: 'bestaat-niet', reason: '' })).status, 400);
      assert.equal((await editor.post(`/data-requests/${trees.id}/status`, { status: 'planned', dataset_id: '', reason: '' })).status, 303);
      await mailTo('vrager@example.org', /Gepland/);
      await mailTo('derde@example.org', /Planned/);
      assert.equal(s.smtp.messages.some((m) => m.to.includes('derde@example.org') && /Gepland/.test(m.text)), false, 'the supporter who used English reads English');
      await mailTo('ander@example.org', /Gepland/);
      await editor.get(`/data-requests/${trees.id}`);
      assert.equal((await editor.post(`/data-requests/${trees.id}/status`, { status: 'published', dataset_id: 'cities', reason: '' })).status, 303);
      await mailTo('vrager@example.org', /\/datasets\/cities/);
      const statusMails = s.sent.filter((m) => m.template === 'wishes.status');
      assert.equal(statusMails.length, 6, 'three people, two changes');
      assert.equal(new Set(statusMails.map((m) => m.idempotencyKey)).size, 6);
      assert.equal(s.sent.filter((m) => m.template === 'wishes.status' && m.to === 'ander@example.org').length, 2);
      const published = await (await s.get(`/data-requests/${trees.id}.json`)).json();
      assert.deepEqual([published.status, published.dataset_id], ['published', 'cities']);
      assert.equal((await (await s.get('/data-requests.json?status=published')).json()).total_count, 1);
    });

    test('oversized text is refused with a clear message; the honeypot keeps nothing; comments are rate limited', async () => {
      const v = await person('grens@example.org');
      await v.get('/data-requests');
      assert.equal((await v.post('/data-requests', { title: 'x'.repeat(201), description: 'y' })).status, 400);
      assert.match(v.lastPage, /te lang/);
      await v.get('/data-requests');
      assert.equal((await v.post('/data-requests', { title: 'Robot', description: 'spam', website: 'https://spam.example' })).status, 303);
      assert.equal(await wishOf('Robot'), undefined);
      const wish = await ask(v, 'Fietspaden');
      assert.equal(await act(v, wish.id, 'comment', { body: 'z'.repeat(5001) }), 400);
      for (let i = 0; i < 30; i++) assert.equal(await act(v, wish.id, 'comment', { body: `Reactie ${i}` }), 303);
      assert.equal(await act(v, wish.id, 'comment', { body: 'Een te veel' }), 429);
      assert.equal((await db().selectFrom('wish_comments').select('id').where('wish_id', '=', wish.id).execute()).length, 30);
    });

    test('XSS payloads in the title, description and comments are inert in the pages and the status mail', async () => {
      const email = 'xss-wens@example.org';
      const v = await person(email);
      const text = xssPayloads.join('\n\n');
      const wish = await ask(v, xssPayloads[1], text);
      assert.equal(await act(v, wish.id, 'comment', { body: text }), 303);
      for (const path of ['/data-requests', `/data-requests/${wish.id}`, `/en/data-requests/${wish.id}`]) {
        const html = await (await s.get(path)).text();
        assert.deepEqual(liveMarkup(ownMarkupOut(html)), [], path);
      }
      const editor = await staffSignedIn(s, 'admin');
      await editor.get(`/data-requests/${wish.id}`);
      assert.deepEqual(liveMarkup(ownMarkupOut(editor.lastPage)), [], 'staff page');
      assert.equal((await editor.post(`/data-requests/${wish.id}/status`, { status: 'refused', dataset_id: '', reason: xssPayloads[0] })).status, 303);
      const mail = await mailTo(email, /Geweigerd/);
      const mailHtml = mail.raw.split(/Content-Type: text\/html/i)[1] ?? '';
      assert.ok(mailHtml.length > 0);
      assert.deepEqual(liveMarkup(mailHtml), [], 'mail');
    });

    test('the access archive holds requests, votes and comments; erasure deletes votes and comments and pseudonymises the request', async () => {
      const email = 'canary-wens@example.org';
      const v = await person(email);
      const other = await person('steun@example.org');
      const own = await ask(v, 'Speelpleinen');
      const theirs = await ask(other, 'Parkings');
      assert.equal(await act(v, theirs.id, 'vote'), 303);
      assert.equal(await act(other, own.id, 'vote'), 303);
      assert.equal(await act(v, theirs.id, 'comment', { body: 'Ik woon naast een parking.' }), 303);
      const id = own.user_id;
      const archive = await s.portal.rights.buildAccessArchive(id);
      const items = archive.data.wishes.items as { dataRequests: { title: string }[]; dataRequestVotes: { request: string }[]; dataRequestComments: { body: string }[] };
      assert.deepEqual(items.dataRequests.map((w) => w.title), ['Speelpleinen']);
      assert.deepEqual(items.dataRequestVotes.map((x) => x.request), [theirs.id]);
      assert.deepEqual(items.dataRequestComments.map((c) => c.body), ['Ik woon naast een parking.']);

      await s.portal.rights.eraseAccount(id, { by: 'self' });
      for (const table of ['wish_votes', 'wish_comments', 'wishes'] as const) {
        assert.equal((await db().selectFrom(table).select('user_id').where('user_id', '=', id).execute()).length, 0, table);
      }
      assert.equal((await wishOf('Parkings'))!.support, 0, 'the count follows the votes');
      assert.equal(await db().selectFrom('wish_comments').select('id').where('body', '=', 'Ik woon naast een parking.').executeTakeFirst(), undefined);
      const kept = (await wishOf('Speelpleinen'))!;
      assert.match(kept.user_id, /^former-user-/);
      assert.equal(kept.support, 1, 'the support others gave stays');
      assert.match(await (await s.get(`/data-requests/${own.id}`)).text(), /voormalige gebruiker/);
    });
  });
}
