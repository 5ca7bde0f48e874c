// Search as you type on the catalog page: the server renders the results, this swaps them in and keeps the URL in step.

const form = document.querySelector<HTMLFormElement>('form.search');
const input = document.querySelector<HTMLInputElement>('form.search input[name="q"]');
const results = () => document.querySelector<HTMLElement>('.with-sidebar');

let timer: ReturnType<typeof setTimeout> | undefined;
let latest = 0;

async function refresh(): Promise<void> {
  if (!form || !input) return;
  const url = new URL(form.action, location.href);
  for (const [key, value] of new FormData(form)) if (typeof value === 'string' && value !== '' && key !== 'page') url.searchParams.append(key, value);
  const ticket = ++latest;
  const response = await fetch(url, { headers: { Accept: 'text/html' } });
  if (!response.ok || ticket !== latest) return;
  const next = new DOMParser().parseFromString(await response.text(), 'text/html').querySelector('.with-sidebar');
  const current = results();
  if (!next || !current) return;
  current.replaceWith(document.adoptNode(next));
  history.replaceState(null, '', url.pathname + url.search);
}

input?.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(() => void refresh().catch(() => undefined), 250);
});
