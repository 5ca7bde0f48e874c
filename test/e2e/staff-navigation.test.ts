// Finding the tools in real Chromium, on a desktop and a phone, in Dutch and English: a visitor, an editor, a DPO and an
// administrator each see their own links in the header and can follow them; an editor goes from a dataset's page to it
// in the back office; "API" opens the page for people; /favicon.ico is an image the browser can draw.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { seedDemo } from '../../src/demo/seed.ts';
import type { Role } from '../../src/accounts/types.ts';
import { startServer, type ServerHarness } from '../helpers/server.ts';
import { signedIn } from '../helpers/staff.ts';
import { checkPage, clickHeaderLink, openBrowser, openMenu, type BrowserHarness } from './browser.ts';

let s: ServerHarness;
let b: BrowserHarness;
before(async () => {
  s = await startServer();
  await seedDemo(s.portal);
  b = await openBrowser();
});
after(async () => {
  await b?.close();
  await s?.close();
});

const viewports = [{ width: 1366, height: 900 }, { width: 390, height: 844 }] as const;
const languages = [
  { lang: 'nl', prefix: '', tools: { backoffice: 'Datasets beheren', office: 'Privacykantoor', admin: 'Beheer' }, edit: 'Bewerken', api: 'De API van dit portaal' },
  { lang: 'en', prefix: '/en', tools: { backoffice: 'Manage datasets', office: 'Privacy office', admin: 'Administration' }, edit: 'Edit', api: 'The API of this portal' },
] as const;
type Tool = keyof (typeof languages)[number]['tools'];
const toolPaths: Record<Tool, string> = { backoffice: '/-/admin/datasets', office: '/-/privacy-office', admin: '/-/admin' };
/** Each role's tools, as src/accounts/permissions.ts opens them (the DPO reads the audit log in the administration). */
const people: { role: Role | 'visitor'; tools: Tool[] }[] = [
  { role: 'visitor', tools: [] },
  { role: 'editor', tools: ['backoffice'] },
  { role: 'dpo', tools: ['office', 'admin'] },
  { role: 'admin', tools: ['backoffice', 'office', 'admin'] },
];
const dataset = 'werkzoekenden-per-gemeente';

async function signInAs(role: Role | 'visitor'): Promise<void> {
  await b.context.clearCookies();
  if (role === 'visitor') return;
  const staff = await signedIn(s, role);
  await b.context.addCookies([{ name: 'opaal_session', value: staff.cookie!.split('=')[1], url: s.url }]);
}

const header = () => b.page.locator('header.site-header');
const headerLink = (name: string) => header().getByRole('link', { name, exact: true });

/** The link is on screen, inside the viewport's width, and the page does not scroll sideways. */
async function reachable(name: string, width: number): Promise<void> {
  await openMenu(b.page);
  const link = headerLink(name);
  assert.ok(await link.isVisible(), `${name} is visible at ${width} px`);
  const box = (await link.boundingBox())!;
  assert.ok(box.x >= 0 && box.x + box.width <= width, `${name} lies within ${width} px (${box.x}+${box.width})`);
  assert.ok(box.height >= 24, `${name} is tall enough to tap (${box.height} px)`);
  const scrollWidth = await b.page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scrollWidth <= width, `the page does not scroll sideways at ${width} px (${scrollWidth})`);
}

for (const person of people) {
  test(`${person.role}: the header shows the right tools at 1366 and 390 px, in Dutch and English, and each opens`, async () => {
    await signInAs(person.role);
    const page = b.page;
    for (const viewport of viewports) {
      await page.setViewportSize(viewport);
      for (const l of languages) {
        const name = `nav-${person.role}-${l.lang}-${viewport.width}`;
        await page.goto(`${s.url}${l.prefix}/datasets`);
        await openMenu(page);
        for (const tool of Object.keys(toolPaths) as Tool[]) {
          assert.equal(await headerLink(l.tools[tool]).count(), person.tools.includes(tool) ? 1 : 0, `${name}: ${tool}`);
        }
        for (const tool of person.tools) await reachable(l.tools[tool], viewport.width);
        await reachable('API', viewport.width);
        await checkPage(b, s.url, name);
        for (const tool of person.tools) {
          await page.goto(`${s.url}${l.prefix}/datasets`);
          await Promise.all([page.waitForURL(`${s.url}${l.prefix}${toolPaths[tool]}`), clickHeaderLink(page, l.tools[tool])]);
          await openMenu(page);
          assert.equal(await headerLink(l.tools[tool]).getAttribute('aria-current'), 'page', `${name}: ${tool} is marked as the current page`);
          await checkPage(b, s.url, `${name}-${tool}`, { screenshot: viewport.width < 1000 });
        }
      }
    }
  });
}

test('the DPO reaches every part of the privacy office from its home page, on a phone, in both languages', async () => {
  const page = b.page;
  await signInAs('dpo');
  await page.setViewportSize(viewports[1]);
  for (const l of languages) {
    for (const part of ['cases', 'register', 'recipients', 'breaches', 'holds']) {
      await page.goto(`${s.url}${l.prefix}/-/privacy-office`);
      const link = page.locator(`main > ul a[href="${l.prefix}/-/privacy-office/${part}"]`);
      await Promise.all([page.waitForURL(`${s.url}${l.prefix}/-/privacy-office/${part}`), link.click()]);
      // Each part keeps the office's tabs, its own marked, and the header still marks the office.
      assert.equal(await page.locator(`nav.tabs a[href="${l.prefix}/-/privacy-office/${part}"]`).getAttribute('aria-current'), 'page');
      await openMenu(page);
      assert.equal(await headerLink(l.tools.office).getAttribute('aria-current'), 'page');
      await checkPage(b, s.url, `office-${l.lang}-390-${part}`);
    }
  }
});

test('an editor goes from a dataset page to that dataset in the back office, in both languages; a visitor sees no Edit', async () => {
  const page = b.page;
  await page.setViewportSize(viewports[0]);
  await signInAs('editor');
  for (const l of languages) {
    await page.goto(`${s.url}${l.prefix}/datasets/${dataset}/table`);
    const edit = page.locator('main').getByRole('link', { name: l.edit });
    assert.equal(await edit.count(), 1);
    await checkPage(b, s.url, `edit-${l.lang}-dataset`);
    await Promise.all([page.waitForURL(`${s.url}${l.prefix}/-/admin/datasets/${dataset}`), edit.click()]);
    assert.match((await page.textContent('h1')) ?? '', /werkzoekenden|jobseekers/i);
    await checkPage(b, s.url, `edit-${l.lang}-backoffice`);
  }
  await signInAs('visitor');
  await page.goto(`${s.url}/datasets/${dataset}`);
  assert.equal(await page.locator('main').getByRole('link', { name: 'Bewerken' }).count(), 0);
  assert.equal(await page.locator(`a[href*="/-/admin/"]`).count(), 0);
});

test('"API" in the header opens the page for people in both languages, on a desktop and a phone', async () => {
  const page = b.page;
  await signInAs('visitor');
  for (const viewport of viewports) {
    await page.setViewportSize(viewport);
    for (const l of languages) {
      await page.goto(`${s.url}${l.prefix}/datasets/${dataset}`);
      await Promise.all([page.waitForURL(`${s.url}${l.prefix}/-/api`), clickHeaderLink(page, 'API')]);
      assert.equal(await page.textContent('h1'), l.api);
      assert.equal(await page.getAttribute('html', 'lang'), l.lang);
      assert.ok(await page.locator('a[href="/api/explore/v2.1/swagger.json"]').isVisible());
      assert.ok(await page.locator('a[href="/api/opaal/v1/openapi.json"]').isVisible());
      assert.ok(await page.locator(`a[href="${l.prefix}/-/account#api-keys"]`).isVisible());
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(scrollWidth <= viewport.width, `the API page does not scroll sideways at ${viewport.width} px (${scrollWidth})`);
      await checkPage(b, s.url, `api-${l.lang}-${viewport.width}`);
    }
  }
});

test('/favicon.ico answers 200 with an image the browser draws', async () => {
  const page = b.page;
  const response = await page.goto(`${s.url}/favicon.ico`);
  assert.equal(response?.status(), 200);
  assert.match(response?.headers()['content-type'] ?? '', /^image\//);
  await page.goto(`${s.url}/`);
  const width = await page.evaluate(async () => {
    const image = new Image();
    image.src = '/favicon.ico';
    await image.decode();
    return image.naturalWidth;
  });
  assert.equal(width, 32);
});
