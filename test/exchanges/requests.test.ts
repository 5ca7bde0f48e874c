// Information requests end to end, on SQLite and PostgreSQL, over HTTP with a real SMTP server: a visitor asks about a
// dataset, confirms by a single-use link, staff answer in the inbox, the visitor replies by the thread link; staff
// notes never reach the requester; a signed-in person's history; the 24-hour purge; the inbox's search, filters and
// overdue flag; permissions, CSRF, the honeypot, the rate limit, oversized messages, XSS payloads; archive and erasure.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAccount, signedIn } from '../helpers/accounts.ts';
import { startFollowServer, type FollowHarness } from '../helpers/follow.ts';
import { linkIn, type ReceivedMail } from '../helpers/smtp.ts';
import { dialects } from '../helpers/stores.ts';
import { visitor } from '../helpers/visitor.ts';
import { liveMarkup, xssPayloads } from '../helpers/xss.ts';
import { requestsModule } from '../../src/exchanges/requests/personal-data.ts';
import { addWorkingDays } from '../../src/exchanges/requests/service.ts';

const path = (link: string) => {
  const url = new URL(link);
  return url.pathname + url.search;
};
/** The part of a page people wrote into: the thread and the subject line. */
const written = (page: string) => [/<ol class="thread">[\s\S]*?<\/ol>/.exec(page)?.[0] ?? '', /<p class="lead">[\s\S]*?<\/p>/.exec(page)?.[0] ?? ''].join('\n');
const payload = xssPayloads.join('\n\n');

for (const dialect of dialects) {
  describe(`information requests on ${dialect}`, () => {
    let s: FollowHarness;
    let staffId: string;
    before(async () => {
      s = await startFollowServer(dialect);
      staffId = await createAccount(s, 'redactie@example.org', 'editor');
      // The dataset's contact point hears of questions about it.
      const row = await s.portal.store.db.selectFrom('datasets').select('metadata').where('id', '=', 'cities').executeTakeFirstOrThrow();
      const metadata = typeof row.metadata === 'string' ? JSON.parse(row.metadata) : row.metadata;
      metadata.contactPoint = { name: 'Team Steden', email: 'steden@example.org', url: null };
      await s.portal.store.db.updateTable('datasets').set({ metadata: JSON.stringify(metadata) }).where('id', '=', 'cities').execute();
    });
    after(async () => s.close());
    const db = () => s.portal.store.db;
    const mailTo = (to: string, subject: RegExp) => s.smtp.next(to).then(async function find(m: ReceivedMail): Promise<ReceivedMail> {
      return subject.test(m.subject) ? m : find(await s.smtp.next(to));
    });

    test('a visitor asks about a dataset, confirms, staff answer with a note, the visitor replies: the thread shows both in order, never the note, and no payload is live anywhere', async () => {
      const v = visitor(s.url);
      await v.get('/datasets/cities');
      assert.match(v.lastPage, /href="\/-\/contact\?dataset=cities"/, 'the dataset page links to the form');
      assert.equal((await v.get('/-/contact?dataset=cities')).status, 200);
      assert.match(v.lastPage, /name="dataset" value="cities"/);
      assert.equal((await v.get('/-/contact?dataset=bestaat-niet')).status, 404);
      await v.get('/-/contact?dataset=cities');

      // CSRF: a form from another origin changes nothing.
      assert.equal((await v.post('/-/contact', { subject: 'x', message: 'y', name: 'n', email: 'a@example.org', dataset: 'cities', website: '' }, { origin: 'https://elders.example' })).status, 403);

      const asked = await v.post('/-/contact', { subject: `Vraag ${xssPayloads[0]}`, message: `Hoe vaak?\n\n${payload}`, name: `An ${xssPayloads[1]}`, email: 'an@example.org', dataset: 'cities', website: '' });
      assert.equal(asked.status, 200);
      assert.match(v.lastPage, /Bevestig in uw mailbox/);
      assert.deepEqual(liveMarkup(/<main[\s\S]*<\/main>/.exec(v.lastPage)?.[0] ?? v.lastPage).filter((x) => x !== 'embedding tag'), []);
      const stored = await db().selectFrom('information_requests').selectAll().executeTakeFirstOrThrow();
      assert.equal(stored.status, 'unconfirmed');
      assert.equal(stored.reference, null, 'no reference before the address is confirmed');
      assert.equal((await s.portal.requests.inbox({})).length, 0, 'an unconfirmed request is not in the inbox');

      const confirmation = await mailTo('an@example.org', /Bevestig uw vraag/);
      const confirm = path(linkIn(confirmation));
      const token = confirm.split('/').pop()!;
      assert.match(stored.confirm_digest ?? '', /^[0-9a-f]{64}$/);
      assert.notEqual(stored.confirm_digest, token, 'the link is stored as its digest only');

      assert.equal((await v.get(confirm)).status, 200, 'opening the link shows a button');
      assert.equal((await db().selectFrom('information_requests').select('status').executeTakeFirstOrThrow()).status, 'unconfirmed');
      const confirmed = await v.post(confirm, {});
      assert.equal(confirmed.status, 303);
      const threadPath = confirmed.headers.get('location')!;
      assert.match(threadPath, /^\/-\/contact\/thread\/[A-Za-z0-9_-]{43}\?done=registered$/);
      assert.equal((await v.post(confirm, {})).status, 400, 'the link works once');
      const registered = await db().selectFrom('information_requests').selectAll().executeTakeFirstOrThrow();
      assert.match(registered.reference ?? '', /^VRG-\d{4}-[2-9A-Z]{6}$/);
      assert.equal(registered.status, 'new');
      assert.ok(!JSON.stringify(registered).includes(threadPath.split('/').pop()!.split('?')[0]), 'the thread link is stored as its digest only');

      const ack = await mailTo('an@example.org', /is geregistreerd/);
      assert.ok(ack.text.includes(registered.reference!));
      assert.equal(path(linkIn(ack)), threadPath.split('?')[0], 'the registration mail carries the thread link');
      const staffMail = await mailTo('redactie@example.org', /Nieuwe vraag/);
      assert.ok(staffMail.text.includes(registered.reference!) && !staffMail.text.includes('an@example.org'));
      const contactMail = await mailTo('steden@example.org', /Nieuwe vraag/);
      assert.match(contactMail.text, /contactpunt/);

      // Staff: the inbox lists it; a note and an answer.
      const staff = await signedIn(s, 'redactie@example.org');
      assert.equal((await staff.get('/-/inbox')).status, 200);
      assert.ok(staff.lastPage.includes(registered.reference!));
      assert.equal((await staff.get(`/-/inbox/${registered.id}`)).status, 200);
      assert.deepEqual(liveMarkup(written(staff.lastPage)), [], 'the inbox shows the payloads inert');
      assert.equal((await staff.post(`/-/inbox/${registered.id}/note`, { message: `Geheime notitie ${xssPayloads[2]}` })).status, 303);
      await staff.get(`/-/inbox/${registered.id}`);
      assert.equal((await staff.post(`/-/inbox/${registered.id}/answer`, { message: `Elke maand. ${xssPayloads[3]}`, status: 'answered' })).status, 303);

      const events = await db().selectFrom('events').select(['actor', 'verb', 'data']).where('subject_id', '=', registered.id).orderBy('id').execute();
      assert.deepEqual(events.map((e) => [e.actor, e.verb]), [['requester', 'request.registered'], [staffId, 'request.noted'], [staffId, 'request.answered']]);
      assert.ok(!JSON.stringify(events).includes('Geheime') && !JSON.stringify(events).includes('an@example.org'), 'the log holds no words of the request');
      const answer = (s.sent.filter((m) => m.to === 'an@example.org' && m.template === 'requests.answer'))[0];
      assert.ok(answer?.reply, 'an answer goes out as a reply to the person');
      assert.ok(answer.html && liveMarkup(answer.html).length === 0, 'the answer mail\'s HTML holds no live markup');
      assert.ok(!answer.text.includes('Geheime notitie') && !answer.html!.includes('Geheime notitie'), 'the note is not in the mail');
      const answerMail = await mailTo('an@example.org', /Antwoord op uw vraag/);
      assert.equal(path(linkIn(answerMail)).split('?')[0] === threadPath.split('?')[0] || answerMail.text.includes(threadPath.split('?')[0]), true, 'the answer carries the link back to the thread');

      // The visitor opens the thread from the mail and replies.
      assert.equal((await v.get(threadPath)).status, 200);
      assert.ok(!v.lastPage.includes('Geheime notitie'), 'the requester never sees the note');
      assert.deepEqual(liveMarkup(written(v.lastPage)), []);
      assert.equal((await v.post(threadPath.split('?')[0], { message: 'Dank u, en per kwartaal?' })).status, 303);
      await mailTo('redactie@example.org', /Reactie op vraag/);
      await v.get(threadPath.split('?')[0]);
      const order = ['Hoe vaak?', 'Elke maand.', 'Dank u, en per kwartaal?'].map((text) => v.lastPage.indexOf(text));
      assert.ok(order.every((i) => i > 0) && order[0] < order[1] && order[1] < order[2], `the thread shows the messages in order: ${order}`);
      assert.ok(!v.lastPage.includes('Geheime notitie'));
      assert.equal((await v.get('/-/contact/thread/' + 'x'.repeat(43))).status, 404, 'a guessed link leads nowhere');

      await staff.get('/-/inbox');
      assert.deepEqual(liveMarkup(/<table class="inbox">[\s\S]*?<\/table>/.exec(staff.lastPage)?.[0] ?? 'missing'), [], 'the inbox list shows the subject inert');
      assert.ok(staff.lastPage.includes('&lt;script&gt;'), 'the subject is shown as text');
      // Saved answers with payloads: inert in the list and when inserted.
      await staff.get(`/-/inbox/${registered.id}`);
      assert.equal((await staff.post('/-/inbox/canned', { title: `Titel ${xssPayloads[1]}`, body: payload, request: registered.id })).status, 303);
      const [saved] = await s.portal.requests.cannedAnswers();
      await staff.get(`/-/inbox/${registered.id}?canned=${saved.id}`);
      const inserted = /<textarea id="answer" name="message"[^>]*>([\s\S]*?)<\/textarea>/.exec(staff.lastPage)?.[1] ?? 'missing';
      assert.ok(inserted.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the saved answer is inserted as text');
      const listed = /<h3>Opgeslagen antwoorden<\/h3>[\s\S]*?<\/ul>/.exec(staff.lastPage)?.[0] ?? 'missing';
      assert.deepEqual([liveMarkup(inserted), liveMarkup(listed)], [[], []]);
      await db().deleteFrom('canned_answers').execute();
      // Every mail is inert.
      for (const m of s.sent) assert.deepEqual(m.html ? liveMarkup(m.html) : [], [], `mail ${m.template}`);
    });

    test('permissions: a visitor and a user get 404 on the inbox, its twin and its forms; staff see the twin with counts', async () => {
      const anyone = visitor(s.url);
      assert.equal((await anyone.get('/-/inbox.json')).status, 404);
      await createAccount(s, 'gebruiker@example.org', 'user');
      const user = await signedIn(s, 'gebruiker@example.org');
      assert.equal((await user.get('/-/inbox')).status, 404);
      assert.equal((await user.get('/-/inbox.json')).status, 404);
      const [r] = await s.portal.requests.inbox({});
      await user.get('/-/account');
      assert.equal((await user.post(`/-/inbox/${r.id}/answer`, { message: 'ik ben geen medewerker' })).status, 404);
      assert.equal((await db().selectFrom('request_messages').select('id').where('body', '=', 'ik ben geen medewerker').execute()).length, 0);
      const staff = await signedIn(s, 'redactie@example.org');
      const twin = await staff.get('/-/inbox.json');
      assert.equal(twin.status, 200);
      const body = (await twin.json()) as { counts: Record<string, number>; total_count: number };
      assert.ok(body.total_count >= 1 && (body.counts.answered ?? 0) + (body.counts.in_progress ?? 0) >= 1);
      assert.equal((await staff.get('/-/admin/datasets')).status, 200);
      assert.match(staff.lastPage, /data-status="new"/, 'the staff home shows counts per status');
    });

    test('a signed-in user asks directly and sees every question with its whole history in the account (and its twin)', async () => {
      await createAccount(s, 'lid@example.org', 'user');
      const u = await signedIn(s, 'lid@example.org');
      await u.get('/-/contact');
      assert.ok(!/name="email"/.test(u.lastPage), 'a signed-in person gives no address');
      const posted = await u.post('/-/contact', { subject: 'Eerste vraag', message: 'Waar staan de gemeenten?', website: '' });
      assert.equal(posted.status, 303);
      const location = posted.headers.get('location')!;
      assert.match(location, /^\/-\/account\/requests\/req_/);
      const id = location.split('/').pop()!.split('?')[0];
      await mailTo('lid@example.org', /is geregistreerd/);
      await s.portal.requests.answer(id, 'In de dataset cities.', staffId);
      const mail = await mailTo('lid@example.org', /Antwoord op uw vraag/);
      assert.ok(mail.text.includes(`/-/account/requests/${id}`));
      await u.get(location);
      await u.post(`/-/account/requests/${id}`, { message: 'Dank u.' });
      assert.equal((await u.get('/-/account/requests')).status, 200);
      for (const text of ['Eerste vraag', 'Waar staan de gemeenten?', 'In de dataset cities.', 'Dank u.']) assert.ok(u.lastPage.includes(text), text);
      const twin = (await (await u.get('/-/account/requests.json')).json()) as { results: { messages: { kind: string }[] }[] };
      assert.deepEqual(twin.results[0].messages.map((m) => m.kind), ['requester', 'staff', 'requester']);
      // Another person's question is not theirs to read.
      const [visitorRequest] = await s.portal.requests.inbox({ search: 'an@example.org' });
      assert.equal((await u.get(`/-/account/requests/${visitorRequest.id}`)).status, 404);
    });

    test('the honeypot keeps nothing, an oversized message is refused with a clear message, the form is rate limited', async () => {
      const before = await db().selectFrom('information_requests').select('id').execute();
      const v = visitor(s.url);
      await v.get('/-/contact');
      assert.equal((await v.post('/-/contact', { subject: 'Koop nu', message: 'spam', name: 'Bot', email: 'bot@example.org', website: 'http://spam.example' })).status, 200);
      assert.equal((await db().selectFrom('information_requests').select('id').execute()).length, before.length, 'a filled honeypot keeps nothing');
      assert.equal(s.sent.filter((m) => m.to === 'bot@example.org').length, 0, 'and mails nothing');
      await v.get('/-/contact');
      const big = await v.post('/-/contact', { subject: 'Lang', message: 'x'.repeat(10_001), name: 'Lang', email: 'lang@example.org', website: '' });
      assert.equal(big.status, 400);
      assert.match(v.lastPage, /te lang: ten hoogste 10\.000 tekens/);
      assert.ok(v.lastPage.includes('x'.repeat(100)), 'what was typed is kept in the form');
      let status = 0;
      for (let i = 0; i < 8 && status !== 429; i++) {
        await v.get('/-/contact');
        status = (await v.post('/-/contact', { subject: `Vraag ${i}`, message: 'Nog een', name: 'Veel', email: 'veel@example.org', website: '' })).status;
      }
      assert.equal(status, 429, 'unconfirmed questions to one address are limited');
    });

    test('nothing is lost when mail cannot be sent: the question is registered and its mail goes out once the server is back', async () => {
      s.smtp.failAfter(0);
      await createAccount(s, 'geduld@example.org', 'user');
      const u = await signedIn(s, 'geduld@example.org');
      await u.get('/-/contact');
      assert.equal((await u.post('/-/contact', { subject: 'Terwijl de mailserver plat ligt', message: 'Komt dit aan?', website: '' })).status, 303);
      const [r] = await s.portal.requests.inbox({ search: 'mailserver plat' });
      assert.ok(r?.reference, 'the question is registered');
      const queued = await db().selectFrom('mail_outbox').select(['status']).where('to_address', '=', 'geduld@example.org').where('template', '=', 'requests.registered').executeTakeFirstOrThrow();
      assert.notEqual(queued.status, 'sent');
      s.smtp.recover();
      s.clock.now = new Date(s.clock.now.getTime() + 10 * 60_000);
      await s.portal.mailer.flush();
      const mail = await mailTo('geduld@example.org', /is geregistreerd/);
      assert.ok(mail.text.includes(r.reference!));
    });

    test('an unconfirmed request is deleted after 24 hours with its message; a registered one stays', async () => {
      const v = visitor(s.url);
      await v.get('/-/contact');
      await v.post('/-/contact', { subject: 'Vergeten', message: 'Nooit bevestigd', name: 'Vergeet', email: 'vergeet@example.org', website: '' });
      const row = await db().selectFrom('information_requests').selectAll().where('email', '=', 'vergeet@example.org').executeTakeFirstOrThrow();
      const confirm = path(linkIn(await mailTo('vergeet@example.org', /Bevestig uw vraag/)));
      const at = new Date(s.clock.now);
      await s.portal.retention.run({ now: new Date(at.getTime() + 23 * 3_600_000) });
      assert.ok(await db().selectFrom('information_requests').select('id').where('id', '=', row.id).executeTakeFirst(), 'kept within 24 hours');
      s.clock.now = new Date(at.getTime() + 25 * 3_600_000);
      assert.equal((await v.get(confirm)).status, 400, 'the link no longer works after 24 hours');
      await s.portal.retention.run({ now: s.clock.now });
      assert.equal(await db().selectFrom('information_requests').select('id').where('id', '=', row.id).executeTakeFirst(), undefined);
      assert.equal((await db().selectFrom('request_messages').select('id').where('request_id', '=', row.id).execute()).length, 0, 'nothing of it is kept');
      assert.ok((await s.portal.requests.inbox({})).length >= 2, 'registered requests stay');
      s.clock.now = at;
    });

    test('inbox: search by reference, text and address; filters by status, assignee, dataset; overdue after 20 working days', async () => {
      const staff = await signedIn(s, 'redactie@example.org');
      const json = async (query: string) => ((await (await staff.get(`/-/inbox.json${query}`)).json()) as { results: { id: string; reference: string; overdue: boolean }[] }).results;
      const [visitorRequest] = await s.portal.requests.inbox({ search: 'an@example.org' });
      assert.deepEqual((await json(`?q=${visitorRequest.reference!.toLowerCase()}`)).map((r) => r.id), [visitorRequest.id], 'by reference');
      assert.deepEqual((await json('?q=per%20kwartaal')).map((r) => r.id), [visitorRequest.id], 'found by the words of a message');
      assert.deepEqual((await json('?dataset=cities')).map((r) => r.id), [visitorRequest.id], 'by dataset');
      const statuses = (await json('?status=in_progress')).map((r) => r.id);
      assert.ok(statuses.includes(visitorRequest.id), `by status: ${statuses}`);
      assert.deepEqual((await json('?q=100%25')).length, 0, 'a % is searched for as itself');
      await staff.get(`/-/inbox/${visitorRequest.id}`);
      assert.equal((await staff.post(`/-/inbox/${visitorRequest.id}/assign`, { assignee: staffId })).status, 303);
      // Answering assigns too: both questions the editor answered are theirs; none is left to no one.
      assert.ok((await json(`?assignee=${staffId}`)).some((r) => r.id === visitorRequest.id));
      assert.ok(!(await json('?assignee=-')).some((r) => r.id === visitorRequest.id));
      await staff.get(`/-/inbox/${visitorRequest.id}`);
      await staff.post(`/-/inbox/${visitorRequest.id}/status`, { status: 'in_progress' });
      assert.deepEqual(await json('?overdue=1'), []);
      // 20 working days from registration (a week-end is not counted).
      assert.equal(visitorRequest.due_at, addWorkingDays(visitorRequest.registered_at!.slice(0, 10), 20));
      assert.equal(addWorkingDays('2026-12-07', 20), '2027-01-04');
      assert.equal(addWorkingDays('2026-12-11', 1), '2026-12-14', 'Friday + 1 is Monday');
      // Time passes (the session would not survive a jump of weeks): the due day is moved instead.
      const today = s.portal.requests.today();
      await db().updateTable('information_requests').set({ due_at: today }).where('id', '=', visitorRequest.id).execute();
      assert.deepEqual(await json('?overdue=1'), [], 'due today is not overdue');
      const yesterday = new Date(Date.parse(`${today}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      await db().updateTable('information_requests').set({ due_at: yesterday }).where('id', '=', visitorRequest.id).execute();
      assert.deepEqual((await json('?overdue=1')).map((r) => [r.id, r.overdue]), [[visitorRequest.id, true]]);
      await staff.get('/-/inbox');
      assert.match(staff.lastPage, /te laat/);
      await staff.get(`/-/inbox/${visitorRequest.id}`);
      await staff.post(`/-/inbox/${visitorRequest.id}/status`, { status: 'answered' });
      assert.deepEqual(await json('?overdue=1'), [], 'an answered question is not overdue');
      // Saved answers: stored, offered, inserted.
      await staff.get(`/-/inbox/${visitorRequest.id}`);
      assert.equal((await staff.post('/-/inbox/canned', { title: 'Frequentie', body: 'Wij werken de data elke maand bij.', request: visitorRequest.id })).status, 303);
      const [canned] = await s.portal.requests.cannedAnswers();
      await staff.get(`/-/inbox/${visitorRequest.id}?canned=${canned.id}`);
      assert.match(staff.lastPage, /<textarea id="answer" name="message"[^>]*>Wij werken de data elke maand bij\.<\/textarea>/);
    });

    test('the access archive holds the person\'s questions, thread and the staff notes about them; erasure deletes them', async () => {
      const ctx = { db: db(), clock: () => new Date(), dataDir: s.env.dataDir, key: () => Buffer.alloc(32) };
      const [visitorRequest] = await s.portal.requests.inbox({ search: 'an@example.org' });
      const subject = { userId: 'u_none', email: 'an@example.org', pseudonym: 'former-user-test' };
      const archive = await requestsModule.exportFor(ctx, subject);
      const text = JSON.stringify(archive);
      assert.ok(text.includes('Geheime notitie'), 'staff notes about the person are in their archive');
      assert.ok(text.includes('Elke maand.') && text.includes(visitorRequest.reference!));
      assert.ok(!text.includes(visitorRequest.access_digest!), 'no credential in the archive');
      const staffArchive = JSON.stringify(await requestsModule.exportFor(ctx, { userId: staffId, email: 'redactie@example.org', pseudonym: 'p' }));
      assert.ok(staffArchive.includes('Elke maand.'), 'what staff wrote is in their own archive');
      await requestsModule.eraseFor(ctx, subject);
      assert.equal(await db().selectFrom('information_requests').select('id').where('id', '=', visitorRequest.id).executeTakeFirst(), undefined);
      const left = JSON.stringify(await db().selectFrom('request_messages').selectAll().execute()) + JSON.stringify(await db().selectFrom('information_requests').selectAll().execute());
      for (const trace of ['an@example.org', 'Geheime notitie', 'Dank u, en per kwartaal?', 'Hoe vaak?']) assert.ok(!left.includes(trace), `${trace} erased`);
      await requestsModule.eraseFor(ctx, { userId: staffId, email: 'redactie@example.org', pseudonym: 'former-user-staff' });
      assert.equal((await db().selectFrom('request_messages').select('id').where('author', '=', staffId).execute()).length, 0, 'staff pseudonymised');
    });
  });
}
