// The privacy office over HTTP with real SMTP: a visitor's request from the form to the reply letter, the DPO's console and its gate.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type ServerHarness } from '../helpers/server.ts';
import { startSmtp, type SmtpHarness } from '../helpers/smtp.ts';
import { signedIn, type StaffVisitor } from '../helpers/staff.ts';
import { visitor } from '../helpers/visitor.ts';
import { movableClock } from '../helpers/privacy-cases.ts';

let s: ServerHarness;
let smtp: SmtpHarness;
let dpo: StaffVisitor;
const clock = movableClock('2026-01-30T10:00:00Z');
before(async () => {
  smtp = await startSmtp();
  s = await startServer('sqlite', { SMTP_URL: smtp.url, PRIVACY_DPO_EMAIL: 'dpo@example.org' }, { clock });
});
/** Sets the clock and signs the DPO in afresh: a session lasts hours, the tests move the clock by weeks. */
async function at(iso: string) {
  clock.set(iso);
  dpo = await signedIn(s, 'dpo');
}
after(async () => {
  await s.close();
  await smtp.close();
});

const codeOf = (text: string) => /\b(\d{6})\b/.exec(text)![1];
const form = (fields: Record<string, string>) => ({ body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

test('a visitor without an account: form → code → registered with its deadline → extension letter → reply letter', async () => {
  await at('2026-01-30T10:00:00Z'); // a Friday; a month later is 28 February, a Saturday
  const v = visitor(s.url);
  const page = await v.get('/-/privacy/request');
  assert.equal(page.status, 200);
  assert.doesNotMatch(v.lastPage, /type="file"/, 'no upload field for identity documents');
  const sent = await v.post('/-/privacy/request', { type: 'access', message: 'Welke gegevens hebt u over mij?', email: 'Bezoeker@Example.org' });
  assert.equal(sent.status, 303);
  const codePath = sent.headers.get('location')!;
  assert.match(codePath, /^\/-\/privacy\/request\/case_/);
  await v.get(codePath);
  assert.match(v.lastPage, /bezoeker@example\.org/);

  const codeMail = await smtp.next('bezoeker@example.org');
  assert.match(codeMail.subject, /Uw code/);
  const confirmed = await v.post(`${codePath}/code`, { code: codeOf(codeMail.text) });
  assert.equal(confirmed.status, 200);
  const reference = /PRV-2026-[0-9A-Z]{6}/.exec(v.lastPage)?.[0];
  assert.ok(reference, 'the page names the reference');
  assert.match(v.lastPage, /2 maart 2026/, 'due on Monday 2 March');
  const ack = await smtp.next('bezoeker@example.org');
  assert.ok(ack.subject.includes(reference!));
  assert.match(ack.text, /2 maart 2026/);
  assert.equal((await v.get(codePath)).status, 404, 'a confirmed request has no code page any more');

  // The DPO finds it in the console, by due date, and extends it with a reason.
  const list = await s.get('/-/privacy-office/cases.json', { headers: { cookie: dpo.cookie! } });
  const found = (await list.json()).results.find((c: { reference: string }) => c.reference === reference);
  assert.equal(found.due_at, '2026-03-02');
  assert.equal(found.status, 'open');
  assert.equal(found.identity_method, 'email_code');
  const casePath = `/-/privacy-office/cases/${found.id}`;
  const extended = await dpo.send('POST', `${casePath}/extend`, form({ months: '2', reason: 'Uw gegevens staan in drie systemen.' }));
  assert.equal(extended.status, 303);
  const extensionMail = await smtp.next('bezoeker@example.org');
  assert.match(extensionMail.subject, /Verlenging/);
  assert.match(extensionMail.text, /drie systemen/);
  assert.match(extensionMail.text, /30 april 2026/);

  await at('2026-03-20T09:00:00Z');
  const completed = await dpo.send('POST', `${casePath}/complete`, form({ answer: 'We stuurden u een overzicht van uw gegevens: er zijn er geen.' }));
  assert.equal(completed.status, 303);
  const reply = await smtp.next('bezoeker@example.org');
  assert.match(reply.subject, /Antwoord op uw verzoek/);
  assert.match(reply.text, /er zijn er geen/);
  assert.match(reply.text, /Vlaamse Toezichtcommissie/);

  const letter = await s.get(`${casePath}/letter/reply`, { headers: { cookie: dpo.cookie! } });
  assert.equal(letter.status, 200);
  const text = await letter.text();
  for (const expected of [reference!, '30 januari 2026', '30 april 2026', 'Welke gegevens hebt u over mij?', 'er zijn er geen', 'Vlaamse Toezichtcommissie']) assert.ok(text.includes(expected), expected);
  const history = await (await s.get(`${casePath}.json`, { headers: { cookie: dpo.cookie! } })).json();
  assert.equal(history.status, 'completed');
  assert.deepEqual(history.steps.map((x: { kind: string }) => x.kind), ['received', 'code_sent', 'identity_verified', 'extended', 'completed']);
});

test('a duplicate request of the same address cannot be completed or acted upon through the console until verified', async () => {
  await at('2026-03-21T09:00:00Z');
  const v = visitor(s.url);
  await v.get('/-/privacy/request');
  await v.post('/-/privacy/request', { type: 'erasure', message: '', email: 'bezoeker@example.org' });
  const c = (await (await s.get('/-/privacy-office/cases.json?status=identity_unverified', { headers: { cookie: dpo.cookie! } })).json()).results.at(-1);
  assert.ok(c.duplicate_of === null || typeof c.duplicate_of === 'string');
  const path = `/-/privacy-office/cases/${c.id}`;
  const complete = await dpo.send('POST', `${path}/complete`, form({ answer: 'Gewist.' }));
  assert.equal(complete.status, 409);
  assert.match(await complete.text(), /identiteit van de verzoeker is nog niet bevestigd/);
  assert.equal((await dpo.send('POST', `${path}/act`, form({ action: 'erasure', confirm: 'yes' }))).status, 409);
  const after = await (await s.get(`${path}.json`, { headers: { cookie: dpo.cookie! } })).json();
  assert.equal(after.status, 'identity_unverified');
  assert.deepEqual(after.steps.map((x: { kind: string }) => x.kind), ['received', 'code_sent']);
});

test('a signed-in person is identified by the session: the address is locked and the case opens at once, in English too', async () => {
  await at('2026-03-21T09:00:00Z');
  const user = await signedIn(s, 'user', { email: 'member@example.org' });
  const page = await s.get('/en/-/privacy/request', { headers: { cookie: user.cookie! } });
  const body = await page.text();
  assert.match(body, /your account confirms who you are/);
  assert.match(body, /value="member@example.org" readonly/);
  assert.doesNotMatch(body, /type="file"/);
  const sent = await user.send('POST', '/en/-/privacy/request', form({ type: 'restriction', message: 'Please stop.', email: 'someone.else@example.org', _csrf: user.csrf }));
  assert.equal(sent.status, 200);
  assert.match(await sent.text(), /Reference PRV-2026-/);
  const ack = await smtp.next('member@example.org');
  assert.match(ack.subject, /is registered/);
  const c = (await (await s.get('/-/privacy-office/cases.json?status=open', { headers: { cookie: dpo.cookie! } })).json()).results.find((x: { requester_email: string }) => x.requester_email === 'member@example.org');
  assert.equal(c.identity_method, 'session');
  assert.equal(c.user_id, user.accountId);
  // One click runs the account page's own code: the restriction is recorded for the account, and the step for the case.
  assert.equal((await dpo.send('POST', `/-/privacy-office/cases/${c.id}/act`, form({ action: 'restriction_on' }))).status, 303);
  const flags = await s.portal.store.db.selectFrom('account_privacy_flags').selectAll().where('user_id', '=', user.accountId).execute();
  assert.deepEqual(flags.map((f) => [f.kind, f.set_by]), [['restriction', dpo.accountId]]);
  const acted = await (await s.get(`/-/privacy-office/cases/${c.id}.json`, { headers: { cookie: dpo.cookie! } })).json();
  assert.equal(acted.status, 'in_progress');
  assert.ok(acted.steps.some((step: { kind: string; note: string }) => step.kind === 'action_restriction' && step.note === 'processing restricted'));
});

test('an erasure request: one click erases the account as "delete my account" does; the case keeps its address until the reply is sent', async () => {
  await at('2026-03-23T09:00:00Z');
  const user = await signedIn(s, 'user', { email: 'leaving@example.org' });
  const sent = await user.send('POST', '/-/privacy/request', form({ type: 'erasure', message: 'Wis mijn account.', email: 'leaving@example.org', _csrf: user.csrf }));
  assert.equal(sent.status, 200);
  await smtp.next('leaving@example.org');
  const c = (await (await s.get('/-/privacy-office/cases.json?status=open', { headers: { cookie: dpo.cookie! } })).json()).results.find((x: { requester_email: string }) => x.requester_email === 'leaving@example.org');
  // Erasure cannot be undone: without the tick the server refuses it too, says why, and erases nothing.
  const unticked = await dpo.send('POST', `/-/privacy-office/cases/${c.id}/act`, form({ action: 'erasure' }));
  assert.equal(unticked.status, 400);
  assert.match(await unticked.text(), /Vink eerst het vakje aan om de wissing te bevestigen; er is niets gewist\./);
  const db = s.portal.store.db;
  assert.ok(await db.selectFrom('users').select('id').where('id', '=', user.accountId).executeTakeFirst(), 'the account is still there');
  assert.equal((await dpo.send('POST', `/-/privacy-office/cases/${c.id}/act`, form({ action: 'erasure', confirm: 'yes' }))).status, 303);
  assert.equal(await db.selectFrom('users').select('id').where('id', '=', user.accountId).executeTakeFirst(), undefined, 'the account is gone');
  const ledger = await db.selectFrom('erasure_ledger').selectAll().where('reference', '=', c.reference).execute();
  assert.equal(ledger.length, 1, 'the ledger names the case, not the person');
  assert.match((await smtp.next('leaving@example.org')).subject, /./, 'the erasure is confirmed to the old address');
  const during = await db.selectFrom('privacy_cases').select(['requester_email', 'status']).where('id', '=', c.id).executeTakeFirstOrThrow();
  assert.deepEqual(during, { requester_email: 'leaving@example.org', status: 'in_progress' }, 'the answer has still to reach the person');
  assert.equal((await dpo.send('POST', `/-/privacy-office/cases/${c.id}/complete`, form({ answer: 'Uw account en gegevens zijn gewist.' }))).status, 303);
  assert.match((await smtp.next('leaving@example.org')).text, /gewist/);
  const after = await db.selectFrom('privacy_cases').select(['requester_email', 'status']).where('id', '=', c.id).executeTakeFirstOrThrow();
  assert.equal(after.status, 'completed');
  assert.doesNotMatch(after.requester_email, /leaving/, 'completed, the case keeps a pseudonym only');
});

test('bad input on the form is a precise message, never a 500', async () => {
  const v = visitor(s.url);
  await v.get('/-/privacy/request');
  const bad = await v.post('/-/privacy/request', { type: 'everything', message: '', email: 'x@example.org' });
  assert.equal(bad.status, 400);
  assert.match(v.lastPage, /Kies wat u vraagt/);
  const noMail = await v.post('/-/privacy/request', { type: 'question', message: 'Hoe lang?', email: 'not-an-address' });
  assert.equal(noMail.status, 400);
  assert.match(v.lastPage, /geldig e-mailadres/);
  assert.equal((await v.get('/-/privacy/request/case_nothing')).status, 404);
});

test('the console is the DPO’s alone: others get the portal’s 404, visitors the sign-in page', async () => {
  const target = await s.portal.privacyCases.register({ type: 'access', message: '', email: 'doel@example.org', lang: 'nl', channel: 'post', receivedDay: '' }, 'u_dpo');
  const base = `/-/privacy-office/cases/${target.id}`;
  const gets = ['/-/privacy-office/cases', '/-/privacy-office/cases.json', base, `${base}.json`, `${base}/letter/reply`, '/en/-/privacy-office/cases'];
  const posts: [string, Record<string, string>][] = [
    ['/-/privacy-office/cases', { channel: 'post', type: 'access', email: 'a@example.org', lang: 'nl', received_day: '' }],
    [`${base}/verify`, { method: 'in_person', day: '2026-03-21' }],
    [`${base}/extend`, { months: '2', reason: 'Busy.' }],
    [`${base}/refuse`, { reason: 'No.' }],
    [`${base}/cancel`, { cancel_reason: 'No.' }],
    [`${base}/complete`, { answer: 'Done.' }],
    [`${base}/act`, { action: 'erasure' }],
  ];
  for (const role of ['user', 'editor'] as const) {
    const other = await signedIn(s, role);
    for (const path of gets) assert.equal((await s.get(path, { headers: { cookie: other.cookie! } })).status, 404, `${role} GET ${path}`);
    for (const [path, fields] of posts) assert.equal((await other.send('POST', path, form(fields))).status, 404, `${role} POST ${path}`);
  }
  const untouched = await s.portal.privacyCases.get(target.id);
  assert.equal(untouched.status, 'identity_unverified');
  assert.equal(untouched.extendedAt, null);
  assert.deepEqual((await s.portal.privacyCases.steps(target.id)).map((x) => x.kind), ['received']);
  const anonymous = await s.get('/-/privacy-office/cases', { redirect: 'manual' });
  assert.equal(anonymous.status, 303);
  assert.equal(anonymous.headers.get('location'), '/-/account/login');
  const list = await s.get('/en/-/privacy-office/cases', { headers: { cookie: dpo.cookie! } });
  assert.equal(list.status, 200);
  assert.match(await list.text(), /Privacy requests/);
});

test('the DPO registers a request that came by post, and an overdue case is flagged', async () => {
  await at('2026-03-21T09:00:00Z');
  const bad = await dpo.send('POST', '/-/privacy-office/cases', form({ channel: 'post', type: 'access', email: 'brief@example.org', lang: 'nl', received_day: '2026-13-01', message: '' }));
  assert.equal(bad.status, 400);
  const made = await dpo.send('POST', '/-/privacy-office/cases', form({ channel: 'post', type: 'access', email: 'brief@example.org', lang: 'nl', received_day: '2026-02-10', message: 'Per brief.' }));
  assert.equal(made.status, 303);
  const c = await (await s.get(`${made.headers.get('location')!.split('?')[0]}.json`, { headers: { cookie: dpo.cookie! } })).json();
  assert.equal(c.channel, 'post');
  assert.equal(c.due_at, '2026-03-10');
  const page = await (await s.get('/-/privacy-office/cases', { headers: { cookie: dpo.cookie! } })).text();
  assert.match(page, new RegExp(`${c.reference}</a></td>(?:(?!</tr>).)*te laat`, 's'));
});

test('three wrong codes on the page spend the code; a new one from the page confirms the request', async () => {
  await at('2026-03-22T09:00:00Z');
  const v = visitor(s.url);
  await v.get('/en/-/privacy/request');
  const sent = await v.post('/en/-/privacy/request', { type: 'portability', message: '', email: 'three@example.org' });
  const codePath = sent.headers.get('location')!;
  assert.match(codePath, /^\/en\/-\/privacy\/request\//);
  const code = codeOf((await smtp.next('three@example.org')).text);
  const wrong = code === '000000' ? '111111' : '000000';
  await v.get(codePath);
  assert.equal((await v.post(`${codePath}/code`, { code: wrong })).status, 400);
  assert.match(v.lastPage, /That code is not right/);
  await v.post(`${codePath}/code`, { code: wrong });
  assert.equal((await v.post(`${codePath}/code`, { code: wrong })).status, 400);
  assert.match(v.lastPage, /no longer works/);
  assert.equal((await v.post(`${codePath}/code`, { code })).status, 400, 'the spent code stays spent');
  assert.equal((await v.post(`${codePath}/new-code`, {})).status, 200);
  assert.match(v.lastPage, /A new code was sent/);
  const fresh = codeOf((await smtp.next('three@example.org')).text);
  assert.equal((await v.post(`${codePath}/code`, { code: fresh })).status, 200);
  assert.match(v.lastPage, /Reference PRV-2026-/);
  assert.match((await smtp.next('three@example.org')).subject, /is registered/);
});

test('the DPO verifies an identity by hand (method and day only) and refuses with a letter naming the complaint routes', async () => {
  await at('2026-03-23T09:00:00Z');
  const made = await dpo.send('POST', '/-/privacy-office/cases', form({ channel: 'email', type: 'rectification', email: 'mail@example.org', lang: 'en', received_day: '2026-03-20', message: 'My name is wrong.' }));
  const path = made.headers.get('location')!.split('?')[0];
  const badDay = await dpo.send('POST', `${path}/verify`, form({ method: 'in_person', day: '2026-03-01' }));
  assert.equal(badDay.status, 400, 'not before receipt');
  assert.equal((await dpo.send('POST', `${path}/verify`, form({ method: 'letter', day: '2026-03-23' }))).status, 303);
  const c = await (await s.get(`${path}.json`, { headers: { cookie: dpo.cookie! } })).json();
  assert.equal(c.identity_method, 'letter');
  assert.equal(c.identity_verified_at, '2026-03-23');
  assert.equal((await dpo.send('POST', `${path}/refuse`, form({ reason: '' }))).status, 400);
  assert.equal((await dpo.send('POST', `${path}/refuse`, form({ reason: 'The name is the one on your civil record.' }))).status, 303);
  const mail = await smtp.next('mail@example.org');
  assert.match(mail.subject, /Refusal of your request/);
  const letter = await (await s.get(`${path}/letter/refusal`, { headers: { cookie: dpo.cookie! } })).text();
  for (const expected of ['civil record', 'Vlaamse Toezichtcommissie', 'go to court', c.reference]) assert.ok(letter.includes(expected), expected);
  assert.equal((await s.get(`${path}/letter/reply`, { headers: { cookie: dpo.cookie! } })).status, 404, 'no reply letter for a refused case');
});

test('the console answers bad input with the right status and a message, never a 500', async () => {
  await at('2026-03-24T09:00:00Z');
  assert.equal((await s.get('/-/privacy-office/cases/case_none', { headers: { cookie: dpo.cookie! } })).status, 404);
  assert.equal((await s.get('/-/privacy-office/cases/case_none.json', { headers: { cookie: dpo.cookie! } })).status, 404);
  assert.equal((await dpo.send('POST', '/-/privacy-office/cases/case_none/complete', form({ answer: 'x' }))).status, 404);
  const c = await s.portal.privacyCases.register({ type: 'access', message: '', email: 'fout@example.org', lang: 'nl', channel: 'post', receivedDay: '' }, 'u_dpo');
  const path = `/-/privacy-office/cases/${c.id}`;
  const action = await dpo.send('POST', `${path}/act`, form({ action: 'everything' }));
  assert.equal(action.status, 400);
  assert.match(await action.text(), /Kies een bestaande actie/);
  const months = await dpo.send('POST', `${path}/extend`, form({ months: '3', reason: 'Veel werk.' }));
  assert.equal(months.status, 400);
  assert.match(await months.text(), /één of twee maanden/);
  assert.equal((await s.get(`${path}/letter/nonsense`, { headers: { cookie: dpo.cookie! } })).status, 404);
  assert.equal((await s.portal.privacyCases.get(c.id)).extendedAt, null);
});

test('a case history reads as sentences in the portal time zone, with actors named by role, in both languages', async () => {
  await at('2026-03-25T23:30:00Z'); // 26 March, 00:30 in Brussels
  const made = await dpo.send('POST', '/-/privacy-office/cases', form({ channel: 'post', type: 'access', email: 'tijd@example.org', lang: 'nl', received_day: '2026-03-25', message: '' }));
  const path = made.headers.get('location')!.split('?')[0];
  assert.equal((await dpo.send('POST', `${path}/verify`, form({ method: 'letter', day: '2026-03-25' }))).status, 303);
  for (const [prefix, expected] of [
    ['', ['26 maart 2026 00:30', 'De DPO heeft het verzoek ingediend of geregistreerd (post)', 'De DPO heeft de identiteit bevestigd (per brief)']],
    ['/en', ['26 March 2026 00:30', 'The DPO submitted or registered the request (post)', 'The DPO verified the identity (by letter)']],
  ] as const) {
    const page = await (await s.get(`${prefix}${path}`, { headers: { cookie: dpo.cookie! } })).text();
    const history = page.slice(page.lastIndexOf('<ol>'), page.lastIndexOf('</ol>')).replace(/<[^>]+>/g, '');
    for (const text of expected) assert.ok(history.includes(text), `${prefix || 'nl'}: ${text} in ${history}`);
    assert.ok(!history.includes(dpo.accountId), 'no account id');
    assert.doesNotMatch(history, /\b(received|identity_verified)\b|T\d\d:\d\d|Z\b/, 'no codes, no raw ISO times');
  }
});
