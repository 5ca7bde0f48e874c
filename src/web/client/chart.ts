/// <reference lib="dom" />
// The chart form without reloads: on each choice, fetch the page for the new URL and swap the chart in, keeping focus.
const app = () => document.getElementById('chart-app');
const status = document.querySelector<HTMLElement>('[data-chart-status]');
let pending: AbortController | null = null;

async function show(url: string, push: boolean): Promise<void> {
  pending?.abort();
  pending = new AbortController();
  const focused = document.activeElement?.id;
  const response = await fetch(url, { signal: pending.signal, headers: { Accept: 'text/html' } });
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
