// A follower's whole path in real Chromium, in Dutch and English, on a laptop (1366×900) and a phone (390×844): a
// visitor finds the follow button and the feed on a dataset page, signs in from it and comes back, follows, confirms
// by mail; a publisher's new keyed version reaches them by mail and its link shows the version page with what changed
// and downloads that work; the follows page changes the frequency, follows the catalog, unfollows the dataset; an old
// mail's unsubscribe link and a digest's one end what they name; an editor's announcement reaches the remaining
// follower and the feed; the information tab lists the versions and the version page's twin answers. Every page gets
// the duplicate-id and axe checks and a screenshot (test/e2e/screenshots/ and /tmp/journey-follower-*.png).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAccount, signedIn, testPassword } from '../helpers/accounts.ts';
import { importMunicipalities } from '../helpers/follow.ts';
import { startServer, type ServerHarness } from '../helpers/server.ts';
import { startSmtp, type ReceivedMail, type SmtpHarness } from '../helpers/smtp.ts';
import { follow, openBrowser, readable, viewports, visit, type BrowserHarness } from './browser.ts';

let s: ServerHarness;
let smtp: SmtpHarness;
let b: BrowserHarness;
const walks = [
  { lang: 'nl', prefix: '', viewport: viewports[0] },
  { lang: 'en', prefix: '/en', viewport: viewports[1] },
  { lang: 'en', prefix: '/en', viewport: viewports[0] },
  { lang: 'nl', prefix: '', viewport: viewports[1] },
] as const;
const datasetOf = (walk: (typeof walks)[number]) => `gemeenten-${walk.lang}-${walk.viewport.width}`;

before(async () => {
  smtp = await startSmtp();
  s = await startServer('sqlite', { SMTP_URL: smtp.url });
  for (const walk of walks) await importMunicipalities(s.portal, s.env.dataDir, 1, datasetOf(walk));
  await s.portal.jobs.runDue();
  b = await openBrowser({ everyPageChecked: true });
});
after(async () => {
  // The browser's close fails the file on a duplicate id or an unchecked page; the server and mail still stop.
  try {
    await b?.close();
  } finally {
    await s?.close();
    await smtp?.close();
  }
});

/** The mail to `to` whose subject matches, waiting for it; each mail is taken once, whatever order they arrive in. */
const taken = new Set<ReceivedMail>();
async function mailTo(to: string, subject: RegExp): Promise<ReceivedMail> {
  for (let i = 0; i < 100; i++) {
    const found = smtp.messages.find((m) => !taken.has(m) && m.to.includes(to) && subject.test(m.subject));
    if (found) {
      taken.add(found);
      return found;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no mail to ${to} about ${subject} (got: ${smtp.messages.filter((m) => m.to.includes(to)).map((m) => m.subject).join(' | ')})`);
}

/** The mail's plain text as a person reads it (quoted-printable soft breaks undone). */
const readMail = (mail: ReceivedMail) => mail.text.replace(/=\r?\n/g, '').replace(/=3D/g, '=').replace(/\r\n/g, '\n');
/** The path (and query) of the mail's first link matching `pattern`. */
function linkTo(mail: ReceivedMail, pattern: RegExp): string {
  const link = readMail(mail).match(/https?:\/\/[^\s<>"]+/g)?.find((l) => pattern.test(l));
  assert.ok(link, `a link to ${pattern} in "${mail.subject}":\n${readMail(mail)}`);
  const url = new URL(link);
  return url.pathname + url.search;
}

const words = {
  nl: {
    signIn: 'Meld u aan om deze dataset te volgen', follow: 'Volgen', sent: /We stuurden u een e-mail \(naar \S+\) met een link om te bevestigen/,
    confirmMail: /Bevestig dat u e-mail wilt/, confirm: 'Bevestigen', confirmed: /Bevestigd\. U krijgt voortaan e-mail over/, following: 'U volgt deze dataset.',
    versionMail: /Gemeenten: versie 2/, counts: ['3 records toegevoegd', '2 records verwijderd', '1 record gewijzigd', '1 veld toegevoegd: inwoners_2025'],
    version: 'Versie 2', examples: 'Voorbeelden', current: 'huidige versie', saved: 'Uw keuze is bewaard.', unfollowed: /U volgt dit niet meer/,
    digest: /bericht over wat u volgt/, unsubscribe: 'Uitschrijven', unsubscribed: /U bent uitgeschreven/, used: /al uitgeschreven/,
    announced: 'Het bericht is verstuurd naar wie dit volgt.', announcement: 'Nieuwe indeling vanaf volgend jaar', body: 'Vanaf volgend jaar krijgt elke gemeente ook een arrondissement.',
    added: '3 records toegevoegd', hint: 'U krijgt een e-mail als deze dataset verandert.', seeChanges: 'Bekijk wat er veranderde', changedValue: 'gewijzigd',
    catalogPending: 'Nieuwe datasets in de catalogus · wacht op uw bevestiging',
  },
  en: {
    signIn: 'Sign in to follow this dataset', follow: 'Follow', sent: /We sent you an email \(to \S+\) with a link to confirm/,
    confirmMail: /Confirm that you want email/, confirm: 'Confirm', confirmed: /Confirmed\. From now on you get email about/, following: 'You follow this dataset.',
    versionMail: /Municipalities: version 2/, counts: ['3 records added', '2 records removed', '1 record changed', '1 field added: inwoners_2025'],
    version: 'Version 2', examples: 'Examples', current: 'current version', saved: 'Your choice is saved.', unfollowed: /You no longer follow this/,
    digest: /message about what you follow/, unsubscribe: 'Unsubscribe', unsubscribed: /You are unsubscribed/, used: /already unsubscribed/,
    announced: 'The message was sent to those who follow this.', announcement: 'A new layout from next year', body: 'From next year every municipality also has a district.',
    added: '3 records added', hint: 'You get an email when this dataset changes.', seeChanges: 'See what changed', changedValue: 'changed',
    catalogPending: 'New datasets in the catalog · waiting for your confirmation',
  },
} as const;

for (const walk of walks) {
  const { lang, prefix, viewport } = walk;
  test(`follower, ${lang}, ${viewport.width}×${viewport.height}: follow with double opt-in, a new version's mail and page, the follows page, unsubscribe, an announcement, the versions`, async () => {
    const w = words[lang];
    const page = b.page;
    const id = datasetOf(walk);
    const at = (path: string) => `${s.url}${prefix}${path}`;
    const step = (n: string) => `follower-${lang}-${viewport.width}-${n}`;
    const shot = async (name: string) => {
      await page.screenshot({ path: `/tmp/journey-${name}.png`, fullPage: true });
      await readable(page, { lang, width: viewport.width }, name);
    };
    const go = async (path: string, n: string, status?: number) => {
      await visit(b, s.url, path, step(n), { status });
      await shot(step(n));
    };
    const act = async (url: string | RegExp, action: () => Promise<unknown>, n: string) => {
      await follow(b, s.url, url, action, step(n));
      await shot(step(n));
    };
    const main = async () => (await page.textContent('main')) ?? '';
    await page.setViewportSize(viewport);
    await b.context.clearCookies();
    const email = `volger.${lang}.${viewport.width}@example.org`;
    await createAccount(s, email, 'user');
    // Someone else who follows the dataset and stays: the announcement's reader.
    const stayer = `blijver.${lang}.${viewport.width}@example.org`;
    const stayerId = await createAccount(s, stayer, 'user');
    await s.portal.follow.follow(stayerId, { kind: 'dataset', datasetId: id }, lang);
    await s.portal.follow.confirm(linkTo(await mailTo(stayer, w.confirmMail), /\/-\/follow\/confirm\//).split('/').pop()!, lang);

    // 1. A visitor: the follow button is on the dataset page, the feed in its head; the button leads to sign-in and back.
    await go(at(`/datasets/${id}`), '01-dataset-visitor');
    const feed = page.locator('head link[rel="alternate"][type="application/atom+xml"]');
    assert.equal(await feed.getAttribute('href'), `${prefix}/datasets/${id}/feed.atom`);
    const atom = await s.get(`${prefix}/datasets/${id}/feed.atom`);
    assert.equal(atom.status, 200);
    assert.match(atom.headers.get('content-type') ?? '', /atom\+xml/);
    const signIn = page.locator('main .follow a.button');
    assert.equal((await signIn.textContent())?.trim(), w.signIn);
    assert.ok(await signIn.isVisible(), 'the follow link is on screen');
    assert.ok((await signIn.boundingBox())!.y < viewport.height, 'the follow link is in the first screen');
    // What following brings is said beside it, and those without an account find the feed on the page too.
    assert.equal((await page.textContent('main .follow-hint'))?.includes(w.hint), true);
    assert.equal(await page.locator('main a.feed-link').getAttribute('href'), `${prefix}/datasets/${id}/feed.atom`);
    await act(new RegExp(`${prefix}/-/account/login\\?`), () => signIn.click(), '02-sign-in');
    for (const elsewhere of ['//elders.example/', '/\\elders.example/', 'https://elders.example/']) {
      const login = await (await s.get(`${prefix}/-/account/login?back=${encodeURIComponent(elsewhere)}`)).text();
      assert.doesNotMatch(login, /name="back"/, `sign-in returns only to a page of the portal, not ${elsewhere}`);
    }
    await page.fill('#email', email);
    await page.fill('#password', testPassword);
    await act(at(`/datasets/${id}`), () => page.click('main form button[type=submit]'), '03-back-at-dataset');

    // 2. Follow: the page says a mail went out; its link, opened in the browser, confirms; the dataset page says so.
    const followButton = page.locator(`main form[action="${prefix}/datasets/${id}/follow"] button`);
    assert.equal((await followButton.textContent())?.trim(), w.follow);
    assert.ok(await followButton.isVisible(), 'the follow button is on screen');
    await act(at(`/datasets/${id}/follow`), () => followButton.click(), '04-follow-sent');
    assert.match(await main(), w.sent);
    assert.ok((await main()).includes(email), 'the page names the address the mail went to');
    const confirmation = await mailTo(email, w.confirmMail);
    await go(s.url + linkTo(confirmation, /\/-\/follow\/confirm\//), '05-confirm');
    const confirmButton = page.locator('main form button[type=submit]');
    assert.equal((await confirmButton.textContent())?.trim(), w.confirm);
    await act(page.url(), () => confirmButton.click(), '06-confirmed');
    assert.match(await main(), w.confirmed);
    // The way back is the dataset now followed.
    const back = page.locator(`main a[href="${prefix}/datasets/${id}"]`).last();
    await act(at(`/datasets/${id}`), () => back.click(), '07-dataset-following');
    assert.equal((await page.textContent('main .follow [role=status]'))?.trim(), w.following);
    assert.ok(await page.locator(`main .follow a[href="${prefix}/-/account/follows"]`).isVisible(), 'where to manage it is at hand');

    // 3. A publisher publishes version 2 (3 added, 2 removed, 1 changed, a new field); the job mails the follower.
    await importMunicipalities(s.portal, s.env.dataDir, 2, id);
    await s.portal.jobs.runDue();
    const versionMail = await mailTo(email, w.versionMail);
    for (const count of w.counts) assert.ok(readMail(versionMail).includes(count), `the mail says ${count}`);
    assert.match(readMail(versionMail), new RegExp(`${w.seeChanges}: http://\\S+/datasets/${id}/versions/2\\n`), 'the link says where it leads');
    const versionPath = linkTo(versionMail, new RegExp(`/datasets/${id}/versions/2$`));
    await go(s.url + versionPath, '08-version');
    assert.match((await page.textContent('main h2')) ?? '', new RegExp(`${w.version}.*${w.current}`));
    const changes = (await page.locator('main ul.changes li').allTextContents()).map((t) => t.trim());
    for (const count of w.counts.slice(0, 3)) assert.ok(changes.includes(count), `the page says ${count}: ${changes.join(' | ')}`);
    assert.match(changes.join(' '), /inwoners_2025/);
    assert.ok((await page.locator('main section[aria-labelledby="examples"] table').count()) >= 3, 'examples of added, removed and changed records');
    assert.match((await page.textContent('main section[aria-labelledby="examples"]')) ?? '', /Mechelen/);
    // In the changed record, the values that changed stand out (Gent: 265000 → 266000, and the new field).
    const marked = await page.locator('main table.examples td.changed').allTextContents();
    assert.deepEqual(marked, ['265000', '', '266000', '267000'].map((value) => `${value} (${w.changedValue})`));
    for (const link of await page.locator('main ul.downloads a').all()) {
      const href = (await link.getAttribute('href'))!;
      const response = await s.get(href);
      assert.equal(response.status, 200, href);
      const body = Buffer.from(await response.arrayBuffer());
      if (href.includes('/csv')) assert.match(body.toString('utf8'), /Mechelen/);
      else assert.equal(body.subarray(0, 4).toString(), 'PAR1');
    }
    assert.equal(await page.locator('main ul.downloads a').count(), 2);
    assert.ok(await page.locator(`main a[href="${prefix}/datasets/${id}#versions"]`).isVisible(), 'the way to the other versions');

    // 4. The follows page: weekly, the catalog followed (and confirmed), the dataset unfollowed.
    await go(at('/-/account/follows'), '09-follows');
    await page.check('input[name=frequency][value=weekly]');
    await act(at('/-/account/follows?done=frequency'), () => page.click(`main form[action="${prefix}/-/account/follows/frequency"] button`), '10-weekly');
    assert.match(await main(), new RegExp(w.saved));
    assert.equal(await page.isChecked('input[name=frequency][value=weekly]'), true);
    await act(at('/-/account/follows?done=sent'), () => page.click(`main form[action="${prefix}/-/account/follows/catalog"] button`), '11-catalog-sent');
    assert.match(await main(), w.sent);
    assert.match((await page.textContent('main ul.follows')) ?? '', new RegExp(w.catalogPending), 'the catalog is listed, waiting for the confirmation');
    await go(s.url + linkTo(await mailTo(email, w.confirmMail), /\/-\/follow\/confirm\//), '12-catalog-confirm');
    await act(page.url(), () => page.click('main form button[type=submit]'), '13-catalog-confirmed');
    assert.match(await main(), w.confirmed);
    await go(at('/-/account/follows'), '14-follows-two');
    assert.equal(await page.locator('main ul.follows > li').count(), 2);
    // Unfollowing here stays here, and says so.
    await act(at('/-/account/follows?done=unfollowed'), () => page.click(`main form[action="${prefix}/datasets/${id}/unfollow"] button`), '15-unfollowed');
    assert.match(await main(), w.unfollowed);
    assert.equal(await page.locator('main ul.follows > li').count(), 1);

    // An old mail's unsubscribe link, for the dataset no longer followed: it says so, and nothing breaks.
    await go(s.url + linkTo(versionMail, /\/-\/unsubscribe\//), '16-unsubscribe-used', 410);
    assert.match(await main(), w.used);
    // A new dataset: the weekly digest tells of it, and its unsubscribe link (GET: a button; the button: done) ends it.
    await importMunicipalities(s.portal, s.env.dataDir, 1, `nieuw-${lang}-${viewport.width}`);
    await s.portal.jobs.runDue();
    await s.portal.follow.sendDigests('weekly', new Date(Date.now() + 8 * 86_400_000));
    const digest = await mailTo(email, w.digest);
    await go(s.url + linkTo(digest, /\/-\/unsubscribe\//), '17-unsubscribe');
    const unsubscribe = page.locator('main form button[type=submit]');
    assert.equal((await unsubscribe.textContent())?.trim(), w.unsubscribe);
    await act(page.url(), () => unsubscribe.click(), '18-unsubscribed');
    assert.match(await main(), w.unsubscribed);
    await go(at('/-/account/follows'), '19-follows-none');
    assert.equal(await page.locator('main ul.follows > li').count(), 0);

    // 5. An editor writes to the followers from the dataset page; the remaining follower gets it, and so does the feed.
    const editorEmail = `redacteur.${lang}.${viewport.width}@example.org`;
    await createAccount(s, editorEmail, 'editor');
    const editor = await signedIn(s, editorEmail);
    await b.context.clearCookies();
    await b.context.addCookies([{ name: 'opaal_session', value: editor.cookie!.split('=')[1], url: s.url }]);
    await go(at(`/datasets/${id}`), '20-dataset-editor');
    if (viewport.width > 1000) {
      // Follow, write to the followers and Edit: one row of buttons under the title.
      const tops = await page.locator('main .dataset-actions :is(button, a.button)').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
      assert.equal(tops.length, 3);
      assert.equal(new Set(tops).size, 1, `one row: ${tops.join(', ')}`);
    }
    await act(at(`/datasets/${id}/announce`), () => page.click(`main a[href="${prefix}/datasets/${id}/announce"]`), '21-announce');
    await page.fill('#title', w.announcement);
    await page.fill('#body', w.body);
    await act(at(`/datasets/${id}/announce?done=sent`), () => page.click('main form button[type=submit]'), '22-announced');
    assert.match(await main(), new RegExp(w.announced));
    assert.equal(await page.locator('main form').count(), 0, 'once sent, no empty form as if nothing happened');
    // Reloading that page sends nothing again.
    await follow(b, s.url, at(`/datasets/${id}/announce?done=sent`), () => page.reload(), step('22-announced-reloaded'));
    assert.equal((await s.portal.follow.announcements(id, 10)).length, 1, 'one announcement, however often the page is reloaded');
    const announcement = await mailTo(stayer, new RegExp(w.announcement));
    assert.ok(readMail(announcement).includes(w.body), 'the mail carries the message');
    await s.portal.mailer.flush();
    assert.equal(smtp.messages.filter((m) => m.to.includes(email) && m.subject.includes(w.announcement)).length, 0, 'who unfollowed gets nothing');
    const feedText = await (await s.get(`${prefix}/datasets/${id}/feed.atom`)).text();
    assert.ok(feedText.includes(w.announcement), 'the announcement is in the feed');

    // 6. The information tab lists the versions with their summaries; the version page's JSON twin answers.
    await act(at(`/datasets/${id}`), () => page.click(`main a[href="${prefix}/datasets/${id}"]`), '23-information');
    const rows = page.locator('main section[aria-labelledby="versions"] tbody tr');
    assert.equal(await rows.count(), 2);
    assert.match((await rows.first().textContent()) ?? '', new RegExp(w.added));
    await act(at(`/datasets/${id}/versions/1`), () => page.click(`main section[aria-labelledby="versions"] a[href="${prefix}/datasets/${id}/versions/1"]`), '24-version-1');
    const twin = await page.locator('head link[rel="alternate"][type="application/json"]').getAttribute('href');
    assert.equal(twin, `${prefix}/datasets/${id}/versions/1.json`);
    const json = await (await s.get(`${prefix}/datasets/${id}/versions/2.json`)).json();
    assert.equal(json.number, 2);
    assert.deepEqual([json.changes.added, json.changes.removed, json.changes.changed, json.changes.fields_added], [3, 2, 1, ['inwoners_2025']]);
  });
}
