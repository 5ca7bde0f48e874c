// Links in account mails point at the page in the mail's language, with the prefix only where the portal gives one:
// with DEFAULT_LANGUAGE=en, English pages have none and Dutch ones live under /nl (links once assumed Dutch was first).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Language } from '../../src/i18n/index.ts';
import { createAccount } from '../helpers/accounts.ts';
import { startServer, type ServerHarness } from '../helpers/server.ts';
import { startSmtp, type SmtpHarness } from '../helpers/smtp.ts';

let s: ServerHarness;
let smtp: SmtpHarness;
before(async () => {
  smtp = await startSmtp();
  s = await startServer('sqlite', { SMTP_URL: smtp.url, DEFAULT_LANGUAGE: 'en' });
});
after(async () => {
  await s.close();
  await smtp.close();
});

async function resetLinkIn(lang: Language, email: string): Promise<string> {
  await s.portal.accounts.requestPasswordReset(email, lang, '127.0.0.1');
  const [mail] = await s.portal.store.db.selectFrom('mail_outbox').select('text_body').where('to_address', '=', email).orderBy('id', 'desc').limit(1).execute();
  const link = /https?:\/\/\S+\/-\/account\/reset\/\S+/.exec(mail.text_body)?.[0];
  assert.ok(link, `a reset link in:\n${mail.text_body}`);
  return link;
}

test('with English as the default language, an English mail links without a prefix and a Dutch one under /nl, and both pages answer', async () => {
  await createAccount(s, 'engels@example.org', 'user');
  await createAccount(s, 'nederlands@example.org', 'user');
  const english = new URL(await resetLinkIn('en', 'engels@example.org'));
  const dutch = new URL(await resetLinkIn('nl', 'nederlands@example.org'));
  assert.match(english.pathname, /^\/-\/account\/reset\//);
  assert.match(dutch.pathname, /^\/nl\/-\/account\/reset\//);
  for (const link of [english, dutch]) {
    const page = await fetch(`${s.url}${link.pathname}`);
    assert.equal(page.status, 200, `${link.pathname} answers`);
  }
});
