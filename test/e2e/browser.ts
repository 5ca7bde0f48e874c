// Browser test support: Debian's Chromium driven by playwright-core, axe-core checks, and a log of every request a page makes.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const screenshots = new URL('./screenshots/', import.meta.url).pathname;

export interface BrowserHarness {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Every URL the pages asked for, in order. */
  requests: string[];
  /** Closes the browser, failing when any page it loaded carried an id twice (or, when asked, went unchecked). */
  close(): Promise<void>;
  /** Each document the harness's page loaded, and whether `checkPage` has looked at it since. */
  loads: { url: string; checked: boolean }[];
  /** Resolves once no request of any page is still under way. */
  drained(): Promise<void>;
  /** Another context of the same browser (scripts off, another size or language) whose pages get the same duplicate-id watch. */
  newContext(options?: Parameters<Browser['newContext']>[0]): Promise<BrowserContext>;
}

/**
 * The ids that occur more than once in the page, each with its count. axe checks duplicate ids only among
 * labelled controls in one form; a label in one form can still point at a field in another, so every id counts.
 */
export async function duplicateIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const counts = new Map<string, number>();
    for (const element of (globalThis as any).document.querySelectorAll('[id]')) counts.set(element.id, (counts.get(element.id) ?? 0) + 1);
    return [...counts].filter(([, n]) => n > 1).map(([id, n]) => `#${id} ×${n}`);
  });
}

/**
 * A Chromium with one context and page. With `everyPageChecked`, closing also fails when a document the page loaded
 * was never given `checkPage` (axe, other hosts, screenshot): a journey cannot forget a page it passed through.
 */
export async function openBrowser(options: { everyPageChecked?: boolean } = {}): Promise<BrowserHarness> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-BE' });
  const requests: string[] = [];
  let pending = 0;
  const idle: (() => void)[] = [];
  const finished = () => {
    pending--;
    if (pending === 0) for (const resolve of idle.splice(0)) resolve();
  };
  context.on('request', (request) => {
    requests.push(request.url());
    pending++;
  });
  context.on('requestfinished', finished);
  context.on('requestfailed', finished);
  const drained = () => (pending <= 0 ? Promise.resolve() : new Promise<void>((resolve) => idle.push(resolve)));
  const page = await context.newPage();
  // Every page any test loads is looked at for duplicate ids, whether or not the test checks it further.
  const duplicates: string[] = [];
  context.on('page', (opened) => watchIds(opened, duplicates));
  watchIds(page, duplicates);
  const loads: BrowserHarness['loads'] = [];
  page.on('load', () => loads.push({ url: page.url(), checked: false }));
  const close = async () => {
    await browser.close();
    assert.deepEqual(duplicates, [], 'pages with an id used more than once');
    if (options.everyPageChecked) assert.deepEqual(loads.filter((l) => !l.checked).map((l) => l.url), [], 'pages loaded but never checked');
  };
  const newContext = async (contextOptions: Parameters<Browser['newContext']>[0] = {}) => {
    const other = await browser.newContext(contextOptions);
    other.on('page', (opened) => watchIds(opened, duplicates));
    return other;
  };
  return { browser, context, page, requests, close, loads, drained, newContext };
}

function watchIds(page: Page, duplicates: string[]): void {
  page.on('load', () => {
    const url = page.url();
    // A page navigating on has no document left to look at; only what the loaded page holds counts.
    duplicateIds(page).then(
      (ids) => ids.length > 0 && duplicates.push(`${url}: ${ids.join(', ')}`),
      () => undefined,
    );
  });
}

/** Requests that went to any host but the portal's own (data: and blob: URLs stay in the page). */
export function foreignRequests(requests: string[], origin: string): string[] {
  return requests.filter((url) => !url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core's WCAG 2.1 A/AA rules on the page as it is now, plus any id used twice (reported as `duplicate-id-page`);
 * evaluated through the debugger, so the page's CSP stays on.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const duplicates = await duplicateIds(page);
  const own: AxeViolation[] = duplicates.length === 0 ? [] : [{ id: 'duplicate-id-page', impact: 'serious', help: 'every id occurs once in the page', nodes: duplicates.map((d) => ({ target: [d] })) }];
  await page.evaluate(axeSource);
  return own.concat(await page.evaluate(async () => {
    // any: this runs in the page, where axe is a global the evaluated source defined
    const axe = (globalThis as any).axe;
    const result = await axe.run((globalThis as any).document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations.map((v: any) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n: any) => ({ target: n.target })) }));
  }));
}

export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`).join('\n');
}

/** Saves a screenshot under test/e2e/screenshots/ (git-ignored) for a person to review. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: `${screenshots}${name}.png`, fullPage: true });
}

/**
 * The checks every page of a browser walk gets, once the network is quiet: no axe violation, nothing asked of a host
 * but the portal's own, and (unless told otherwise) a screenshot for a person to review.
 */
export async function checkPage(b: BrowserHarness, origin: string, name: string, options: { screenshot?: boolean; settled?: boolean } = {}): Promise<void> {
  // A journey's pages are loaded and their requests done (`settled`); other walks wait for the network to stay quiet.
  if (options.settled) await b.drained();
  else await b.page.waitForLoadState('networkidle');
  const violations = await axeViolations(b.page);
  assert.equal(violations.length, 0, `${name}: ${describeViolations(violations)}`);
  assert.deepEqual(foreignRequests(b.requests, origin), [], `${name} asked another host`);
  if (options.screenshot !== false) await screenshot(b.page, name);
  for (const load of b.loads) if (load.url === b.page.url()) load.checked = true;
}

/** Opens a path of the portal, expects its status, and gives the page every check (see `checkPage`). */
export async function visit(b: BrowserHarness, origin: string, path: string, name: string, options: { status?: number } = {}): Promise<void> {
  const response = await b.page.goto(new URL(path, origin).href);
  assert.equal(response?.status(), options.status ?? 200, `${name}: ${path}`);
  await checkPage(b, origin, name, { settled: true });
}

/**
 * Does what a person does (a click, a submit), waits for the next page to load (even at the same address, as a form
 * answering in place does), expects it at `url`, and gives it every check.
 */
export async function follow(b: BrowserHarness, origin: string, url: string | RegExp, act: () => Promise<unknown>, name: string): Promise<void> {
  await Promise.all([b.page.waitForEvent('load'), act()]);
  const at = b.page.url();
  if (typeof url === 'string') assert.equal(at, new URL(url, origin).href, name);
  else assert.match(at, url, name);
  await checkPage(b, origin, name, { settled: true });
}

/** The two screens every journey is walked on: a laptop and a phone. */
export const viewports = [{ width: 1366, height: 900 }, { width: 390, height: 844 }] as const;

/** On a phone the table's facets wait behind the "Filters" button (a disclosure): open it, as a person would, when it is shut. */
export async function openFilters(page: Page): Promise<void> {
  const toggle = page.locator('details.filters-toggle').first();
  if ((await toggle.count()) === 0 || (await toggle.getAttribute('open')) !== null) return;
  const summary = toggle.locator('> summary');
  if (await summary.isVisible()) await summary.click();
}

/** The page does not scroll sideways at this width: nothing sticks out past the screen. */
async function noSidewaysScroll(page: Page, width: number, name: string): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scrollWidth <= width, `${name}: the page scrolls sideways at ${width} px (${scrollWidth} px wide)`);
}

// Common Dutch words that no English sentence uses; data values (a dataset's rows and field names) are not looked at.
const dutchWords = /\b(de|het|een|van|uw|voor|niet|naar|zoeken|toon|alle|gegevens|bekijk|verzoek|wijzigen|opslaan|verwijderen|aanmelden|afmelden|beheren|terug|volgende|vorige|pagina|bevestigen|versturen)\b/i;

/**
 * An English page speaks English where the portal itself speaks: headings, labels, buttons, links, the header and the
 * footer. Table cells and facet values are data and keep the language they were published in.
 */
async function englishOnly(page: Page, name: string): Promise<void> {
  const texts = await page.evaluate(() => {
    const skip = 'table.records, .record-facets .facet-value, .facet-all, pre, code, [lang]:not(html)';
    return [...document.querySelectorAll('header, footer, h1, h2, h3, h4, label, button, legend, nav a, main p, main li, th')]
      .filter((element) => !element.closest(skip))
      .map((element) => (element as HTMLElement).innerText.trim())
      .filter((text) => text.length > 0);
  });
  const dutch = texts.filter((text) => dutchWords.test(text));
  assert.deepEqual(dutch, [], `${name}: Dutch words on an English page`);
}

/** A destructive action's button looks it: the danger class, and red (in its text or its fill) on screen. */
export async function looksDestructive(button: Locator, name: string): Promise<void> {
  assert.match((await button.getAttribute('class')) ?? '', /\bdanger\b/, `${name}: the button is marked as dangerous`);
  const colours = await button.evaluate((element) => [getComputedStyle(element).color, getComputedStyle(element).backgroundColor]);
  const red = colours.some((colour) => {
    const [r, g, bl] = (colour.match(/\d+/g) ?? []).map(Number);
    return r > 120 && r > 2 * g && r > 2 * bl;
  });
  assert.ok(red, `${name}: the button is red (${colours.join(', ')})`);
}

/**
 * Every kind of field on the page looks alike (issue 15, point 11): text, e-mail, password, number, date, file inputs,
 * selects and text areas share their border, corners, padding, type and fill. Check boxes and radio buttons are not fields.
 */
async function sameFieldStyles(page: Page, name: string): Promise<void> {
  const looks = await page.evaluate(() => {
    const fields = [...document.querySelectorAll('input, select, textarea')].filter((field) => {
      const type = field.getAttribute('type') ?? '';
      return !['hidden', 'checkbox', 'radio', 'submit', 'button', 'reset', 'image', 'range', 'color'].includes(type) && (field as HTMLElement).offsetParent !== null;
    });
    return fields.map((field) => {
      const style = getComputedStyle(field);
      const look = [style.borderTopWidth, style.borderTopStyle, style.borderTopColor, style.borderTopLeftRadius, style.paddingLeft, style.fontFamily, style.fontSize, style.backgroundColor].join(' ');
      return { field: `${field.tagName.toLowerCase()}${field.getAttribute('type') ? `[type=${field.getAttribute('type')}]` : ''}#${field.id}`, look };
    });
  });
  const kinds = new Map<string, string[]>();
  for (const { field, look } of looks) kinds.set(look, [...(kinds.get(look) ?? []), field]);
  assert.ok(kinds.size <= 1, `${name}: fields styled differently: ${[...kinds].map(([look, fields]) => `${fields.join(', ')} → ${look}`).join(' | ')}`);
}

/** What every page of a journey must also be: in the walk's language (English words on English pages), no wider than the screen, its fields alike. */
export async function readable(page: Page, walk: { lang: 'nl' | 'en'; width: number }, name: string): Promise<void> {
  assert.equal(await page.getAttribute('html', 'lang'), walk.lang, `${name}: the page's language`);
  if (walk.lang === 'en') await englishOnly(page, name);
  await noSidewaysScroll(page, walk.width, name);
  await sameFieldStyles(page, name);
}

/** On a phone the header's links wait behind "Menu" (a disclosure): open it, as a person would, when it is shut. */
export async function openMenu(page: Page): Promise<void> {
  const menu = page.locator('header.site-header details.site-menu');
  if ((await menu.count()) === 0 || (await menu.getAttribute('open')) !== null) return;
  const summary = menu.locator('> summary');
  if (await summary.isVisible()) await summary.click();
}

/** Follows a link of the header by its name, opening the phone's menu first when it is shut. */
export async function clickHeaderLink(page: Page, name: string): Promise<void> {
  await openMenu(page);
  await page.locator('header.site-header').getByRole('link', { name, exact: true }).click();
}
