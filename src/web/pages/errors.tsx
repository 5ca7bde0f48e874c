// Pages for what went wrong: not found (a real 404), a request the page cannot use, an internal error with its request id.
import type { PageContext } from '../context.ts';
import type { Html } from '../../html/jsx-runtime.ts';
import { formatDate, formatTime } from '../../i18n/index.ts';
import { Layout } from '../layout.tsx';
import { SearchForm } from './catalog.tsx';

export function notFoundPage(ctx: PageContext, message?: string): Html {
  const t = ctx.t.errors;
  return (
    // No statement notice on a 404: it would echo the path back, and a missing page and a hidden one must read the same.
    <Layout ctx={{ ...ctx, statementNotice: null }} page={{ title: t.notFoundTitle, noindex: true }}>
      <h1>{t.notFoundTitle}</h1>
      {message && <p>{message}</p>}
      <p>{t.notFoundText}</p>
      <SearchForm ctx={ctx} q="" />
      <p><a href={ctx.link('/datasets')}>{t.backToCatalog}</a></p>
    </Layout>
  );
}

export function badRequestPage(ctx: PageContext, message: string): Html {
  const t = ctx.t.errors;
  return (
    <Layout ctx={ctx} page={{ title: t.badFilterTitle, noindex: true }}>
      <h1>{t.badFilterTitle}</h1>
      <p role="alert">{t.badFilter(message)}</p>
      <p><a href={ctx.link('/datasets')}>{t.backToCatalog}</a></p>
    </Layout>
  );
}

/** The visitor's daily budget of dataset pages is spent (429): until when, and where to go for more. */
export function pageBudgetPage(ctx: PageContext, quota: { limit: number; resetAt: Date }): Html {
  const t = ctx.t.errors;
  return (
    <Layout ctx={ctx} page={{ title: t.pageBudgetTitle, noindex: true }}>
      <h1>{t.pageBudgetTitle}</h1>
      <p role="alert">{t.pageBudgetText(quota.limit, `${formatDate(ctx.lang, quota.resetAt.toISOString(), ctx.config.timezone)} ${formatTime(ctx.lang, quota.resetAt.toISOString(), ctx.config.timezone)}`)}</p>
      <p><a href={ctx.link('/datasets')}>{t.backToCatalog}</a></p>
    </Layout>
  );
}

export function serverErrorPage(ctx: PageContext, requestId: string): Html {
  const t = ctx.t.errors;
  return (
    <Layout ctx={ctx} page={{ title: t.serverErrorTitle, noindex: true }}>
      <h1>{t.serverErrorTitle}</h1>
      <p>{t.serverErrorText} <code>{requestId}</code></p>
    </Layout>
  );
}
