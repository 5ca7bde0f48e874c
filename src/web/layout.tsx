// The frame of every page: head (title, canonical, languages, Open Graph, JSON twin), header, footer.
import { can, type Action } from '../accounts/permissions.ts';
import { languages, locales } from '../i18n/index.ts';
import type { PageContext } from './context.ts';
import { raw, type Child, type Html } from '../html/jsx-runtime.ts';

/**
 * The staff tools the header links, each with the actions that open it: a viewer who may take one sees its link
 * (the permission table decides, src/accounts/permissions.ts), so no header shows a tool that would refuse its viewer.
 */
const staffTools: { path: string; title: (ctx: PageContext) => string; actions: readonly Action[] }[] = [
  { path: '/-/admin/datasets', title: (ctx) => ctx.t.backoffice.title, actions: ['dataset.edit'] },
  { path: '/-/inbox', title: (ctx) => ctx.t.navigation.inbox, actions: ['requests.handle'] },
  { path: '/-/moderation', title: (ctx) => ctx.t.navigation.moderation, actions: ['dataset.publish'] },
  { path: '/-/privacy-office', title: (ctx) => ctx.t.privacy.office, actions: ['privacy.manage'] },
  { path: '/-/admin', title: (ctx) => ctx.t.admin.navigation, actions: ['users.manage', 'grants.manage', 'audit.read'] },
  { path: '/-/stats', title: (ctx) => ctx.t.stats.title, actions: ['stats.read'] },
];

/** The viewer's tools, the one the page belongs to marked (the longest path that holds it: the back office is not the administration). */
function StaffLinks(props: { ctx: PageContext }): Html {
  const { ctx } = props;
  const account = ctx.viewer?.account ?? null;
  const tools = staffTools.filter((tool) => tool.actions.some((action) => can(account, action)));
  const within = (path: string) => ctx.path === path || ctx.path.startsWith(`${path}/`);
  const current = staffTools.filter((tool) => within(tool.path)).sort((a, b) => b.path.length - a.path.length)[0];
  return (
    <>
      {tools.map((tool) => (
        <li><a href={ctx.link(tool.path)} aria-current={tool === current ? 'page' : undefined}>{tool.title(ctx)}</a></li>
      ))}
    </>
  );
}

export interface PageOptions {
  title: string;
  description?: string;
  /** Absolute API or `.json` URL that returns this page's data. */
  jsonTwin?: string;
  /** Whether the canonical URL keeps the query string (a filtered table is its own page; a paged catalog is not). */
  canonicalQuery?: boolean;
  /** Atom feeds about what the page shows (a dataset's versions, the catalog's news), for feed readers. */
  feeds?: { href: string; title: string }[];
  /** schema.org JSON-LD for the page, if any. */
  jsonLd?: unknown;
  /** Client modules under src/web/client/ this page needs. */
  scripts?: string[];
  styles?: string[];
  noindex?: boolean;
}

/** JSON inside a script element: `<` escaped so no text can close the element. */
export function scriptJson(value: unknown): Html {
  return raw(JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026'));
}

/** The banner of a changed privacy statement, with the button that records having read it. */
function StatementNotice(props: { ctx: PageContext }): Html {
  const { ctx } = props;
  const notice = ctx.statementNotice;
  if (!notice || !ctx.viewer) return <></>;
  const t = ctx.t.privacy;
  return (
    <div class="notice statement-notice" role="region" aria-label={t.notice}>
      <p>
        {t.notice} <a href={ctx.link('/-/privacy')}>{t.noticeRead}</a>
        {notice.since !== null && <> · <a href={ctx.link(`/-/privacy/changes?from=${notice.since}`)}>{t.noticeChanges}</a></>}
      </p>
      <form method="post" action={ctx.link('/-/privacy/acknowledge')}>
        <input type="hidden" name="_csrf" value={ctx.viewer.csrf} />
        <input type="hidden" name="version" value={String(notice.version)} />
        <input type="hidden" name="back" value={ctx.path + ctx.search} />
        <button type="submit">{t.acknowledge}</button>
      </form>
    </div>
  );
}

export function Layout(props: { ctx: PageContext; page: PageOptions; children?: Child }): Html {
  const { ctx, page } = props;
  const t = ctx.t.common;
  const base = ctx.config.baseUrl.replace(/\/$/, '');
  const canonical = base + ctx.link(ctx.path) + (page.canonicalQuery ? ctx.search : '');
  const other = languages.find((l) => l !== ctx.lang) ?? ctx.lang;
  const title = page.title === ctx.config.portalName ? page.title : `${page.title} — ${ctx.config.portalName}`;
  return (
    <>
      {raw('<!doctype html>')}
      <html lang={ctx.lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{title}</title>
          {page.description && <meta name="description" content={page.description.slice(0, 300)} />}
          {page.noindex && <meta name="robots" content="noindex" />}
          <link rel="canonical" href={canonical} />
          {languages.map((l) => (
            <link rel="alternate" hreflang={l} href={base + ctx.linkIn(l, ctx.path) + (page.canonicalQuery ? ctx.search : '')} />
          ))}
          {page.jsonTwin && <link rel="alternate" type="application/json" href={page.jsonTwin} />}
          {(page.feeds ?? []).map((feed) => <link rel="alternate" type="application/atom+xml" href={feed.href} title={feed.title} />)}
          <meta property="og:site_name" content={ctx.config.portalName} />
          <meta property="og:title" content={page.title} />
          <meta property="og:type" content="website" />
          <meta property="og:url" content={canonical} />
          <meta property="og:locale" content={locales[ctx.lang].replace('-', '_')} />
          {page.description && <meta property="og:description" content={page.description.slice(0, 300)} />}
          <link rel="icon" href="/favicon.ico" sizes="32x32" />
          <link rel="icon" type="image/svg+xml" href={ctx.assets.style('favicon.svg')} />
          <link rel="stylesheet" href={ctx.assets.style('portal.css')} />
          {(page.styles ?? []).map((s) => <link rel="stylesheet" href={ctx.assets.style(s)} />)}
          {page.jsonLd !== undefined && <script type="application/ld+json">{scriptJson(page.jsonLd)}</script>}
          {(page.scripts ?? []).map((s) => <script type="module" src={ctx.assets.script(s)}></script>)}
        </head>
        <body>
          <a class="skip-link" href="#main">{t.skipToContent}</a>
          <header class="site-header">
            <div class="wrap header-row">
              <a class="brand" href={ctx.link('/')}>{ctx.config.portalName}</a>
              <nav aria-label={t.mainNavigation}>
                {/* On a phone the links wait behind "Menu" (a disclosure, no script), so the data starts on the first screen; wider, they all show. */}
                <details class="site-menu">
                  <summary>{ctx.t.navigation.menu}</summary>
                  <ul class="nav">
                    <li><a href={ctx.link('/datasets')} aria-current={ctx.path.startsWith('/datasets') ? 'page' : undefined}>{t.datasets}</a></li>
                    <li><a href={ctx.link('/reuses')} aria-current={ctx.path.startsWith('/reuses') ? 'page' : undefined}>{ctx.t.navigation.reuses}</a></li>
                    <li><a href={ctx.link('/data-requests')} aria-current={ctx.path.startsWith('/data-requests') ? 'page' : undefined}>{ctx.t.navigation.dataRequests}</a></li>
                    <li><a href={ctx.link('/-/api')} aria-current={ctx.path === '/-/api' ? 'page' : undefined}>{t.api}</a></li>
                    {ctx.viewer ? (
                      <>
                        <StaffLinks ctx={ctx} />
                        <li><a href={ctx.link('/-/account')} aria-current={ctx.path.startsWith('/-/account') ? 'page' : undefined}>{ctx.t.account.myAccount}</a></li>
                        <li>
                          <form method="post" action={ctx.link('/-/account/logout')}>
                            <input type="hidden" name="_csrf" value={ctx.viewer.csrf} />
                            <button type="submit" class="link-button">{ctx.t.account.signOut}</button>
                          </form>
                        </li>
                      </>
                    ) : (
                      <li><a href={ctx.link('/-/account/login')} aria-current={ctx.path.startsWith('/-/account') ? 'page' : undefined}>{ctx.t.account.signIn}</a></li>
                    )}
                    <li>
                      <a href={ctx.linkIn(other, ctx.path) + ctx.search} hreflang={other}>
                        <span lang={other}>{t.otherLanguage}</span>
                        <span class="visually-hidden"> ({t.otherLanguageLabel})</span>
                      </a>
                    </li>
                  </ul>
                </details>
              </nav>
            </div>
          </header>
          <main id="main" class="wrap" tabindex="-1">
            <StatementNotice ctx={ctx} />
            {props.children}
          </main>
          <footer class="site-footer">
            <div class="wrap">
              <p>{t.footerAbout(ctx.config.publisherName)}</p>
              <ul class="footer-links">
                <li><a href={ctx.link('/-/contact')}>{ctx.t.navigation.contact}</a></li>
                <li><a href={ctx.link('/-/api')}>{t.footerApi}</a></li>
                <li><a href="/api/explore/v2.1/catalog/exports/dcat_ap_vl">{t.footerCatalog}</a></li>
                <li><a href={ctx.link('/-/privacy')}>{t.footerPrivacy}</a></li>
                <li><a href={ctx.link('/-/privacy/request')}>{t.footerRequest}</a></li>
                {page.jsonTwin && <li><a href={page.jsonTwin}>{t.jsonTwin}</a></li>}
              </ul>
            </div>
          </footer>
        </body>
      </html>
    </>
  );
}
