// Every mail of the exchanges (issue 17 point 6), through the outbox to a real SMTP server: information-request answers
// and status changes (staff → requester) and replies (requester → the assigned staff member), discussion replies, reuse
// decisions, data-request status changes and comments, and staff's notices of new reuses and data requests. Each in
// the recipient's language (an nl and an en recipient), with a text and an HTML part; a restricted account gets only
// answers to what it asked; nobody erased is mailed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Account } from '../../src/accounts/types.ts';
import type { Person } from '../../src/exchanges/requests/service.ts';
import type { Language } from '../../src/i18n/index.ts';
import { createAccount } from '../helpers/accounts.ts';
import { startFollowServer, type FollowHarness } from '../helpers/follow.ts';
import type { ReceivedMail } from '../helpers/smtp.ts';

describe('exchange notifications on sqlite', () => {
  let s: FollowHarness;
  const db = () => s.portal.store.db;
  const people: Record<string, Account> = {};
  before(async () => {
    s = await startFollowServer('sqlite');
    const make = async (name: string, role: 'user' | 'editor', language: Language | null) => {
      const id = await createAccount(s, `${name}@example.org`, role);
      // A staff member's mail goes in the language of their latest consent (none: the portal's, Dutch).
      if (language) {
        await db().insertInto('consents').values({ user_id: id, purpose: 'privacy_statement', statement_version: '1', statement_digest: 'x', method: 'registration_form', language, given_at: s.clock.now.toISOString(), withdrawn_at: null }).execute();
      }
      people[name] = await s.portal.accounts.getAccount(id);
    };
    for (const [name, language] of [['nlu', 'nl'], ['enu', 'en'], ['beperkt', 'nl'], ['weg', 'nl']] as const) await make(name, 'user', language);
    await make('redactie', 'editor', null);
    await make('editor', 'editor', 'en');
    await make('beperktstaf', 'editor', 'nl');
    for (const name of ['beperkt', 'beperktstaf']) {
      await db().insertInto('account_privacy_flags').values({ user_id: people[name].id, kind: 'restriction', purpose: '', set_at: s.clock.now.toISOString(), set_by: 'self' }).execute();
    }
  });
  after(async () => s.close());

  const address = (name: string) => `${name}@example.org`;
  /** Mails delivered to this person since `from` (an index into the SMTP server's list). */
  async function mailsTo(name: string, from = 0): Promise<ReceivedMail[]> {
    await s.portal.mailer.flush();
    return s.smtp.messages.slice(from).filter((m) => m.to.includes(address(name)));
  }
  /** Whether a subject matches, its spaces aside (the SMTP harness decodes encoded words with a space between them). */
  const matches = (pattern: RegExp, subject: string) => new RegExp(pattern.source.replace(/ /g, ''), pattern.flags).test(subject.replace(/\s+/g, ''));
  /** The one mail to this person since `from` whose subject matches, with both parts. */
  async function mailTo(name: string, subject: RegExp, from = 0): Promise<ReceivedMail> {
    const found = (await mailsTo(name, from)).filter((m) => matches(subject, m.subject));
    assert.equal(found.length, 1, `one mail to ${name} matching ${subject}; got ${JSON.stringify((await mailsTo(name, from)).map((m) => m.subject))}`);
    assert.match(found[0].raw, /Content-Type: text\/plain/i, 'a text part');
    assert.match(found[0].raw, /Content-Type: text\/html/i, 'an HTML part');
    return found[0];
  }
  const none = async (name: string, subject: RegExp, from = 0) =>
    assert.deepEqual((await mailsTo(name, from)).filter((m) => matches(subject, m.subject)).map((m) => m.subject), [], `nothing to ${name} matching ${subject}`);
  /** Where the mails sent from now on start, once what is queued is delivered. */
  const mark = async () => {
    await s.portal.mailer.flush();
    return s.smtp.messages.length;
  };
  const tick = () => {
    s.clock.now = new Date(s.clock.now.getTime() + 1000);
  };
  const person = (name: string): Person => ({ id: people[name].id, email: address(name), firstName: 'Test', lastName: 'user', displayName: null });
  const erase = (name: string) => s.portal.rights.eraseAccount(people[name].id, { by: 'self' });

  test('information requests: staff told of a new one and of a reply, each in their language; the requester of the answer and the status in theirs; restricted, answers only', async () => {
    const start = await mark();
    const ask = (name: string, lang: Language) => s.portal.requests.submit({ subject: `Vraag van ${name}`, message: 'Hoe vaak?', name: '', email: '', datasetId: null, lang }, person(name), null);
    const nl = (await ask('nlu', 'nl')).request;
    const en = (await ask('enu', 'en')).request;
    await mailTo('nlu', new RegExp(`^Uw vraag ${nl.reference} is geregistreerd`), start);
    await mailTo('enu', new RegExp(`^Your question ${en.reference} is registered`), start);
    await mailTo('redactie', new RegExp(`^Nieuwe vraag ${nl.reference}`), start);
    await mailTo('editor', new RegExp(`^New question ${nl.reference}`), start);
    await none('beperktstaf', /vraag|question/i, start);

    await s.portal.requests.answer(nl.id, 'Elke maand.', people.editor.id);
    await s.portal.requests.answer(en.id, 'Every month.', people.redactie.id);
    await mailTo('nlu', new RegExp(`^Antwoord op uw vraag ${nl.reference}`), start);
    await mailTo('enu', new RegExp(`^Answer to your question ${en.reference}`), start);
    await s.portal.requests.setStatus(nl.id, 'waiting', people.editor.id);
    await s.portal.requests.setStatus(en.id, 'waiting', people.redactie.id);
    await mailTo('nlu', new RegExp(`^Nieuwe status van uw vraag ${nl.reference}: wacht`), start);
    await mailTo('enu', new RegExp(`^New status of your question ${en.reference}: wait`), start);

    // The requester's reply reaches the staff member the request is assigned to (the one who answered), in their language.
    await s.portal.requests.replyAsUser(people.nlu.id, nl.id, 'Dank u, en per week?');
    await s.portal.requests.replyAsUser(people.enu.id, en.id, 'Thanks, and weekly?');
    await mailTo('editor', new RegExp(`^Reply to question ${nl.reference}`), start);
    await mailTo('redactie', new RegExp(`^Reactie op vraag ${en.reference}`), start);
    await none('redactie', new RegExp(`${nl.reference}$`), await mark());

    // Restricted: the registration, the answer and the status are answers to their own question.
    const r = (await ask('beperkt', 'nl')).request;
    await s.portal.requests.answer(r.id, 'Zo.', people.editor.id);
    await s.portal.requests.setStatus(r.id, 'closed', people.editor.id);
    await mailTo('beperkt', new RegExp(`^Uw vraag ${r.reference} is geregistreerd`), start);
    await mailTo('beperkt', new RegExp(`^Antwoord op uw vraag ${r.reference}`), start);
    await mailTo('beperkt', new RegExp(`^Nieuwe status van uw vraag ${r.reference}`), start);

    // A restricted staff member assigned a request is not told of the reply (a notice).
    const q = (await ask('nlu', 'nl')).request;
    await s.portal.requests.assign(q.id, people.beperktstaf.id, people.editor.id);
    await s.portal.requests.replyAsUser(people.nlu.id, q.id, 'Nog iets.');
    await none('beperktstaf', /vraag|question/i, start);
  });

  test('discussion replies: every other participant in the language they wrote in; a restricted one is not mailed', async () => {
    const start = await mark();
    const { threadId } = await s.portal.discussions.start(people.nlu, 'cities', { title: 'Waar komt dit vandaan?', body: 'Wie weet het?' }, 'nl');
    tick();
    await s.portal.discussions.reply(people.beperkt, 'cities', threadId, { body: 'Ik ook.' }, 'nl');
    tick();
    const answered = await mark();
    await s.portal.discussions.reply(people.enu, 'cities', threadId, { body: 'From the census.' }, 'en');
    await mailTo('nlu', /^Nieuw antwoord in de discussie "Waar komt dit vandaan\?"/, answered);
    await none('beperkt', /discussie|discussion/, start);
    tick();
    await s.portal.discussions.reply(people.nlu, 'cities', threadId, { body: 'Dank u.' }, 'nl');
    await mailTo('enu', /^New reply in the discussion "Waar komt dit vandaan\?"/, start);
    await none('beperkt', /discussie|discussion/, start);
  });

  test('reuses: staff who decide told once each in their language (not a restricted one); the decision in the submitter\'s language, restricted too', async () => {
    const start = await mark();
    const submit = (name: string, lang: Language, title: string) =>
      s.portal.reuses.submit(people[name], { title, description: 'Een kaart.', url: 'https://kaart.example.org/', type: 'application', datasetIds: ['cities'] }, lang, null);
    const nl = await submit('nlu', 'nl', 'Kaart van steden');
    const en = await submit('enu', 'en', 'City map');
    const restricted = await submit('beperkt', 'nl', 'Beperkte kaart');
    const toStaff = await mailTo('redactie', /^Nieuw hergebruik te beoordelen: "Kaart van steden"/, start);
    assert.match(toStaff.raw, /\/-\/reuses\/moderation/, 'the link to the moderation list');
    await mailTo('editor', /^New reuse to decide on: "City map"/, start);
    await none('beperktstaf', /hergebruik|reuse/i, start);
    const keys = await db().selectFrom('mail_outbox').select('idempotency_key').where('idempotency_key', 'like', `reuse:${nl.id}:staff:%`).execute();
    assert.equal(keys.length, 2, 'once per reuse and staff member who may decide, the restricted one withheld');

    await s.portal.reuses.decide(people.editor, nl.id, { approve: true });
    await s.portal.reuses.decide(people.editor, en.id, { approve: false, reason: 'No link to the data.' });
    await s.portal.reuses.decide(people.editor, restricted.id, { approve: true });
    await mailTo('nlu', /^Uw hergebruik is goedgekeurd/, start);
    await mailTo('enu', /^Your reuse was not approved/, start);
    await mailTo('beperkt', /^Uw hergebruik is goedgekeurd/, start);
  });

  test('data requests: staff told of a new one; the requester of a comment (not their own, not one held until it is released) and of the status, supporters of the status; restricted, answers only', async () => {
    const start = await mark();
    const nl = await s.portal.wishes.ask(people.nlu, { title: 'Bomen', description: 'Waar staan ze?' }, 'nl');
    const en = await s.portal.wishes.ask(people.enu, { title: 'Trees', description: 'Where are they?' }, 'en');
    await mailTo('redactie', /^Nieuw dataverzoek: "Bomen"/, start);
    await mailTo('editor', /^New data request: "Trees"/, start);
    await none('beperktstaf', /dataverzoek|data request/i, start);

    await s.portal.wishes.comment(people.nlu, nl.id, 'Ook de leeftijd graag.');
    await none('nlu', /reactie/, start);
    await s.portal.wishes.comment(people.enu, nl.id, 'Me too.');
    await s.portal.wishes.comment(people.nlu, en.id, 'Ik ook.');
    await mailTo('nlu', /^Nieuwe reactie op uw dataverzoek "Bomen"/, start);
    await mailTo('enu', /^New comment on your data request "Trees"/, start);
    // Likely spam (links in a first comment): held, nobody told until a moderator releases it.
    const { id: held, held: wasHeld } = await s.portal.wishes.comment(people.weg, nl.id, 'Kijk op https://spam.example.org');
    assert.equal(wasHeld, true);
    const released = await mark();
    await none('nlu', /^Nieuwe reactie/, released);
    await s.portal.wishes.releaseComment(people.editor, held);
    await mailTo('nlu', /^Nieuwe reactie op uw dataverzoek "Bomen"/, released);

    await s.portal.wishes.vote(people.enu, nl.id, 'en');
    await s.portal.wishes.vote(people.beperkt, nl.id, 'nl');
    await s.portal.wishes.setStatus(people.editor, nl.id, { status: 'planned', datasetId: '', reason: '' });
    await mailTo('nlu', /^Nieuwe status van het dataverzoek "Bomen"/, start);
    await mailTo('enu', /^New status of the data request "Bomen"/, start);
    await none('beperkt', /dataverzoek/, start);

    // A restricted requester: the status is the answer to what they asked; a comment by another is a notice.
    const mine = await s.portal.wishes.ask(people.beperkt, { title: 'Parkeren', description: 'Waar?' }, 'nl');
    await s.portal.wishes.comment(people.enu, mine.id, 'Good one.');
    await none('beperkt', /reactie/, start);
    await s.portal.wishes.setStatus(people.editor, mine.id, { status: 'under_study', datasetId: '', reason: '' });
    await mailTo('beperkt', /^Nieuwe status van het dataverzoek "Parkeren"/, start);
  });

  test('nobody erased is mailed: not as a participant, a supporter, a requester or staff', async () => {
    const start = await mark();
    // Erased staff no longer hear of new things.
    const staffId = await createAccount(s, 'oudstaf@example.org', 'editor');
    people.oudstaf = await s.portal.accounts.getAccount(staffId);
    await erase('oudstaf');
    const { threadId } = await s.portal.discussions.start(people.weg, 'cities', { title: 'Wie weet het?', body: 'Vraag.' }, 'nl');
    const wish = await s.portal.wishes.ask(people.weg, { title: 'Fietsen', description: 'Waar?' }, 'nl');
    await s.portal.wishes.vote(people.weg, (await s.portal.wishes.ask(people.nlu, { title: 'Bussen', description: 'Welke?' }, 'nl')).id, 'nl');
    const reuse = await s.portal.reuses.submit(people.weg, { title: 'Weg-kaart', description: 'Kaart.', url: 'https://weg.example.org/', type: 'application', datasetIds: ['cities'] }, 'nl', null);
    const request = (await s.portal.requests.submit({ subject: 'Weg', message: 'Vraag', name: '', email: '', datasetId: null, lang: 'nl' }, person('weg'), null)).request;
    await s.portal.mailer.flush();
    const fromErasure = await mark();
    await erase('weg');

    tick();
    await s.portal.discussions.reply(people.nlu, 'cities', threadId, { body: 'Antwoord.' }, 'nl');
    await s.portal.wishes.comment(people.nlu, wish.id, 'Reactie.');
    await s.portal.wishes.setStatus(people.editor, wish.id, { status: 'planned', datasetId: '', reason: '' });
    const bussen = (await s.portal.wishes.list(null)).find((w) => w.title === 'Bussen')!;
    await s.portal.wishes.setStatus(people.editor, bussen.id, { status: 'planned', datasetId: '', reason: '' });
    await assert.rejects(s.portal.reuses.decide(people.editor, reuse.id, { approve: true }), /no reuse/i, 'a pending reuse went with its submitter');
    await assert.rejects(s.portal.requests.answer(request.id, 'Antwoord.', people.editor.id), 'the request went with its requester');
    await s.portal.wishes.ask(people.nlu, { title: 'Na de wissing', description: 'Nog een.' }, 'nl');
    // (The erasure's own confirmation is the only mail they get.)
    const exchange = /vraag|discussie|dataverzoek|hergebruik|reactie|question|discussion|data request|reuse|comment/i;
    assert.deepEqual((await mailsTo('weg', fromErasure)).map((m) => m.subject).filter((subject) => exchange.test(subject)), [], 'nothing to the erased person');
    assert.deepEqual((await mailsTo('oudstaf', start)).map((m) => m.subject).filter((subject) => exchange.test(subject)), [], 'nothing to erased staff');
    const pending = await db().selectFrom('mail_outbox').select('to_address').where('to_address', 'in', [address('weg'), address('oudstaf')]).where('created_at', '>', s.clock.now.toISOString()).execute();
    assert.deepEqual(pending, []);
  });
});
