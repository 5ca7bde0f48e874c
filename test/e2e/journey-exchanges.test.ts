// The exchanges in real Chromium, reached by clicking as a person does (mail links aside), with a real SMTP server:
// (a) an information request in English on a phone (390×844): a visitor asks from a dataset's page, confirms the
// address from the mail, staff answer from the inbox in the header, the visitor replies from the answer's link, and
// the thread shows every message in order; (b) reuses, in Dutch on a laptop and in English on a phone: a signed-in
// user submits a reuse with an image, an editor finds it from the back office and approves it, the submitter is mailed,
// and the reuse shows on /reuses, on the dataset's page and as metas.explore.reuse_count; (c) data requests: one
// person asks, another supports and comments, staff set "published" linking a dataset, the supporters are mailed, and
// the list is sorted by support. Every page gets the duplicate-id and axe checks, and the walk's language and width.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createAccount, signedIn } from '../helpers/accounts.ts';
import { importCities, startServer, type ServerHarness } from '../helpers/server.ts';
import { linkMatching, mailMatching, startSmtp, type SmtpHarness } from '../helpers/smtp.ts';
import { clickHeaderLink, follow, openBrowser, readable, visit, type BrowserHarness } from './browser.ts';

let s: ServerHarness;
let smtp: SmtpHarness;
let b: BrowserHarness;

before(async () => {
  smtp = await startSmtp();
  s = await startServer('sqlite', { SMTP_URL: smtp.url });
  await importCities(s.portal);
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

const mailTo = (to: string, subject: RegExp) => mailMatching(smtp, to, subject);
async function signInAs(email: string): Promise<void> {
  await b.context.clearCookies();
  const v = await signedIn(s, email);
  await b.context.addCookies([{ name: 'opaal_session', value: v.cookie!.split('=')[1], url: s.url }]);
}
const main = async () => (await b.page.textContent('main')) ?? '';

test('(a) information request, en, 390×844: ask from the dataset, confirm by mail, staff answer from the inbox, reply from the mail; the thread in order', async () => {
  const page = b.page;
  const walk = { lang: 'en', width: 390 } as const;
  const step = (n: string) => `exchanges-a-${n}`;
  const at = (path: string) => `${s.url}/en${path}`;
  await page.setViewportSize({ width: 390, height: 844 });
  await b.context.clearCookies();
  await createAccount(s, 'desk@example.org', 'editor');

  await visit(b, s.url, '/en/', step('01-home'));
  await readable(page, walk, step('01-home'));
  // On a phone the header is one line: its links wait behind "Menu", so the page's own content starts at the top.
  const header = (await page.locator('header.site-header').boundingBox())!;
  assert.ok(header.height <= 64, `the phone's header is one line (${header.height} px)`);
  assert.equal(await page.locator('header.site-header').getByRole('link', { name: 'Data requests', exact: true }).count(), 0, 'the menu starts shut');
  await follow(b, s.url, at('/datasets'), () => clickHeaderLink(page, 'Datasets'), step('02-catalog'));
  await follow(b, s.url, at('/datasets/cities'), () => page.locator('main a[href="/en/datasets/cities"]').first().click(), step('03-dataset'));
  await follow(b, s.url, at('/-/contact?dataset=cities'), () => page.locator('main').getByRole('link', { name: 'Ask a question about this dataset' }).click(), step('04-form'));
  await readable(page, walk, step('04-form'));
  await page.fill('#name', 'Sam Jones');
  await page.fill('#email', 'sam@example.org');
  await page.fill('#subject', 'Population source?');
  await page.fill('#message', 'Where do the population figures come from?');
  await follow(b, s.url, at('/-/contact'), () => page.click('main form button[type=submit]'), step('05-check-mail'));
  assert.match(await main(), /We sent an e-mail to sam@example\.org/);

  await visit(b, s.url, linkMatching(await mailTo('sam@example.org', /Confirm your question/), /\/-\/contact\/confirm\//), step('06-confirm'));
  await readable(page, walk, step('06-confirm'));
  await follow(b, s.url, /\/en\/-\/contact\/thread\/[A-Za-z0-9_-]{43}\?done=registered$/, () => page.getByRole('button', { name: 'Confirm' }).click(), step('07-registered'));
  const reference = /[A-Z]{3}-\d{4}-[2-9A-Z]{6}/.exec(await main())?.[0];
  assert.ok(reference, 'the registered page gives the reference');

  // Staff: the inbox from the header's menu, the request by its reference, an answer.
  await signInAs('desk@example.org');
  await visit(b, s.url, '/en/', step('08-staff-home'));
  await follow(b, s.url, at('/-/inbox'), () => clickHeaderLink(page, 'Inbox'), step('09-inbox'));
  await readable(page, walk, step('09-inbox'));
  await follow(b, s.url, /\/en\/-\/inbox\/req_/, () => page.locator('main').getByRole('link', { name: reference }).click(), step('10-request'));
  await readable(page, walk, step('10-request'));
  await page.fill('#answer', 'From the national register, updated every year.');
  await follow(b, s.url, /\?done=answered$/, () => page.click('main form:has(#answer) button[type=submit]'), step('11-answered'));

  // The visitor follows the answer's link and replies.
  await b.context.clearCookies();
  const answer = await mailTo('sam@example.org', /Answer to your question/);
  assert.ok(answer.text.includes('national register'));
  await visit(b, s.url, linkMatching(answer, /\/-\/contact\/thread\//), step('12-thread'));
  await readable(page, walk, step('12-thread'));
  await page.fill('#message', 'Thanks, that helps.');
  await follow(b, s.url, /\?done=replied$/, () => page.getByRole('button', { name: 'Reply', exact: true }).click(), step('13-replied'));
  const messages = await page.locator('main ol.thread > li').allTextContents();
  assert.equal(messages.length, 3, messages.join(' | '));
  assert.ok(messages[0].includes('Where do the population') && messages[1].includes('national register') && messages[2].includes('Thanks, that helps.'), messages.join(' | '));
  // Staff are mailed in their own language (the account's, Dutch here).
  await mailTo('desk@example.org', new RegExp(`Reactie op vraag ${reference}`));
});

const reuseWalks = [
  { lang: 'nl', prefix: '', viewport: { width: 1366, height: 900 }, email: 'maker-nl@example.org', title: 'Stedenkaart Scholen', words: { reuses: 'Hergebruik', submit: 'Meld uw hergebruik van deze dataset', backoffice: 'Datasets beheren', review: 'Hergebruik beoordelen', approve: 'Goedkeuren', subject: /goedgekeurd/ } },
  { lang: 'en', prefix: '/en', viewport: { width: 390, height: 844 }, email: 'maker-en@example.org', title: 'City quiz app', words: { reuses: 'Reuses', submit: 'Tell us how you reuse this dataset', backoffice: 'Manage datasets', review: 'Review reuses', approve: 'Approve', subject: /approved/ } },
] as const;

test('(b) reuses, nl at 1366×900 and en at 390×844: submit with an image, an editor approves, the submitter is mailed, the reuse shows everywhere', async () => {
  const page = b.page;
  await createAccount(s, 'reviewer@example.org', 'editor');
  let approved = 0;
  for (const w of reuseWalks) {
    const walk = { lang: w.lang, width: w.viewport.width } as const;
    const step = (n: string) => `exchanges-b-${w.lang}-${n}`;
    const at = (path: string) => `${s.url}${w.prefix}${path}`;
    await page.setViewportSize(w.viewport);
    await createAccount(s, w.email, 'user');
    await signInAs(w.email);
    // A real picture to upload: the portal's home page, as the browser draws it.
    await visit(b, s.url, `${w.prefix}/`, step('01-home'));
    const image = await page.screenshot({ clip: { x: 0, y: 0, width: 320, height: 200 } });

    await follow(b, s.url, at('/datasets'), () => clickHeaderLink(page, 'Datasets'), step('02-catalog'));
    await follow(b, s.url, at('/datasets/cities'), () => page.locator(`main a[href="${w.prefix}/datasets/cities"]`).first().click(), step('03-dataset'));
    await follow(b, s.url, at('/-/reuses/new?dataset=cities'), () => page.locator('main').getByRole('link', { name: w.words.submit }).click(), step('04-form'));
    await readable(page, walk, step('04-form'));
    assert.equal(await page.inputValue('#datasets'), 'cities', 'the form knows the dataset it came from');
    await page.fill('#title', w.title);
    await page.fill('#description', 'A **map** of the cities.');
    await page.fill('#url', 'https://example.org/app');
    await page.selectOption('#type', 'application');
    await page.setInputFiles('#image', { name: 'screen.png', mimeType: 'image/png', buffer: image });
    await follow(b, s.url, at('/-/reuses/new'), () => page.click('main form button[type=submit]'), step('05-submitted'));
    await readable(page, walk, step('05-submitted'));
    assert.equal(await page.locator('main [role=status]').count(), 1, 'the page says it was received');

    // The editor: back office from the header, the review from there, approve.
    await signInAs('reviewer@example.org');
    await visit(b, s.url, `${w.prefix}/`, step('06-staff-home'));
    await follow(b, s.url, at('/-/admin/datasets'), () => clickHeaderLink(page, w.words.backoffice), step('07-backoffice'));
    await readable(page, walk, step('07-backoffice'));
    await follow(b, s.url, at('/-/reuses/moderation'), () => page.locator('main').getByRole('link', { name: w.words.review, exact: true }).click(), step('08-review'));
    await readable(page, walk, step('08-review'));
    const card = page.locator('main article', { hasText: w.title });
    await follow(b, s.url, at('/-/reuses/moderation?done=1'), () => card.getByRole('button', { name: w.words.approve, exact: true }).click(), step('09-approved'));
    approved++;
    const mail = await mailTo(w.email, w.words.subject);
    assert.ok(mail.text.includes(w.title), 'the mail names the reuse');

    // Anyone: /reuses from the header, the reuse with its image, the dataset's page, the catalog API.
    await b.context.clearCookies();
    await visit(b, s.url, `${w.prefix}/`, step('10-home'));
    await follow(b, s.url, at('/reuses'), () => clickHeaderLink(page, w.words.reuses), step('11-reuses'));
    await readable(page, walk, step('11-reuses'));
    await follow(b, s.url, /\/reuses\/ru_/, () => page.locator('main').getByRole('link', { name: w.title }).click(), step('12-reuse'));
    await readable(page, walk, step('12-reuse'));
    const drawn = await page.locator('main img').evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth);
    assert.equal(drawn, 320, 'the uploaded image is shown');
    await follow(b, s.url, at('/datasets/cities'), () => page.locator('main a[href$="/datasets/cities"]').click(), step('13-dataset'));
    assert.equal(await page.locator('main').getByRole('link', { name: w.title }).count(), 1, 'the dataset page lists the reuse');
    const catalog = await (await s.get('/api/explore/v2.1/catalog/datasets/cities')).json();
    assert.equal(catalog.metas?.explore?.reuse_count ?? catalog.dataset?.metas?.explore?.reuse_count, approved);
  }
});

test('(c) data requests, nl at 1366×900: ask, another supports and comments, staff publish linking a dataset, supporters mailed, list by support', async () => {
  const page = b.page;
  const walk = { lang: 'nl', width: 1366 } as const;
  const step = (n: string) => `exchanges-c-${n}`;
  const at = (path: string) => `${s.url}${path}`;
  await page.setViewportSize({ width: 1366, height: 900 });
  await createAccount(s, 'asker@example.org', 'user');
  await createAccount(s, 'supporter@example.org', 'user');
  await createAccount(s, 'staff-wish@example.org', 'editor');

  const ask = async (title: string, n: string) => {
    await follow(b, s.url, at('/data-requests'), () => clickHeaderLink(page, 'Dataverzoeken'), step(`${n}-list`));
    await readable(page, walk, step(`${n}-list`));
    await page.fill('#title', title);
    await page.fill('#description', 'Graag per gemeente en per jaar.');
    await follow(b, s.url, /\/data-requests\/[\w-]+$/, () => page.getByRole('button', { name: 'Verzoek indienen' }).click(), step(`${n}-asked`));
  };
  await signInAs('asker@example.org');
  await visit(b, s.url, '/', step('01-home'));
  await ask('Fietspaden per gemeente', '02');
  const wishUrl = page.url();
  await ask('Luchtkwaliteit per straat', '03');

  // Another person supports the first request and comments.
  await signInAs('supporter@example.org');
  await visit(b, s.url, '/', step('04-home'));
  await follow(b, s.url, at('/data-requests'), () => clickHeaderLink(page, 'Dataverzoeken'), step('05-list'));
  await follow(b, s.url, wishUrl, () => page.locator('main').getByRole('link', { name: 'Fietspaden per gemeente' }).click(), step('06-wish'));
  await follow(b, s.url, `${wishUrl}?done=vote`, () => page.getByRole('button', { name: 'Steun dit verzoek' }).click(), step('07-supported'));
  await page.fill('#body', 'Ook nuttig: **fietsersbond**.');
  await follow(b, s.url, `${wishUrl}?done=comment`, () => page.locator('main form:has(#body) button[type=submit]').click(), step('08-commented'));
  await readable(page, walk, step('08-commented'));
  assert.match(await main(), /fietsersbond/);

  // The list puts the supported request first.
  await follow(b, s.url, at('/data-requests'), () => clickHeaderLink(page, 'Dataverzoeken'), step('09-list'));
  const order = await page.locator('main ol.wishes > li > a').allTextContents();
  assert.deepEqual(order.slice(0, 2), ['Fietspaden per gemeente', 'Luchtkwaliteit per straat']);

  // Staff publish it, linking the dataset; the asker and the supporter are mailed.
  await signInAs('staff-wish@example.org');
  await visit(b, s.url, '/', step('10-staff-home'));
  await follow(b, s.url, at('/data-requests'), () => clickHeaderLink(page, 'Dataverzoeken'), step('11-list'));
  await follow(b, s.url, wishUrl, () => page.locator('main').getByRole('link', { name: 'Fietspaden per gemeente' }).click(), step('12-wish'));
  await page.selectOption('#status', 'published');
  await page.fill('#dataset_id', 'cities');
  await follow(b, s.url, `${wishUrl}?done=status`, () => page.getByRole('button', { name: 'Status bewaren' }).click(), step('13-published'));
  await readable(page, walk, step('13-published'));
  for (const to of ['asker@example.org', 'supporter@example.org']) await mailTo(to, /Nieuwe status van het dataverzoek "Fietspaden per gemeente"/);
  await follow(b, s.url, at('/datasets/cities'), () => page.locator('main a[href="/datasets/cities"]').click(), step('14-dataset'));
});

/**
 * Every exchange page as a person sees it, at 1366×900 and 390×844, in Dutch and English, for a person to look at:
 * screenshots in bench/.data/shots/ (git-ignored). Each page also gets axe, its language and no sideways scroll. The
 * walks above left a request, reuses and data requests; here a signed-in user asks a question and starts a
 * discussion, and another reports a post, so the account's list, the discussions and the moderation list hold something.
 */
test('(d) the exchange pages at 1366×900 and 390×844, nl and en: screenshots in bench/.data/shots/', async () => {
  const page = b.page;
  const shots = new URL('../../bench/.data/shots/', import.meta.url).pathname;
  mkdirSync(shots, { recursive: true });
  await page.setViewportSize({ width: 1366, height: 900 });
  // What people write here is English, so the English pages' check for Dutch words looks at the portal's words only.
  await signInAs('maker-nl@example.org');
  await visit(b, s.url, '/-/contact', 'exchanges-d-contact-user');
  await page.fill('#subject', 'Other cities?');
  await page.fill('#message', 'Will cities in Wallonia be added?');
  await follow(b, s.url, /\/-\/(contact|account\/requests)/, () => page.click('main form button[type=submit]'), 'exchanges-d-asked');
  await visit(b, s.url, '/datasets/cities/discussions', 'exchanges-d-discussions');
  await page.getByLabel('Titel').fill('Source of the figures?');
  await page.getByLabel('Bericht', { exact: true }).fill('Where do the **figures** come from?');
  await follow(b, s.url, /\/datasets\/cities\/discussions\/d_[^?]+\?done=posted$/, () => page.getByRole('button', { name: 'Discussie beginnen' }).click(), 'exchanges-d-thread');
  const thread = new URL(page.url()).pathname;
  await signInAs('maker-en@example.org');
  await visit(b, s.url, thread, 'exchanges-d-thread-other');
  const post = page.locator('article.post').first();
  await post.locator('summary').click();
  await post.getByLabel('Waarom meldt u dit bericht?').fill('Dubbel');
  await follow(b, s.url, /done=reported/, () => post.getByRole('button', { name: 'Melden' }).click(), 'exchanges-d-reported');

  const request = (await s.portal.requests.inbox({}))[0];
  const reuse = (await s.portal.reuses.listApproved())[0];
  const wish = (await s.portal.wishes.list(null))[0];
  const pages: { name: string; path: string; as: string | null }[] = [
    { name: 'contact', path: '/-/contact', as: null },
    { name: 'contact-dataset', path: '/-/contact?dataset=cities', as: null },
    { name: 'account-requests', path: '/-/account/requests', as: 'maker-nl@example.org' },
    { name: 'inbox', path: '/-/inbox', as: 'desk@example.org' },
    { name: 'inbox-request', path: `/-/inbox/${request.id}`, as: 'desk@example.org' },
    { name: 'discussions', path: '/datasets/cities/discussions', as: 'maker-en@example.org' },
    { name: 'discussion', path: thread, as: 'maker-en@example.org' },
    { name: 'moderation', path: '/-/moderation', as: 'desk@example.org' },
    { name: 'reuses', path: '/reuses', as: null },
    { name: 'reuse', path: `/reuses/${reuse.id}`, as: null },
    { name: 'reuse-submit', path: '/-/reuses/new?dataset=cities', as: 'maker-en@example.org' },
    { name: 'reuse-moderation', path: '/-/reuses/moderation', as: 'desk@example.org' },
    { name: 'data-requests', path: '/data-requests', as: 'maker-en@example.org' },
    { name: 'data-request', path: `/data-requests/${wish.id}`, as: 'desk@example.org' },
    { name: 'dataset', path: '/datasets/cities', as: null },
  ];
  for (const viewport of [{ width: 1366, height: 900 }, { width: 390, height: 844 }]) {
    await page.setViewportSize(viewport);
    for (const lang of ['nl', 'en'] as const) {
      for (const p of pages) {
        const name = `${p.name}-${lang}-${viewport.width}`;
        if (p.as) await signInAs(p.as);
        else await b.context.clearCookies();
        await visit(b, s.url, `${lang === 'en' ? '/en' : ''}${p.path}`, `exchanges-d-${name}`);
        await readable(page, { lang, width: viewport.width }, name);
        await page.screenshot({ path: `${shots}${name}.png`, fullPage: true });
      }
    }
  }
});
