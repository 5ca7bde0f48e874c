// A requester's path in real Chromium, in Dutch on a laptop (1366×900): a visitor without an account asks a question
// from a dataset's information tab, confirms the address by the mailed link, lands on the thread; an editor answers
// in the inbox (with an internal note); the visitor opens the answer's link, replies, and the thread shows the
// messages in order without the note. Every page gets the duplicate-id and axe checks and a screenshot
// (/tmp/journey-requester-*.png). The thread page is sent with Referrer-Policy same-origin: its link is a credential, and no-referrer would make the browser send Origin: null with the reply form.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAccount, signedIn } from '../helpers/accounts.ts';
import { importCities, startServer, type ServerHarness } from '../helpers/server.ts';
import { linkMatching, mailMatching, startSmtp, type SmtpHarness } from '../helpers/smtp.ts';
import { follow, openBrowser, visit, type BrowserHarness } from './browser.ts';

let s: ServerHarness;
let smtp: SmtpHarness;
let b: BrowserHarness;

before(async () => {
  smtp = await startSmtp();
  s = await startServer('sqlite', { SMTP_URL: smtp.url });
  await importCities(s.portal).catch(() => undefined);
  b = await openBrowser({ everyPageChecked: true });
});
after(async () => {
  try {
    await b?.close();
  } finally {
    await s?.close();
    await smtp?.close();
  }
});

const mailTo = (to: string, subject: RegExp) => mailMatching(smtp, to, subject, 5_000);

test('requester, nl, 1366×900: ask about a dataset, confirm by mail, staff answer in the inbox, reply; the thread shows both in order', async () => {
  const page = b.page;
  await page.setViewportSize({ width: 1366, height: 900 });
  const shot = (name: string) => page.screenshot({ path: `/tmp/journey-requester-${name}.png`, fullPage: true });
  const main = async () => (await page.textContent('main')) ?? '';
  await createAccount(s, 'redactie@example.org', 'editor');

  await visit(b, s.url, '/datasets/cities', 'requester-01-dataset');
  await shot('01-dataset');
  const ask = page.locator('main a[href="/-/contact?dataset=cities"]');
  assert.equal((await ask.textContent())?.trim(), 'Stel een vraag over deze dataset');
  await follow(b, s.url, '/-/contact?dataset=cities', () => ask.click(), 'requester-02-form');
  await shot('02-form');
  await page.fill('#name', 'An Peeters');
  await page.fill('#email', 'an@example.org');
  await page.fill('#subject', 'Hoe vaak wordt dit bijgewerkt?');
  await page.fill('#message', 'Ik gebruik de steden in een rapport. Hoe vaak komt er een nieuwe versie?');
  await follow(b, s.url, '/-/contact', () => page.click('main form button[type=submit]'), 'requester-03-check-mail');
  await shot('03-check-mail');
  assert.match(await main(), /We stuurden een e-mail naar an@example\.org/);

  await visit(b, s.url, linkMatching(await mailTo('an@example.org', /Bevestig uw vraag/), /\/-\/contact\/confirm\//), 'requester-04-confirm');
  await shot('04-confirm');
  await follow(b, s.url, /\/-\/contact\/thread\/[A-Za-z0-9_-]{43}\?done=registered$/, () => page.click('main form button[type=submit]'), 'requester-05-registered');
  await shot('05-registered');
  assert.match(await main(), /Uw vraag heeft referentie VRG-\d{4}-[2-9A-Z]{6}/);
  const reference = /VRG-\d{4}-[2-9A-Z]{6}/.exec(await main())![0];

  // The editor, signed in, answers from the inbox with a note beside it.
  const staff = await signedIn(s, 'redactie@example.org');
  await b.context.addCookies([{ name: 'opaal_session', value: staff.cookie!.split('=')[1], url: s.url }]);
  await visit(b, s.url, '/-/inbox', 'requester-06-inbox');
  await shot('06-inbox');
  await follow(b, s.url, /\/-\/inbox\/req_/, () => page.click(`main a:text("${reference}")`), 'requester-07-request');
  await page.fill('#note', 'Intern: vraag na bij het team steden.');
  await follow(b, s.url, /\?done=noted$/, () => page.click('main form:has(#note) button[type=submit]'), 'requester-08-noted');
  await page.fill('#answer', 'Elk kwartaal komt er een nieuwe versie.');
  await follow(b, s.url, /\?done=answered$/, () => page.click('main form:has(#answer) button[type=submit]'), 'requester-09-answered');
  await shot('09-answered');
  assert.match(await main(), /Intern: vraag na/);

  // The visitor opens the answer's link, reads the thread, replies.
  await b.context.clearCookies();
  const answer = await mailTo('an@example.org', /Antwoord op uw vraag/);
  assert.ok(answer.text.includes('Elk kwartaal'));
  await visit(b, s.url, linkMatching(answer, /\/-\/contact\/thread\//), 'requester-10-thread');
  assert.doesNotMatch(await main(), /Intern/);
  await page.fill('#message', 'Dank u, dat volstaat.');
  await follow(b, s.url, /\?done=replied$/, () => page.click('main form button[type=submit]'), 'requester-11-replied');
  await shot('11-replied');
  const messages = await page.locator('main ol.thread > li').allTextContents();
  assert.equal(messages.length, 3);
  assert.ok(messages[0].includes('Hoe vaak komt er een nieuwe versie?') && messages[1].includes('Elk kwartaal') && messages[2].includes('Dank u, dat volstaat.'), messages.join(' | '));
  assert.doesNotMatch(await main(), /Intern/);
  await mailTo('redactie@example.org', /Reactie op vraag/);
});
