// Following a dataset end to end, on SQLite and PostgreSQL, over HTTP with a real SMTP server: the button (with its
// CSRF token), double opt-in, a version's mail with its counts and unsubscribe headers, one-click unsubscribe, forged
// and used links, expiry, idempotent fan-out, digests on a controlled clock, who gets nothing, and erasure.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAccount, signedIn } from '../helpers/accounts.ts';
import { importMunicipalities, startFollowServer, type FollowHarness } from '../helpers/follow.ts';
import { linkIn } from '../helpers/smtp.ts';
import { dialects } from '../helpers/stores.ts';
import type { DatasetEvent } from '../../src/catalog/events.ts';

const path = (link: string) => {
  const url = new URL(link);
  return url.pathname + url.search;
};
const version = (n: number, at: string): DatasetEvent => ({ type: 'version_published', datasetId: 'cities', at, version: n, previousVersion: n - 1 });

for (const dialect of dialects) {
  describe(`following on ${dialect}`, () => {
    let s: FollowHarness;
    before(async () => {
      s = await startFollowServer(dialect);
    });
    after(async () => s.close());

    const db = () => s.portal.store.db;
    const userId = async (email: string) => (await db().selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
    const mailsTo = (email: string) => s.sent.filter((m) => m.to === email);
    /** A confirmed follower of cities, signed in. */
    async function follower(email: string) {
      await createAccount(s, email, 'user');
      const v = await signedIn(s, email);
      await v.get('/datasets/cities');
      assert.equal((await v.post('/datasets/cities/follow', {})).status, 200);
      const confirm = path(linkIn(await s.smtp.next(email)));
      await v.post(confirm, {});
      return v;
    }

    test('follow → confirmation mail → confirm → a new keyed version (3 added, 2 removed, 1 changed, one new field) → one mail with those counts and both unsubscribe headers; one click ends it; the next version sends nothing', async () => {
      await importMunicipalities(s.portal, s.env.dataDir, 1);
      await s.portal.jobs.runDue();
      const email = 'volger@example.org';
      await createAccount(s, email, 'user');
      const v = await signedIn(s, email);
      const page = await v.get('/datasets/gemeenten');
      assert.equal(page.status, 200);
      assert.match(v.lastPage, /action="\/datasets\/gemeenten\/follow"/);

      // The form needs its CSRF token and the portal's origin.
      assert.equal((await v.post('/datasets/gemeenten/follow', { _csrf: 'vervalst' })).status, 403);
      assert.equal((await v.post('/datasets/gemeenten/follow', {}, { origin: 'https://elders.example' })).status, 403);
      assert.equal(await db().selectFrom('subscriptions').select('id').executeTakeFirst(), undefined, 'a refused form follows nothing');

      await v.get('/datasets/gemeenten');
      assert.equal((await v.post('/datasets/geheim/follow', {})).status, 404, 'a dataset the person may not see cannot be followed');
      await v.get('/datasets/gemeenten');
      const followed = await v.post('/datasets/gemeenten/follow', {});
      assert.equal(followed.status, 200);
      assert.match(v.lastPage, /We stuurden u een e-mail/);
      const confirmation = await s.smtp.next(email);
      assert.match(confirmation.subject, /Bevestig dat u e-mail wilt/);
      assert.match(confirmation.text, /Gemeenten/);
      const confirm = path(linkIn(confirmation));
      assert.match(confirm, /^\/-\/follow\/confirm\/[A-Za-z0-9_-]{43}$/);
      const token = confirm.split('/').pop()!;
      const stored = await db().selectFrom('subscriptions').selectAll().executeTakeFirstOrThrow();
      assert.notEqual(stored.confirm_digest, token, 'the link is stored as its digest only');
      assert.match(stored.confirm_digest ?? '', /^[0-9a-f]{64}$/);

      // Not confirmed yet: a version mails nothing.
      await s.portal.follow.onDatasetEvent({ ...version(1, s.clock.now.toISOString()), datasetId: 'gemeenten' });
      assert.equal(mailsTo(email).filter((m) => m.template !== 'follow.confirm').length, 0);

      // Waiting for the confirmation, the dataset page says so and offers the link again.
      await v.get('/datasets/gemeenten');
      assert.match(v.lastPage, /Bevestig het volgen met de link in uw mailbox/);
      assert.match(v.lastPage, /<form method="post" action="\/datasets\/gemeenten\/follow" class="inline">.*?Stuur de link opnieuw<\/button>/);
      assert.equal((await v.get(confirm)).status, 200, 'opening the link shows a button');
      assert.equal((await db().selectFrom('subscriptions').select('status').executeTakeFirstOrThrow()).status, 'pending');
      assert.equal((await v.post(confirm, {})).status, 200);
      assert.match(v.lastPage, /Bevestigd/);
      assert.equal((await v.post(confirm, {})).status, 400, 'the link works once');
      const consent = await db().selectFrom('consents').selectAll().where('user_id', '=', await userId(email)).where('purpose', '=', 'notifications').executeTakeFirstOrThrow();
      const statement = await s.portal.statements.current();
      assert.deepEqual([consent.statement_version, consent.statement_digest, consent.method, consent.withdrawn_at], [statement.version, statement.digest, 'double_opt_in:dataset', null]);

      await v.get('/datasets/gemeenten');
      assert.match(v.lastPage, /U volgt deze dataset/);

      // The next version, imported as a publisher would: its job hands the event to the followers.
      await importMunicipalities(s.portal, s.env.dataDir, 2);
      assert.equal(await s.portal.jobs.runDue(), 1);
      const mail = await s.smtp.next(email);
      assert.match(mail.subject, /Gemeenten: versie 2/);
      assert.match(mail.text, /3 records toegevoegd/);
      assert.match(mail.text, /2 records verwijderd/);
      assert.match(mail.text, /1 record gewijzigd/);
      assert.match(mail.text, /1 veld toegevoegd: inwoners_2025/);
      const handed = mailsTo(email).filter((m) => m.template === 'follow.version');
      assert.equal(handed.length, 1);
      // The headers as the mail program gets them (RFC 8058), and the HTML part beside the text.
      const unfolded = mail.raw.replace(/\r?\n[ \t]+/g, ' ');
      const unsubscribe = /^List-Unsubscribe: <(http:\/\/[^>]+\/-\/unsubscribe\/(s_[^>]+))>\s*$/m.exec(unfolded);
      assert.ok(unsubscribe, unfolded.slice(0, 2000));
      assert.match(unfolded, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click\s*$/m);
      assert.match(unfolded, /Content-Type: text\/html/);
      assert.match(handed[0].idempotencyKey ?? '', /^sub:s_[^:]+:v:gemeenten:2$/);
      assert.match(handed[0].html ?? '', /<li>3 records toegevoegd<\/li>/);
      assert.match(mail.text, /\/-\/account\/follows/, 'a link to manage every subscription');
      assert.match(mail.text, /http:\/\/\S+\/datasets\/gemeenten\/versions\/2/, 'a link to the version\'s page');

      // The same event again (a retried job): nothing new.
      const [job] = await db().selectFrom('jobs').select('payload').where('kind', '=', 'dataset.version_published').where('job_key', 'like', 'dataset:gemeenten:v2:%').execute();
      await s.portal.follow.onDatasetEvent(JSON.parse(job.payload) as DatasetEvent);
      await s.portal.mailer.flush();
      assert.equal(mailsTo(email).filter((m) => m.template === 'follow.version').length, 1);
      assert.equal(s.smtp.messages.filter((m) => m.to.includes(email) && /versie 2/.test(m.subject)).length, 1);
      assert.equal((await s.portal.catalog.changesOf('gemeenten', 2))?.added, 3, 'the mail says what the version page says');

      // Opening the unsubscribe link changes nothing; the one-click POST (no session, no origin) ends it.
      const link = path(unsubscribe[1]);
      assert.equal((await fetch(`${s.url}${link}`)).status, 200);
      assert.equal((await db().selectFrom('subscriptions').select('status').executeTakeFirstOrThrow()).status, 'confirmed');
      const oneClick = await fetch(`${s.url}${link}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
      assert.equal(oneClick.status, 200);
      assert.match(await oneClick.text(), /uitgeschreven/);
      const ended = await db().selectFrom('subscriptions').selectAll().executeTakeFirstOrThrow();
      assert.deepEqual([ended.status, ended.end_reason], ['ended', 'one_click']);
      assert.notEqual((await db().selectFrom('consents').select('withdrawn_at').where('id', '=', consent.id).executeTakeFirstOrThrow()).withdrawn_at, null, 'the consent is withdrawn');

      // Used again, forged, or nonsense: refused with a page, never a 500.
      const form = new FormData();
      form.set('List-Unsubscribe', 'One-Click');
      const again = await fetch(`${s.url}${link}`, { method: 'POST', body: form });
      assert.equal(again.status, 410, 'used: gone (posted as multipart/form-data, as RFC 8058 allows)');
      const forged = link.replace(/\.[A-Za-z0-9_-]{32}$/, `.${'A'.repeat(32)}`);
      assert.equal((await fetch(`${s.url}${forged}`, { method: 'POST', body: '' })).status, 404);
      assert.equal((await fetch(`${s.url}${forged}`)).status, 404);
      assert.equal((await fetch(`${s.url}/-/unsubscribe/onzin`, { method: 'POST', body: '' })).status, 404);

      // The next version sends this person nothing.
      const before = mailsTo(email).length;
      await importMunicipalities(s.portal, s.env.dataDir, 3);
      await s.portal.jobs.runDue();
      await s.portal.mailer.flush();
      assert.equal(mailsTo(email).length, before);
      assert.equal(s.smtp.messages.filter((m) => m.to.includes(email)).length, 2, 'the confirmation and version 2, nothing else');
    });

    test('a confirmation link past its 48 hours, or replaced by a newer one, is refused; a new link at most every few minutes', async () => {
      const email = 'traag@example.org';
      const id = await createAccount(s, email, 'user');
      assert.equal(await s.portal.follow.follow(id, { kind: 'catalog' }, 'en'), 'sent');
      const mail = await s.smtp.next(email);
      assert.match(mail.subject, /Confirm that you want email/);
      const confirm = path(linkIn(mail));
      assert.match(confirm, /^\/en\/-\/follow\/confirm\//);
      const saved = s.clock.now;
      const confirmations = () => mailsTo(email).filter((m) => m.template === 'follow.confirm').length;
      try {
        // Pressing follow again at once sends no second link; a few minutes later a new one replaces the first.
        assert.equal(await s.portal.follow.follow(id, { kind: 'catalog' }, 'en'), 'sent');
        assert.equal(confirmations(), 1);
        s.clock.now = new Date(saved.getTime() + 6 * 60_000);
        await s.portal.follow.follow(id, { kind: 'catalog' }, 'en');
        assert.equal(confirmations(), 2);
        assert.equal((await fetch(`${s.url}${confirm}`)).status, 400, 'the first link was replaced');
        const second = path(linkIn(await s.smtp.next(email)));
        assert.equal((await fetch(`${s.url}${second}`)).status, 200);
        s.clock.now = new Date(saved.getTime() + 49 * 3_600_000);
        assert.equal((await fetch(`${s.url}${second}`)).status, 400);
        assert.equal((await fetch(`${s.url}${confirm}`)).status, 400);
        const post = await fetch(`${s.url}${second}`, { method: 'POST', headers: { origin: s.url, 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
        assert.equal(post.status, 400);
        assert.match(await post.text(), /expired/);
      } finally {
        s.clock.now = saved;
      }
      assert.equal((await db().selectFrom('subscriptions').select('status').where('user_id', '=', id).executeTakeFirstOrThrow()).status, 'pending');
    });

    test('a daily digest: one mail per person per period, none twice, nothing before the period ends', async () => {
      const email = 'dagelijks@example.org';
      const v = await follower(email);
      await v.get('/-/account/follows');
      assert.equal((await v.post('/-/account/follows/frequency', { frequency: 'daily' })).status, 303);
      const saved = s.clock.now;
      try {
        const day = Date.UTC(2031, 2, 10);
        s.clock.now = new Date(day + 9 * 3_600_000);
        const sentBefore = mailsTo(email).length;
        await s.portal.follow.onDatasetEvent(version(12, new Date(day + 9 * 3_600_000).toISOString()));
        await s.portal.follow.onDatasetEvent({ type: 'metadata_updated', datasetId: 'cities', at: new Date(day + 10 * 3_600_000).toISOString() });
        assert.equal(mailsTo(email).length, sentBefore, 'no mail at once for a daily follower');
        await s.portal.follow.sendDigests('daily', new Date(day + 20 * 3_600_000));
        assert.equal(mailsTo(email).length, sentBefore, 'the day has not ended');
        const next = new Date(day + 30 * 3_600_000);
        s.clock.now = next;
        assert.deepEqual(await s.portal.follow.sendDigests('daily', next), { mailed: 1 });
        assert.deepEqual(await s.portal.follow.sendDigests('daily', next), { mailed: 0 });
        await s.portal.follow.sendDigests('weekly', next);
        const digests = mailsTo(email).slice(sentBefore);
        assert.equal(digests.length, 1);
        assert.equal(digests[0].template, 'follow.digest_daily');
        assert.equal(digests[0].idempotencyKey, `digest:${await userId(email)}:2031-03-10`);
        assert.match(digests[0].subject, /2 berichten/);
        assert.match(digests[0].text, /nieuwe versie: 12/);
        assert.match(digests[0].text, /beschrijving .*bijgewerkt/);
        assert.match(digests[0].headers?.['List-Unsubscribe'] ?? '', /\/-\/unsubscribe\/u_/);
        const received = await s.smtp.next(email);
        assert.match(received.subject, /2 berichten over wat u volgt/);
        // The digest's one-click link ends every subscription it reports on.
        const all = path(/^<([^>]+)>$/.exec(digests[0].headers!['List-Unsubscribe'])![1]);
        assert.equal((await fetch(`${s.url}${all}`, { method: 'POST', body: '' })).status, 200);
        const live = await db().selectFrom('subscriptions').select('id').where('user_id', '=', await userId(email)).where('status', '!=', 'ended').execute();
        assert.equal(live.length, 0);
        assert.equal((await fetch(`${s.url}${all}`, { method: 'POST', body: '' })).status, 410);
      } finally {
        s.clock.now = saved;
      }
    });

    test('restricted and unverified accounts get nothing, checked when the mail would go', async () => {
      await follower('beperkt@example.org');
      const restricted = await userId('beperkt@example.org');
      await db().insertInto('account_privacy_flags').values({ user_id: restricted, kind: 'restriction', purpose: '', set_at: s.clock.now.toISOString(), set_by: 'self' }).execute();
      await follower('onbevestigd@example.org');
      const unverified = await userId('onbevestigd@example.org');
      await db().updateTable('users').set({ email_verified_at: null }).where('id', '=', unverified).execute();
      await follower('actief@example.org');

      await s.portal.follow.onDatasetEvent(version(20, s.clock.now.toISOString()));
      const got = (email: string) => mailsTo(email).filter((m) => m.idempotencyKey?.endsWith(':v:cities:20')).length;
      assert.equal(got('actief@example.org'), 1);
      assert.equal(got('beperkt@example.org'), 0);
      assert.equal(got('onbevestigd@example.org'), 0);
      const statusOf = async (id: string) => (await db().selectFrom('notifications').select('status').where('version', '=', 20).where('user_id', '=', id).executeTakeFirstOrThrow()).status;
      assert.equal(await statusOf(restricted), 'withheld');
      assert.equal(await statusOf(unverified), 'withheld');
      assert.equal(await statusOf(await userId('actief@example.org')), 'sent');
    });

    test('a publisher announces to the followers (the feed has it); catalog followers hear of a new dataset, in their language', async () => {
      await follower('fan@example.org');
      await createAccount(s, 'redactie@example.org', 'editor');
      const editor = await signedIn(s, 'redactie@example.org');
      await editor.get('/datasets/cities');
      assert.match(editor.lastPage, /href="\/datasets\/cities\/announce"/);
      assert.equal((await editor.get('/datasets/cities/announce')).status, 200);
      assert.equal((await editor.post('/datasets/cities/announce', { title: '', body: 'Leeg' })).status, 400);
      assert.match(editor.lastPage, /titel van 1 tot 200 tekens/);
      const posted = await editor.post('/datasets/cities/announce', { title: 'Nieuwe bron', body: 'Vanaf nu komen de cijfers van Statbel.' });
      assert.equal(posted.status, 303, 'post, then redirect: a reload does not send it again');
      assert.equal(posted.headers.get('location'), '/datasets/cities/announce?done=sent');
      const mail = await s.smtp.next('fan@example.org');
      assert.equal(mail.subject, 'Nieuwe bron');
      assert.match(mail.text, /cijfers van Statbel/);
      assert.deepEqual((await s.portal.follow.announcements('cities', 5)).map((a) => a.title), ['Nieuwe bron']);
      assert.deepEqual(await s.portal.follow.announcements(null, 5), []);
      // People without an account read it in the dataset's Atom feed, beside its versions.
      const feed = await (await s.get('/en/datasets/cities/feed.atom')).text();
      assert.match(feed, /<entry><id>urn:opaal:announcement:[^<]+<\/id><title>Nieuwe bron<\/title>/);
      assert.match(feed, /<link rel="alternate" type="text\/html" href="http:\/\/[^"]+\/en\/datasets\/cities"\/><summary type="text">Vanaf nu komen de cijfers van Statbel\.<\/summary>/);
      assert.doesNotMatch(await (await s.get('/catalog/feed.atom')).text(), /Nieuwe bron/, 'a dataset\'s announcement is not the portal\'s');
      const fan = await signedIn(s, 'fan@example.org');
      assert.equal((await fan.get('/datasets/cities/announce')).status, 404, 'not a publisher: the page does not exist for them');

      await createAccount(s, 'reader@example.org', 'user');
      const reader = await signedIn(s, 'reader@example.org');
      await reader.get('/en/-/account/follows');
      assert.equal((await reader.post('/en/-/account/follows/catalog', {})).status, 200);
      const confirmation = await s.smtp.next('reader@example.org');
      assert.match(confirmation.text, /New datasets in the catalog/);
      await reader.post(path(linkIn(confirmation)), {});
      assert.match(reader.lastPage, /Confirmed/);
      const published: DatasetEvent = { type: 'dataset_published', datasetId: 'cities', at: s.clock.now.toISOString(), firstPublication: true };
      await s.portal.follow.onDatasetEvent(published);
      await s.portal.follow.onDatasetEvent({ ...published, type: 'version_published', version: 1 });
      const news = mailsTo('reader@example.org').filter((m) => m.template === 'follow.new_dataset');
      assert.deepEqual(news.map((m) => [m.subject, /Follow|Unsubscribe|unsubscribe/.test(m.text) ? 'en' : 'nl']), [['New dataset: European cities', 'en']]);

      // The newsletter: its own opt-in, and the portal's announcements.
      await createAccount(s, 'lezer@example.org', 'user');
      const lezer = await signedIn(s, 'lezer@example.org');
      await lezer.get('/-/account/follows');
      assert.equal((await lezer.post('/-/account/follows/newsletter', {})).status, 200);
      await lezer.post(path(linkIn(await s.smtp.next('lezer@example.org'))), {});
      await editor.get('/-/account/follows');
      assert.match(editor.lastPage, /href="\/-\/follow\/announce"/);
      await editor.get('/-/follow/announce');
      assert.equal((await editor.post('/-/follow/announce', { title: 'Het portaal is vernieuwd', body: 'Lees wat er nieuw is.' })).status, 303);
      assert.equal((await s.smtp.next('lezer@example.org')).subject, 'Het portaal is vernieuwd');
      assert.equal(mailsTo('fan@example.org').filter((m) => m.subject === 'Het portaal is vernieuwd').length, 0, 'dataset followers are not newsletter readers');
      assert.deepEqual((await s.portal.follow.announcements(null, 5)).map((a) => a.title), ['Het portaal is vernieuwd']);
    });

    test('a follower of both the catalog and the newsletter hears of a new dataset once, at once and in a digest', async () => {
      const both = async (email: string) => {
        await createAccount(s, email, 'user');
        const v = await signedIn(s, email);
        for (const target of ['catalog', 'newsletter']) {
          await v.get('/-/account/follows');
          assert.equal((await v.post(`/-/account/follows/${target}`, {})).status, 200);
          await v.post(path(linkIn(await s.smtp.next(email))), {});
        }
        return v;
      };
      const email = 'alles@example.org';
      await both(email);
      const published: DatasetEvent = { type: 'dataset_published', datasetId: 'cities', at: s.clock.now.toISOString(), firstPublication: true };
      await s.portal.follow.onDatasetEvent(published);
      await s.portal.follow.onDatasetEvent({ ...published, type: 'version_published', version: 1 });
      await s.portal.mailer.flush();
      const news = mailsTo(email).filter((m) => m.template === 'follow.new_dataset');
      assert.equal(news.length, 1, 'one mail, not one per subscription');
      assert.equal(s.smtp.messages.filter((m) => m.to.includes(email) && /Nieuwe dataset/.test(m.subject)).length, 1);
      const rows = await db().selectFrom('notifications').select(['status']).where('user_id', '=', await userId(email)).where('kind', '=', 'new_dataset').execute();
      assert.deepEqual(rows.map((r) => r.status), ['sent', 'sent'], 'both notifications told, by the one mail');

      // A daily reader of both gets the new dataset once in the digest.
      const daily = 'dagelijks-alles@example.org';
      const v = await both(daily);
      await v.get('/-/account/follows');
      assert.equal((await v.post('/-/account/follows/frequency', { frequency: 'daily' })).status, 303);
      const saved = s.clock.now;
      try {
        const day = Date.UTC(2032, 4, 4);
        s.clock.now = new Date(day + 9 * 3_600_000);
        await s.portal.follow.onDatasetEvent({ ...published, at: s.clock.now.toISOString() });
        s.clock.now = new Date(day + 30 * 3_600_000);
        await s.portal.follow.sendDigests('daily', s.clock.now);
        const digests = mailsTo(daily).filter((m) => m.template === 'follow.digest_daily');
        assert.equal(digests.length, 1);
        assert.match(digests[0].subject, /1 bericht/);
        assert.equal(digests[0].text.match(/nieuwe dataset gepubliceerd/g)?.length, 1, 'the new dataset once');
      } finally {
        s.clock.now = saved;
      }
    });

    test('a consent withdrawn on the privacy page ends the subscription before the next mail', async () => {
      await follower('intrekker@example.org');
      const id = await userId('intrekker@example.org');
      const consent = await db().selectFrom('consents').select('id').where('user_id', '=', id).where('purpose', '=', 'notifications').executeTakeFirstOrThrow();
      await s.portal.rights.withdrawConsent(id, String(consent.id));
      await s.portal.follow.onDatasetEvent(version(40, s.clock.now.toISOString()));
      assert.equal(mailsTo('intrekker@example.org').filter((m) => m.idempotencyKey?.endsWith(':v:cities:40')).length, 0);
      const row = await db().selectFrom('subscriptions').select(['status', 'end_reason']).where('user_id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual([row.status, row.end_reason], ['ended', 'consent_withdrawn']);
    });

    test('the retention sweep removes ended subscriptions and sent notifications after 30 days, never live ones', async () => {
      await follower('vergeten@example.org');
      const id = await userId('vergeten@example.org');
      await s.portal.follow.onDatasetEvent(version(50, s.clock.now.toISOString()));
      const live = await db().selectFrom('subscriptions').select('id').where('user_id', '=', id).executeTakeFirstOrThrow();
      await s.portal.follow.unfollow(id, { kind: 'dataset', datasetId: 'cities' });
      await s.portal.retention.run({ now: new Date(s.clock.now.getTime() + 29 * 86_400_000) });
      assert.equal((await db().selectFrom('subscriptions').select('id').where('id', '=', live.id).execute()).length, 1, 'within the period it stays');
      await s.portal.retention.run({ now: new Date(s.clock.now.getTime() + 31 * 86_400_000) });
      assert.equal((await db().selectFrom('subscriptions').select('id').where('id', '=', live.id).execute()).length, 0);
      assert.equal((await db().selectFrom('notifications').select('id').where('user_id', '=', id).execute()).length, 0);
      assert.ok((await db().selectFrom('subscriptions').select('id').where('status', '=', 'confirmed').execute()).length > 0, 'live subscriptions stay');
    });

    test('the account page lists the follows, its twin too, and the access archive and erasure include them', async () => {
      const email = 'wisser@example.org';
      const v = await follower(email);
      const id = await userId(email);
      await v.get('/-/account/follows');
      assert.match(v.lastPage, /Dataset Europese steden/);
      const twin = await (await fetch(`${s.url}/-/account/follows.json`, { headers: { cookie: v.cookie! } })).json();
      assert.deepEqual(twin.follows.map((f: { dataset_id: string; status: string }) => [f.dataset_id, f.status]), [['cities', 'confirmed']]);
      await s.portal.follow.onDatasetEvent(version(30, s.clock.now.toISOString()));

      const archive = await s.portal.rights.buildAccessArchive(id);
      const items = archive.data.follow.items as { subscriptions: { dataset: string }[]; notifications: { version: number }[] };
      assert.deepEqual(items.subscriptions.map((x) => x.dataset), ['cities']);
      assert.ok(items.notifications.some((n) => n.version === 30));
      assert.ok((archive.data.consents.items.consents as { purpose: string }[]).some((c) => c.purpose === 'notifications'));

      await s.portal.rights.eraseAccount(id, { by: 'self' });
      for (const table of ['subscriptions', 'notifications', 'follow_preferences'] as const) {
        assert.equal((await db().selectFrom(table).select('user_id').where('user_id', '=', id).execute()).length, 0, `${table} of the erased account`);
      }
    });
  });
}
