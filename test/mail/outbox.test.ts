// The outbox as a claimed queue, on both dialects: two senders sharing one database send each message once, even when
// the SMTP server drops connections; idempotency keys, expired claims, backoff, multipart with headers, forgetting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { migrate, openStore, type Store } from '../../src/db/index.ts';
import { createMailer } from '../../src/mail/outbox.ts';
import { smtpTransport, type Transport } from '../../src/mail/transport.ts';
import { dialects, testEnvironment } from '../helpers/stores.ts';
import { startSmtp } from '../helpers/smtp.ts';

const from = 'Opaal <noreply@portal.example>';

async function withStores(dialect: (typeof dialects)[number], run: (a: Store, b: Store) => Promise<void>) {
  const env = await testEnvironment(dialect);
  // Two stores on one database: what two server processes are.
  const a = openStore(env.config);
  await migrate(a.db);
  const b = openStore(env.config);
  try {
    await run(a, b);
  } finally {
    await a.close();
    await b.close();
    await env.cleanup();
  }
}

const statuses = async (store: Store) => (await store.db.selectFrom('mail_outbox').select(['id', 'status', 'attempts']).orderBy('id').execute()).map((r) => r.status);

for (const dialect of dialects) {
  test(`${dialect}: two senders on one outbox, an SMTP server that drops connections: after recovery every mail arrived exactly once`, async () => {
    const smtp = await startSmtp();
    await withStores(dialect, async (a, b) => {
      let now = new Date('2026-12-07T10:00:00Z');
      const clock = () => now;
      const one = createMailer({ db: a.db, clock, transport: smtpTransport(smtp.url), from });
      const two = createMailer({ db: b.db, clock, transport: smtpTransport(smtp.url), from });
      try {
        smtp.failAfter(7);
        // Both processes write mail; each kicks its own sender at once.
        await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? one : two).send({ to: `person${i}@example.org`, template: 't', subject: `Bericht ${i}`, text: `Tekst ${i}` })));
        await Promise.all([one.flush(), two.flush()]);
        assert.equal(smtp.messages.length, 7, 'the server took seven, then dropped the rest');
        const afterFailure = await statuses(a);
        assert.equal(afterFailure.filter((s) => s === 'sent').length, 7);
        assert.equal(afterFailure.filter((s) => s === 'pending').length, 13, 'the rest waits for its retry, none lost');
        // Not retried before its time.
        await Promise.all([one.flush(), two.flush()]);
        assert.equal(smtp.messages.length, 7);
        smtp.recover();
        now = new Date(now.getTime() + 61_000);
        await Promise.all([one.flush(), two.flush()]);
        const subjects = smtp.messages.map((m) => m.subject).sort();
        assert.deepEqual(subjects, Array.from({ length: 20 }, (_, i) => `Bericht ${i}`).sort(), 'each mail exactly once');
        assert.deepEqual(await statuses(b), Array(20).fill('sent'));
        // Each mail went out under one Message-ID, the same one a resend after a crash would carry.
        const ids = smtp.messages.map((m) => /^Message-ID: (.*)$/im.exec(m.raw)?.[1]);
        assert.equal(new Set(ids).size, 20);
      } finally {
        await one.close();
        await two.close();
      }
    });
    await smtp.close();
  });

  test(`${dialect}: an idempotency key queues one message; html, headers and a claim left by a dead sender`, async () => {
    const smtp = await startSmtp();
    await withStores(dialect, async (a, b) => {
      let now = new Date('2026-12-07T10:00:00Z');
      const clock = () => now;
      const mailer = createMailer({ db: a.db, clock, transport: smtpTransport(smtp.url), from });
      try {
        const mail = {
          to: 'An@Example.org', template: 'follow.version', subject: 'Nieuwe versie', text: 'Platte tekst', html: '<p>Opgemaakte <b>tekst</b></p>',
          headers: { 'List-Unsubscribe': '<https://portal.example/-/unsubscribe/abc>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
          idempotencyKey: 'sub:1:v:fietsen:2',
        };
        assert.equal(await mailer.send(mail), 'queued');
        assert.equal(await mailer.send(mail), 'duplicate');
        await mailer.flush();
        assert.equal(smtp.messages.length, 1);
        const raw = smtp.messages[0].raw;
        assert.match(raw, /^List-Unsubscribe: <https:\/\/portal\.example\/-\/unsubscribe\/abc>/m);
        assert.match(raw, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
        assert.match(raw, /multipart\/alternative/);
        assert.match(raw, /text\/html/);
        assert.equal(await mailer.send(mail), 'duplicate', 'still one message after it went out');

        // A row claimed by a process that died: after its claim expires, another sender delivers it; a fresh claim is left alone.
        const row = (at: string, claimedAt: string | null, status: string) => ({
          to_address: 'b@example.org', template: 't', subject: `rij ${claimedAt ?? 'wachtend'}`, text_body: 'x', status, attempts: 0, created_at: at, next_attempt_at: at, claimed_by: claimedAt ? 'dood:1:aa' : null, claimed_at: claimedAt,
        });
        await b.db.insertInto('mail_outbox').values([row('2026-12-07T09:00:00.000Z', '2026-12-07T09:00:00.000Z', 'sending'), row('2026-12-07T09:59:00.000Z', '2026-12-07T09:59:00.000Z', 'sending')]).execute();
        // Written by another process, with no one to kick this sender: the poll finds it.
        await b.db.insertInto('mail_outbox').values(row(now.toISOString(), null, 'pending')).execute();
        mailer.start();
        const deadline = Date.now() + 5000;
        while (smtp.messages.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        await mailer.flush();
        assert.deepEqual(smtp.messages.map((m) => m.subject).slice(1).sort(), ['rij 2026-12-07T09:00:00.000Z', 'rij wachtend']);
        now = new Date(now.getTime() + 5 * 60_000);
        await mailer.flush();
        assert.equal(smtp.messages.length, 4, 'the other claim expired in its turn');
      } finally {
        await mailer.close();
      }
    });
    await smtp.close();
  });

  test(`${dialect}: failures back off, give up after the last attempt, an admin retry sends it; a forgetful mail keeps nothing once out`, async () => {
    await withStores(dialect, async (a) => {
      let now = new Date('2026-12-07T10:00:00Z');
      let down = true;
      const sent: string[] = [];
      const transport: Transport = {
        async send(m) {
          if (down) throw Object.assign(new Error(`cannot reach ${m.to}`), { code: 'ECONNREFUSED' });
          sent.push(m.to);
        },
        close() {},
      };
      const mailer = createMailer({ db: a.db, clock: () => now, transport, from });
      try {
        await mailer.send({ to: 'c@example.org', template: 't', subject: 's', text: 'x' });
        await mailer.flush();
        const waits: number[] = [];
        for (let attempt = 1; attempt < 5; attempt++) {
          const row = await a.db.selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow();
          assert.deepEqual([row.status, row.attempts, row.last_error], ['pending', attempt, 'ECONNREFUSED'], 'the kind of error, never its text');
          waits.push((Date.parse(row.next_attempt_at!) - now.getTime()) / 60_000);
          await mailer.flush();
          assert.equal((await a.db.selectFrom('mail_outbox').select('attempts').executeTakeFirstOrThrow()).attempts, attempt, 'not before its time');
          now = new Date(row.next_attempt_at!);
          await mailer.flush();
        }
        assert.deepEqual(waits, [1, 2, 4, 8]);
        const given = await a.db.selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow();
        assert.deepEqual([given.status, given.attempts], ['failed', 5]);
        assert.deepEqual((await mailer.undelivered()).map((m) => [m.to, m.status, m.attempts]), [['c@example.org', 'failed', 5]]);
        down = false;
        assert.equal(await mailer.retry(Number(given.id)), true);
        await mailer.flush();
        assert.deepEqual(sent, ['c@example.org']);
        assert.equal(await mailer.retry(Number(given.id)), false, 'only a mail given up on');
        assert.deepEqual(await mailer.undelivered(), []);

        await mailer.send({ to: 'gewist@example.org', template: 'privacy.erased', subject: 'Gewist', text: 'Uw account is gewist.', forget: true, reply: true });
        await mailer.flush();
        assert.deepEqual(sent, ['c@example.org', 'gewist@example.org']);
        const forgotten = await a.db.selectFrom('mail_outbox').selectAll().where('template', '=', 'privacy.erased').executeTakeFirstOrThrow();
        assert.deepEqual([forgotten.status, forgotten.to_address, forgotten.text_body, forgotten.html_body, forgotten.headers], ['sent', '', '', null, null]);
      } finally {
        await mailer.close();
      }
    });
  });

  test(`${dialect}: sendMany queues many in one go with send's results: withheld, duplicates (queued before or twice in the list), keyless; two senders deliver each once`, async () => {
    await withStores(dialect, async (a, b) => {
      // Many messages: delivered to memory (SMTP delivery is the tests' above), what matters here is the queue.
      const delivered: { to: string; subject: string }[] = [];
      const transport: Transport = {
        async send(m) {
          delivered.push({ to: m.to, subject: m.subject });
        },
        close() {},
      };
      const clock = () => new Date('2026-12-07T10:00:00Z');
      const asked: string[][] = [];
      // Restricted: one address, checked in bulk (and never for a reply).
      const mayMailMany = async (addresses: string[]) => {
        asked.push(addresses);
        return new Set(addresses.filter((x) => x !== 'beperkt@example.org'));
      };
      const one = createMailer({ db: a.db, clock, transport, from, mayMailMany });
      const two = createMailer({ db: b.db, clock, transport, from, mayMailMany });
      try {
        assert.equal(await one.send({ to: 'eerder@example.org', template: 't', subject: 'eerder', text: 'x', idempotencyKey: 'k:eerder' }), 'queued');
        const many = Array.from({ length: 1203 }, (_, i) => ({ to: `p${i}@Example.org`, template: 'follow.version', subject: `Bericht ${i}`, text: `Tekst ${i}`, html: `<p>${i}</p>`, headers: { 'List-Unsubscribe': `<https://portal.example/u/${i}>` }, idempotencyKey: `k:${i}` }));
        const mails = [
          ...many,
          { to: 'beperkt@example.org', template: 't', subject: 'beperkt', text: 'x', idempotencyKey: 'k:beperkt' },
          { to: 'beperkt@example.org', template: 't', subject: 'antwoord', text: 'x', reply: true },
          { to: 'eerder@example.org', template: 't', subject: 'eerder opnieuw', text: 'x', idempotencyKey: 'k:eerder' },
          { to: 'p1@example.org', template: 't', subject: 'twee keer in de lijst', text: 'x', idempotencyKey: 'k:1' },
          { to: 'zonder@example.org', template: 't', subject: 'zonder sleutel', text: 'x' },
          { to: 'zonder@example.org', template: 't', subject: 'zonder sleutel', text: 'x' },
        ];
        const results = await one.sendMany(mails);
        assert.deepEqual(results.slice(0, 1203), Array(1203).fill('queued'));
        assert.deepEqual(results.slice(1203), ['withheld', 'queued', 'duplicate', 'duplicate', 'queued', 'queued']);
        assert.equal(asked.flat().includes('beperkt@example.org'), true);
        assert.equal(asked.length <= 2, true, 'checked in bulk, not per mail');
        assert.deepEqual(await two.sendMany(many.slice(0, 3)), ['duplicate', 'duplicate', 'duplicate'], 'another process queuing the same keys adds nothing');
        assert.deepEqual(await two.sendMany([]), []);
        const rows = await b.db.selectFrom('mail_outbox').selectAll().orderBy('id').execute();
        assert.equal(rows.length, 1 + 1203 + 3);
        const row = rows.find((r) => r.idempotency_key === 'k:7')!;
        assert.deepEqual([row.to_address, row.subject, row.html_body, row.headers, row.status, row.next_attempt_at], ['p7@example.org', 'Bericht 7', '<p>7</p>', '{"List-Unsubscribe":"<https://portal.example/u/7>"}', 'pending', '2026-12-07T10:00:00.000Z']);
        // Both processes send: each message exactly once.
        await Promise.all([one.flush(), two.flush()]);
        await Promise.all([one.flush(), two.flush()]);
        assert.equal(delivered.length, rows.length);
        assert.equal(new Set(delivered.map((m) => m.subject + m.to)).size, rows.length - 1, 'the two keyless mails are two messages');
        assert.equal(delivered.filter((m) => m.subject === 'Bericht 1').length, 1);
        assert.equal(delivered.filter((m) => m.to === 'beperkt@example.org').map((m) => m.subject).join(), 'antwoord');
        assert.deepEqual([...new Set((await a.db.selectFrom('mail_outbox').select('status').execute()).map((r) => r.status))], ['sent']);
      } finally {
        await one.close();
        await two.close();
      }
    });
  });
}
