// The data protection officer's path in real Chromium, at desktop and phone widths, in Dutch and English: a verified
// request's mail leads to its case, legal holds named by case reference and e-mail (an unknown one refused), a breach
// opened with a title, and the contact-point warning on an erasure case. Screenshots go to test/e2e/screenshots/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import { instantToZoned } from '../../src/privacy/zoned-time.ts';
import { startServer, type ServerHarness } from '../helpers/server.ts';
import { fixture } from '../helpers/engine.ts';
import { signedIn } from '../helpers/staff.ts';
import { lastCode, mailsTo } from '../helpers/privacy-cases.ts';
import type { PrivacyCase } from '../../src/privacy/cases/types.ts';
import { checkPage, openBrowser, type BrowserHarness } from './browser.ts';

let s: ServerHarness;
let b: BrowserHarness;
let request: PrivacyCase;
before(async () => {
  s = await startServer('sqlite', { PRIVACY_DPO_EMAIL: 'dpo@example.org' });
  b = await openBrowser();
  await s.portal.catalog.importDataset({
    datasetId: 'fietsen', path: fixture('json/lines.jsonl'), actor: 'test',
    input: parseMetadataInput({ visibility: 'public', title: { nl: 'Fietsenstallingen', en: 'Bicycle parking' }, contactPoint: { name: 'Mobiliteit', email: 'an.peeters@example.org' } }),
  });
  const at = s.portal.clock().toISOString();
  await s.portal.store.db.insertInto('users').values({
    id: 'u_an', email: 'an.peeters@example.org', first_name: 'An', last_name: 'Peeters', display_name: null, password_hash: null, password_changed_at: null, role: 'user',
    email_verified_at: at, totp_secret: null, totp_enabled_at: null, totp_last_step: null, created_at: at, last_active_at: at, disabled_at: null,
  }).execute();
  // A visitor's erasure request, confirmed by code: the DPO is mailed.
  const submitted = await s.portal.privacyCases.submit({ type: 'erasure', message: 'Please remove me', email: 'an.peeters@example.org', lang: 'en' }, null);
  request = await s.portal.privacyCases.confirmCode(submitted.id, await lastCode(s.portal, 'an.peeters@example.org'));
  const dpo = await signedIn(s, 'dpo');
  await b.context.addCookies([{ name: 'opaal_session', value: dpo.cookie!.split('=')[1], url: s.url }]);
});
after(async () => {
  await b?.close();
  await s?.close();
});

const viewports = [{ name: 'desktop', width: 1366, height: 900 }, { name: 'phone', width: 390, height: 844 }];
const words = {
  nl: { holdsError: 'Er bestaat geen dossier met die referentie', warning: 'Nog gepubliceerd als contactpunt', breach: 'Datalek: ' },
  en: { holdsError: 'There is no case with that reference', warning: 'Still published as a contact point', breach: 'Breach: ' },
};

for (const viewport of viewports) {
  for (const lang of ['nl', 'en'] as const) {
    test(`the DPO's path at ${viewport.width}×${viewport.height} in ${lang}`, async () => {
      const page = b.page;
      const prefix = lang === 'nl' ? '' : '/en';
      const shot = (what: string) => checkPage(b, s.url, `dpo-${what}-${viewport.name}-${lang}`);
      await page.setViewportSize({ width: viewport.width, height: viewport.height });

      // The verified request's mail names the reference, not the person, and links to the case.
      const mail = (await mailsTo(s.portal, 'dpo@example.org')).filter((m) => m.template === 'privacy.arrived').at(-1)!;
      assert.ok(mail.subject.includes(request.reference));
      assert.ok(!mail.text_body.includes('an.peeters') && !mail.text_body.includes('Please remove me'));
      const link = /^https?:\/\/\S+$/m.exec(mail.text_body)![0];
      const casePath = new URL(link).pathname.replace(/^\/-\//, `${prefix}/-/`);

      // The erasure case warns that the person is still a dataset's contact point, with a link to its metadata page.
      await page.goto(`${s.url}${casePath}`);
      assert.equal(await page.locator('h1').textContent(), request.reference);
      assert.match((await page.textContent('#contact-points')) ?? '', new RegExp(words[lang].warning));
      assert.equal(await page.locator(`a[href="${prefix}/-/admin/datasets/fietsen/metadata"]`).count(), 1);
      await shot('erasure-case');

      // Legal holds: on the case by its reference, on the account by its address; an unknown reference is refused.
      const addHold = async (subject: string) => {
        await page.goto(`${s.url}${prefix}/-/privacy-office/holds`);
        await page.fill('#subject', subject);
        await page.selectOption('#reason', 'legal_claims');
        await page.fill('#reason_text', 'Court case 2026/77 about this request is pending.');
        await page.fill('#ends_on', '2030-12-31');
        await Promise.all([page.waitForLoadState('load'), page.click(`form[action="${prefix}/-/privacy-office/holds"] button[type="submit"]`)]);
      };
      await addHold('PRV-2026-ZZZZZZ');
      assert.match((await page.textContent('main')) ?? '', new RegExp(words[lang].holdsError));
      await shot('hold-refused');
      await addHold(request.reference);
      await addHold('An.Peeters@example.org');
      const table = (await page.textContent('table')) ?? '';
      assert.ok(table.includes(request.reference) && table.includes('an.peeters@example.org'), 'the list names both as staff know them');
      assert.equal(await page.locator('time[datetime="2030-12-31"]').count() >= 2, true, 'the last day shown as that day');
      await shot('holds');

      // A breach opened with a title; the register and its page show it.
      await page.goto(`${s.url}${prefix}/-/privacy-office/breaches/new`);
      const title = `Lijst verkeerd gemaild ${viewport.name} ${lang}`;
      await page.fill('#title', title);
      await page.fill('#aware_at', instantToZoned(new Date(Date.now() - 3_600_000).toISOString(), s.portal.config.timezone));
      await page.check('input[name="nature"][value="C"]');
      await page.fill('#description', 'A list of accounts was sent to the wrong mailbox.');
      await Promise.all([page.waitForURL(/done=opened/), page.click(`form[action="${prefix}/-/privacy-office/breaches"] button[type="submit"]`)]);
      assert.equal(await page.locator('h1').textContent(), `${words[lang].breach}${title}`);
      await shot('breach');
      await page.goto(`${s.url}${prefix}/-/privacy-office/breaches`);
      assert.equal(await page.locator(`a:text-is("${title}")`).count(), 1);
      await shot('breaches');
    });
  }
}
