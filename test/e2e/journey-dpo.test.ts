// The data protection officer's whole path in real Chromium: in Dutch on a laptop (1366×900), in English on a phone
// (390×844). The office from the header and each of its parts; a verified request arrives and the DPO is mailed; the
// erasure case names the dataset where the person is still a contact point, its erase button is red and asks first; the
// history reads as sentences in local time with actors by role; the reply letter names the statement's authority; legal
// holds by case reference and e-mail address, an unknown subject refused; a breach with a title. Every page is checked.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import { formatTime } from '../../src/i18n/index.ts';
import { authorityContact } from '../../src/privacy/authorities.ts';
import { instantToZoned } from '../../src/privacy/zoned-time.ts';
import { fixture } from '../helpers/engine.ts';
import { lastCode } from '../helpers/privacy-cases.ts';
import { startServer, type ServerHarness } from '../helpers/server.ts';
import { linkIn, startSmtp, type SmtpHarness } from '../helpers/smtp.ts';
import { signedIn } from '../helpers/staff.ts';
import { follow, looksDestructive, openBrowser, readable, viewports, visit, type BrowserHarness, clickHeaderLink } from './browser.ts';

let s: ServerHarness;
let smtp: SmtpHarness;
let b: BrowserHarness;
let dpoId: string;
before(async () => {
  smtp = await startSmtp();
  s = await startServer('sqlite', { SMTP_URL: smtp.url, PRIVACY_DPO_EMAIL: 'dpo@example.org' });
  // Per walk, a person with an account who is also the published contact point of a dataset.
  for (const lang of ['nl', 'en']) {
    const email = `an.${lang}@example.org`;
    await s.portal.catalog.importDataset({
      datasetId: `fietsen-${lang}`, path: fixture('json/lines.jsonl'), actor: 'test',
      input: parseMetadataInput({ visibility: 'public', title: { nl: `Fietsenstallingen ${lang}`, en: `Bicycle parking ${lang}` }, contactPoint: { name: 'Mobiliteit', email } }),
    });
    const at = s.portal.clock().toISOString();
    await s.portal.store.db.insertInto('users').values({
      id: `u_an_${lang}`, email, first_name: 'An', last_name: 'Peeters', display_name: null, password_hash: null, password_changed_at: null, role: 'user',
      email_verified_at: at, totp_secret: null, totp_enabled_at: null, totp_last_step: null, created_at: at, last_active_at: at, disabled_at: null,
    }).execute();
  }
  const dpo = await signedIn(s, 'dpo');
  dpoId = dpo.accountId;
  b = await openBrowser({ everyPageChecked: true });
  await b.context.addCookies([{ name: 'opaal_session', value: dpo.cookie!.split('=')[1], url: s.url }]);
});
after(async () => {
  try {
    await b?.close();
  } finally {
    await s?.close();
    await smtp?.close();
  }
});

const walks = [
  { lang: 'nl', prefix: '', viewport: viewports[0] },
  { lang: 'en', prefix: '/en', viewport: viewports[1] },
] as const;
const words = {
  nl: {
    office: 'Privacykantoor', parts: ['cases', 'register', 'recipients', 'breaches', 'holds'], warning: 'Nog gepubliceerd als contactpunt',
    requester: 'De aanvrager heeft het verzoek ingediend of geregistreerd', verified: 'heeft de identiteit bevestigd', completed: 'De DPO heeft het verzoek afgehandeld',
    reply: 'antwoordbrief', noCase: 'Er bestaat geen dossier met die referentie', noAccount: 'Er bestaat geen account met dat e-mailadres', breach: 'Datalek: ',
  },
  en: {
    office: 'Privacy office', parts: ['cases', 'register', 'recipients', 'breaches', 'holds'], warning: 'Still published as a contact point',
    requester: 'The requester submitted or registered the request', verified: 'verified the identity', completed: 'The DPO completed the request',
    reply: 'reply letter', noCase: 'There is no case with that reference', noAccount: 'There is no account with that e-mail address', breach: 'Breach: ',
  },
} as const;

for (const { lang, prefix, viewport } of walks) {
  test(`DPO, ${lang}, ${viewport.width}×${viewport.height}: the office, a request from mail to letter, legal holds and a breach`, async () => {
    const w = words[lang];
    const page = b.page;
    const at = (path: string) => `${s.url}${prefix}${path}`;
    const step = (n: string) => `dpo-${lang}-${viewport.width}-${n}`;
    const ours = (name: string) => readable(page, { lang, width: viewport.width }, name);
    await page.setViewportSize(viewport);

    // The office from the header, then each of its parts by its tabs (point 1).
    await visit(b, s.url, at('/datasets'), step('01-catalog'));
    await follow(b, s.url, at('/-/privacy-office'), () => clickHeaderLink(page, w.office), step('02-office'));
    await ours('office');
    for (const part of w.parts) assert.equal(await page.locator(`main > ul a[href="${prefix}/-/privacy-office/${part}"]`).count(), 1, `the office links ${part}`);
    for (const part of w.parts) {
      await follow(b, s.url, at(`/-/privacy-office/${part}`), () => page.locator(`nav.tabs a[href="${prefix}/-/privacy-office/${part}"]`).click(), step(`03-${part}`));
      assert.equal(await page.locator(`nav.tabs a[href="${prefix}/-/privacy-office/${part}"]`).getAttribute('aria-current'), 'page');
      await ours(part);
    }

    // A person's erasure request, confirmed by the code from their mail: the DPO is mailed a link to the case (point 15).
    const person = `an.${lang}@example.org`;
    const submitted = await s.portal.privacyCases.submit({ type: 'erasure', message: 'Verwijder mij.', email: person, lang }, null);
    await smtp.next(person);
    const request = await s.portal.privacyCases.confirmCode(submitted.id, await lastCode(s.portal, person));
    const mail = await smtp.next('dpo@example.org');
    assert.ok(mail.subject.includes(request.reference), `the mail names the case: ${mail.subject}`);
    assert.ok(!mail.text.includes(person) && !mail.text.includes('Verwijder mij'), 'the mail does not carry the person or the message');
    const casePath = new URL(linkIn(mail)).pathname.replace(/^(\/en)?\/-\//, `${prefix}/-/`);
    await visit(b, s.url, casePath, step('04-case'));
    assert.equal(await page.textContent('h1'), request.reference);
    await ours('case');

    // Where the person is still a contact point, with a link to fix it (point 16).
    assert.match((await page.textContent('#contact-points')) ?? '', new RegExp(w.warning));
    assert.equal(await page.locator(`main a[href="${prefix}/-/admin/datasets/fietsen-${lang}/metadata"]`).count(), 1);
    // Erasing looks destructive and asks first (point 11): without the tick the browser sends nothing.
    const erase = page.locator('form.destructive button[type=submit]');
    await looksDestructive(erase, 'erase');
    await erase.click();
    assert.equal(page.url(), `${s.url}${casePath}`, 'without the tick nothing is sent');
    assert.equal(await page.locator('form.destructive input[name=confirm]').evaluate((box: HTMLInputElement) => box.validity.valueMissing), true);

    // The history: sentences, local times, actors by role (point 10).
    const history = page.locator('main ol').last();
    const text = (await history.textContent()) ?? '';
    for (const sentence of [w.requester, w.verified]) assert.ok(text.includes(sentence), `${sentence} in ${text}`);
    for (const time of await history.locator('time').all()) {
      const iso = (await time.getAttribute('datetime'))!;
      assert.ok(((await time.textContent()) ?? '').includes(formatTime(lang, iso, s.portal.config.timezone)), `${iso} in the portal's time zone`);
    }
    assert.doesNotMatch(text, /\bu_[a-z0-9]+|identity_verified|code_sent|\d{4}-\d{2}-\d{2}T/, 'no ids, codes or raw timestamps');

    // Completing the case; the reply letter names the same authority, at the same address, as the statement (point 2).
    await page.fill('textarea[name="answer"]', lang === 'nl' ? 'Uw account is gewist.' : 'Your account was erased.');
    await follow(b, s.url, new RegExp(`/-/privacy-office/cases/${request.id}`), () => page.click(`form[action$="/complete"] button[type=submit]`), step('05-completed'));
    assert.ok(((await page.locator('main ol').last().textContent()) ?? '').includes(w.completed), 'the DPO is named by role');
    assert.doesNotMatch((await page.textContent('main')) ?? '', new RegExp(dpoId));
    await follow(b, s.url, /\/letter\/reply$/, () => page.click(`main a:has-text("${w.reply}")`), step('06-letter'));
    const authority = authorityContact('vtc', lang);
    const letter = (await page.textContent('article.letter')) ?? '';
    for (const part of [authority.name, authority.address]) assert.ok(letter.includes(part), `the letter names ${part}`);
    await visit(b, s.url, at('/-/privacy'), step('07-statement'));
    const statement = (await page.textContent('main')) ?? '';
    for (const part of [authority.name, authority.address]) assert.ok(statement.includes(part), `the statement names ${part}`);

    // Legal holds by what staff see: a case reference, an account's address; unknown ones refused (point 14).
    const addHold = async (subject: string, name: string) => {
      await visit(b, s.url, at('/-/privacy-office/holds'), step(`08-holds-${name}`));
      await page.fill('#subject', subject);
      await page.selectOption('#reason', 'legal_claims');
      await page.fill('#reason_text', 'Court case 2026/77 about this request is pending.');
      await page.fill('#ends_on', '2030-12-31');
      await follow(b, s.url, /\/-\/privacy-office\/holds/, () => page.click(`form[action="${prefix}/-/privacy-office/holds"] button[type="submit"]`), step(`09-hold-${name}`));
    };
    await addHold('PRV-2026-ZZZZZZ', 'unknown-case');
    assert.match((await page.textContent('main')) ?? '', new RegExp(w.noCase));
    await addHold('niemand@example.org', 'unknown-account');
    assert.match((await page.textContent('main')) ?? '', new RegExp(w.noAccount));
    await addHold(request.reference, 'case');
    await addHold(person.toUpperCase(), 'account');
    const holds = (await page.textContent('main table')) ?? '';
    assert.ok(holds.includes(request.reference) && holds.includes(person), 'the list names both as staff know them');
    assert.ok(!holds.includes('niemand@example.org') && !holds.includes('PRV-2026-ZZZZZZ'), 'nothing stored for the unknown ones');
    assert.ok(!holds.includes(dpoId), 'who set a hold is named by role, not by account id');
    assert.ok((await page.locator('main table time[datetime="2030-12-31"]').count()) >= 2, 'the last day shown as that day');
    await ours('holds');

    // A breach opened with a title; its page and the register show it (point 15).
    await visit(b, s.url, at('/-/privacy-office/breaches/new'), step('10-breach-new'));
    const title = `Lijst verkeerd gemaild (${lang})`;
    await page.fill('#title', title);
    await page.fill('#aware_at', instantToZoned(new Date(Date.now() - 3_600_000).toISOString(), s.portal.config.timezone));
    await page.check('input[name="nature"][value="C"]');
    await page.fill('#description', 'A list of accounts was sent to the wrong mailbox.');
    await follow(b, s.url, /done=opened/, () => page.click(`form[action="${prefix}/-/privacy-office/breaches"] button[type="submit"]`), step('11-breach'));
    assert.equal(await page.locator('h1').textContent(), `${w.breach}${title}`);
    await ours('breach');
    await follow(b, s.url, at('/-/privacy-office/breaches'), () => page.locator(`nav.tabs a[href="${prefix}/-/privacy-office/breaches"]`).click(), step('12-breaches'));
    assert.equal(await page.locator(`main a:text-is("${title}")`).count(), 1);
  });
}
