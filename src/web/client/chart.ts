/// <reference lib="dom" />
// The chart form without reloads: on each choice, fetch the page for the new URL and swap the chart in, keeping focus.
const app = () => document.getElementById('chart-app');
const status = document.querySelector<HTMLElement>('[data-chart-status]');
let pending: AbortController | null = null;

async function show(url: string, push: boolean): Promise<void> {
  pending?.abort();
  pending = new AbortController();
  const focused = document.activeElement?.id;
  const response = await fetch(drawnFor(url), { signal: pending.signal, headers: { Accept: 'text/html' } });
  const page = new DOMParser().parseFromString(await response.text(), 'text/html');
  const next = page.getElementById('chart-app');
  const current = app();
  if (!next || !current) {
    location.assign(url);
    return;
  }
  current.replaceWith(document.importNode(next, true));
  document.title = page.title;
  // The JSON twin and the other language follow the chart: in the head, the footer and the header.
  const twinOf = (d: Document) => d.querySelector('link[rel="alternate"][type="application/json"]')?.getAttribute('href') ?? '';
  const [before, after] = [twinOf(document), twinOf(page)];
  for (const element of document.querySelectorAll(`link[rel="alternate"][type="application/json"], a[href="${CSS.escape(before)}"]`)) {
    element.setAttribute('href', after);
  }
  const language = page.querySelector('a[hreflang]');
  if (language) document.querySelector('a[hreflang]')?.setAttribute('href', language.getAttribute('href') ?? '');
  if (push) history.pushState(null, '', url);
  setUp();
  if (focused) document.getElementById(focused)?.focus();
  if (status) status.textContent = document.querySelector<HTMLElement>('[data-chart-announce]')?.dataset.chartAnnounce ?? '';
}

/**
 * A phone gets the chart drawn for its width (`layout=narrow`, asked for by the script only, never in the address):
 * the wide drawing, scaled down, would write its text at 8 px. Without the script the wide one scrolls sideways.
 */
const narrowScreen = matchMedia('(max-width: 40rem)');
function drawnFor(url: string): string {
  const target = new URL(url, location.href);
  if (narrowScreen.matches) target.searchParams.set('layout', 'narrow');
  else target.searchParams.delete('layout');
  return target.href;
}

async function fitWidth(): Promise<void> {
  const shown = document.querySelector('#chart-app .chart-scroll svg');
  if (!shown || shown.classList.contains('chart-narrow') === narrowScreen.matches) return;
  const response = await fetch(drawnFor(location.href), { headers: { Accept: 'text/html' } });
  const next = new DOMParser().parseFromString(await response.text(), 'text/html').querySelector('#chart-app .chart-scroll svg');
  // Only if the page still shows the chart asked for: a choice made meanwhile brought its own.
  if (next && shown.isConnected) shown.replaceWith(document.importNode(next, true));
}
narrowScreen.addEventListener('change', () => void fitWidth().catch(() => undefined));

function setUp(): void {
  const form = document.querySelector<HTMLFormElement>('[data-chart-form]');
  if (!form) return;
  form.querySelector<HTMLElement>('[data-chart-hint]')?.removeAttribute('hidden');
  form.addEventListener('change', () => {
    const query = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (typeof value === 'string' && value !== '') query.append(key, value);
    const url = `${form.action}?${query}`;
    show(url, true).catch((error: unknown) => {
      if ((error as Error).name !== 'AbortError') location.assign(url);
    });
  });
}

addEventListener('popstate', () => location.reload());
setUp();
void fitWidth().catch(() => undefined); // the wide drawing stays, scrolling sideways
