// The API tab's console in the browser: the link and snippets follow the inputs as you type, and a run fetches the JSON in place.
import { localeOf } from '../../i18n/languages.ts';
import { pluralForm } from '../../i18n/plural.ts';
import { consoleUrl, snippets, type Snippets } from './console.lib.ts';

const form = document.querySelector<HTMLFormElement>('form.console');
const urlCode = document.getElementById('console-url');
const openLink = document.getElementById('console-open') as HTMLAnchorElement | null;
const result = document.getElementById('console-result');
const status = document.getElementById('console-status');

if (form && urlCode && openLink && result && status) {
  const text = form.dataset;
  const numbers = new Intl.NumberFormat(localeOf(text.lang ?? ''));

  /** The filled-in inputs in form order (empty ones are left out of the link, as on the server). */
  const inputs = (): [string, string][] =>
    [...new FormData(form)].filter((pair): pair is [string, string] => typeof pair[1] === 'string' && pair[1].trim() !== '');

  const apiUrl = () => consoleUrl(text.records ?? '', [...inputs(), ['lang', text.lang ?? '']]);

  const update = () => {
    const url = apiUrl();
    urlCode.textContent = url;
    openLink.href = url;
    const code = snippets(`${text.origin ?? ''}${url}`);
    for (const element of document.querySelectorAll<HTMLElement>('[data-snippet]')) {
      element.textContent = code[element.dataset.snippet as keyof Snippets] ?? '';
    }
    const page = new URL(form.action, location.href);
    for (const [key, value] of inputs()) page.searchParams.append(key, value);
    history.replaceState(null, '', page);
  };

  const paragraph = (content: string, className?: string) => {
    const p = document.createElement('p');
    p.textContent = content;
    if (className) p.className = className;
    return p;
  };

  const showError = (message: string) => {
    const box = document.createElement('div');
    box.className = 'notice notice-error';
    box.setAttribute('role', 'alert');
    box.append(paragraph(text.errorTitle ?? '', 'notice-title'), paragraph(message, 'odsql-message'));
    status.replaceChildren(box);
  };

  /**
   * The API answers in its own English; the page says the same error in its language, with the clause, the character
   * and a caret: take that part of the page for this query (its URL is the one update() put in the address bar).
   */
  const pageError = async (): Promise<Element | null> => {
    const response = await fetch(location.href, { headers: { Accept: 'text/html' } });
    const html = new DOMParser().parseFromString(await response.text(), 'text/html');
    return html.querySelector('#console-status .notice-error');
  };

  let latest = 0;
  const run = async () => {
    const ticket = ++latest;
    status.replaceChildren(paragraph(text.loading ?? ''));
    try {
      const response = await fetch(apiUrl(), { headers: { Accept: 'application/json' } });
      const body = await response.json();
      if (ticket !== latest) return;
      result.textContent = JSON.stringify(body, null, 2);
      if (!response.ok) {
        const said = await pageError().catch(() => null);
        if (ticket !== latest) return;
        return said ? status.replaceChildren(document.importNode(said, true)) : showError(String(body.message ?? response.status));
      }
      const form = pluralForm(text.lang ?? '', body.total_count ?? 0) === 'one' ? text.countOne : text.count;
      const count = (form ?? text.count ?? '').replace('{total}', numbers.format(body.total_count ?? 0)).replace('{shown}', numbers.format(body.results?.length ?? 0));
      status.replaceChildren(paragraph(count, 'result-count'));
    } catch {
      if (ticket === latest) showError(text.fetchFailed ?? '');
    }
  };

  form.addEventListener('input', update);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    update();
    void run();
  });

  // Copying needs a script, so the buttons exist only where one runs.
  for (const pre of document.querySelectorAll<HTMLElement>('.snippet pre, .console-url')) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary copy';
    button.textContent = text.copy ?? 'Copy';
    button.setAttribute('aria-describedby', pre.getAttribute('aria-labelledby') ?? 'console-url-heading');
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(pre.textContent ?? '');
        button.textContent = text.copied ?? 'Copied';
        setTimeout(() => (button.textContent = text.copy ?? 'Copy'), 2000);
      } catch {
        // Without clipboard access (a page not served over HTTPS), select the text so it can be copied by hand.
        getSelection()?.selectAllChildren(pre);
      }
    });
    pre.after(button);
  }
}
