// Browser test support: Debian's Chromium driven by playwright-core, axe-core checks, and a log of every request a page makes.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const screenshots = new URL('./screenshots/', import.meta.url).pathname;

export interface BrowserHarness {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Every URL the pages asked for, in order. */
  requests: string[];
  /** Closes the browser, failing when any page it loaded carried an id twice. */
  close(): Promise<void>;
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

export async function openBrowser(): Promise<BrowserHarness> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-BE' });
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  const page = await context.newPage();
  // Every page any test loads is looked at for duplicate ids, whether or not the test checks it further.
  const duplicates: string[] = [];
  context.on('page', (opened) => watchIds(opened, duplicates));
  watchIds(page, duplicates);
  const close = async () => {
    await browser.close();
    assert.deepEqual(duplicates, [], 'pages with an id used more than once');
  };
  return { browser, context, page, requests, close };
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
    const result = await axe.run((globalThis as any).document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
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
export async function checkPage(b: BrowserHarness, origin: string, name: string, options: { screenshot?: boolean } = {}): Promise<void> {
  await b.page.waitForLoadState('networkidle');
  const violations = await axeViolations(b.page);
  assert.equal(violations.length, 0, `${name}: ${describeViolations(violations)}`);
  assert.deepEqual(foreignRequests(b.requests, origin), [], `${name} asked another host`);
  if (options.screenshot !== false) await screenshot(b.page, name);
}
