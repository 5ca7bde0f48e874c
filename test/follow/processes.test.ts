// Two `opaal serve` processes on one PostgreSQL and one data directory, a third process importing versions, and an SMTP
// server that drops the connection after a few messages: after it recovers, every follower has exactly one mail per
// version, and the job of each version ran once. The first version's job, left for the servers by the command that
// imported it, runs only once they start, after the followers came: it tells none of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashPassword } from '../../src/accounts/passwords.ts';
import { newId } from '../../src/accounts/secrets.ts';
import { openPortal } from '../../src/portal.ts';
import { freePort, opaal, spawnOpaal, waitFor } from '../helpers/cli.ts';
import { linkIn, startSmtp } from '../helpers/smtp.ts';
import { testEnvironment } from '../helpers/stores.ts';

const followers = 12;
const rows = (n: number) => Array.from({ length: 5 + n }, (_, i) => JSON.stringify({ nis_code: String(11000 + i), naam: `Gemeente ${i}`, inwoners: 1000 * (i + n) })).join('\n') + '\n';

test('two servers share one outbox and one job queue: each follower gets exactly one mail per version, through an SMTP server that dropped connections', async () => {
  const smtp = await startSmtp();
  const env = await testEnvironment('postgres', { SMTP_URL: smtp.url, MAIL_POLL_MS: '200', MAIL_RETRY_MS: '300', JOBS_POLL_MS: '200' });
  const settings = {
    OPAAL_DATA: env.config.dataDir, DATABASE_URL: env.config.databaseUrl!, SMTP_URL: smtp.url, MAIL_POLL_MS: '200', MAIL_RETRY_MS: '300', JOBS_POLL_MS: '200',
    LOG_LEVEL: 'warn', DUCKDB_THREADS: '1',
  };
  const meta = join(env.dataDir, 'meta.json');
  writeFileSync(meta, JSON.stringify({ title: { nl: 'Gemeenten' }, key: ['nis_code'] }));
  const version = (n: number) => {
    const path = join(env.dataDir, `gemeenten-${n}.jsonl`);
    writeFileSync(path, rows(n));
    return path;
  };
  const servers: ReturnType<typeof spawnOpaal>[] = [];
  try {
    // The first version and the followers, confirmed as a person would, by the link in their mail.
    assert.equal((await opaal(['import', version(1), '--dataset', 'gemeenten', '--meta', meta], settings)).code, 0);
    const portal = await openPortal(env.config);
    const password = await hashPassword('paard-batterij-nietje-correct');
    const people: string[] = [];
    try {
      for (let i = 0; i < followers; i++) {
        const email = `volger${i}@example.org`;
        const id = newId('u');
        const at = new Date().toISOString();
        await portal.store.db.insertInto('users').values({
          id, email, first_name: 'Volger', last_name: String(i), display_name: null, password_hash: password, password_changed_at: at, role: 'user',
          email_verified_at: at, totp_secret: null, totp_enabled_at: null, created_at: at, last_active_at: at, disabled_at: null,
        }).execute();
        assert.equal(await portal.follow.follow(id, { kind: 'dataset', datasetId: 'gemeenten' }, 'nl'), 'sent');
        const token = linkIn(await smtp.next(email)).split('/').pop()!;
        await portal.follow.confirm(token, 'nl');
        people.push(email);
      }
    } finally {
      await portal.close();
    }
    const confirmations = smtp.messages.length;

    for (const name of ['a', 'b']) {
      const port = await freePort();
      const server = spawnOpaal(['serve', '--port', String(port)], { ...settings, BASE_URL: `http://127.0.0.1:${port}` });
      servers.push(server);
      await waitFor(`http://127.0.0.1:${port}/readyz`).catch((error: Error) => {
        throw new Error(`server ${name}: ${error.message}\n${server.output()}`);
      });
    }

    // The SMTP server takes five more messages, then drops every connection until it recovers.
    smtp.failAfter(5);
    assert.equal((await opaal(['import', version(2), '--dataset', 'gemeenten', '--meta', meta], settings)).code, 0);
    const deadline = Date.now() + 20_000;
    while (smtp.messages.length < confirmations + 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    // The servers keep trying meanwhile; the mail waits in the outbox, none lost.
    await new Promise((r) => setTimeout(r, 700));
    assert.equal(smtp.messages.length, confirmations + 5, smtp.messages.map((m) => `${m.to} ${m.subject}`).join('\n'));
    smtp.recover();
    assert.equal((await opaal(['import', version(3), '--dataset', 'gemeenten', '--meta', meta], settings)).code, 0);

    const expected = followers * 2;
    while (smtp.messages.length < confirmations + expected && Date.now() < deadline + 20_000) await new Promise((r) => setTimeout(r, 100));
    // A little longer: a double would arrive now.
    await new Promise((r) => setTimeout(r, 1000));
    const notices = smtp.messages.slice(confirmations);
    for (const email of people) {
      const mine = notices.filter((m) => m.to.includes(email)).map((m) => m.subject).sort();
      assert.deepEqual(mine, ['Gemeenten: versie 2', 'Gemeenten: versie 3'], `${email}: ${mine.join(' | ')} (version 1 came before they followed)`);
    }
    assert.equal(notices.length, expected);
    assert.ok(notices.some((m) => /1 record toegevoegd/.test(m.text)), 'the mails carry the changes');

    // Both servers took part, and each version's job ran once.
    const check = await openPortal(env.config);
    try {
      const jobs = await check.store.db.selectFrom('jobs').select(['job_key', 'status', 'attempts', 'claimed_by']).where('kind', '=', 'dataset.version_published').orderBy('id').execute();
      assert.deepEqual(jobs.map((j) => [j.status, j.attempts]), [['done', 1], ['done', 1], ['done', 1]]);
      const senders = await check.store.db.selectFrom('mail_outbox').select(['status']).where('template', '=', 'follow.version').execute();
      assert.equal(senders.length, expected);
      assert.ok(senders.every((r) => r.status === 'sent'));
      const retried = await check.store.db.selectFrom('mail_outbox').select('id').where('template', '=', 'follow.version').where('attempts', '>', 1).execute();
      assert.ok(retried.length > 0, 'some mail waited for the SMTP server to come back');
    } finally {
      await check.close();
    }
  } finally {
    for (const server of servers) server.kill('SIGTERM');
    await Promise.all(servers.map((s) => new Promise((r) => (s.exitCode !== null ? r(null) : s.once('exit', r)))));
    await env.cleanup();
    await smtp.close();
  }
});
