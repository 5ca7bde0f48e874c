// The privacy statement's public pages: the current version, the history of versions, an old version, the changes.
import type { PublishedStatement } from '../../privacy/statement/service.ts';
import type { StatementSection } from '../../privacy/statement/text.ts';
import { Sections } from './privacy-sections.tsx';
import type { PageContext } from '../context.ts';
import { formatDate } from '../../i18n/index.ts';
import type { Html } from '../../html/jsx-runtime.ts';
import { Layout } from '../layout.tsx';

const published = (ctx: PageContext, s: PublishedStatement) => ctx.t.privacy.version(s.version, formatDate(ctx.lang, s.publishedAt, ctx.config.timezone));

export function privacyPage(ctx: PageContext, statement: PublishedStatement): Html {
  const t = ctx.t.privacy;
  return (
    <Layout ctx={ctx} page={{ title: t.statement, jsonTwin: ctx.link('/-/privacy.json') }}>
      <h1>{t.statement}</h1>
      <p class="meta">{published(ctx, statement)}</p>
      <p><a href={ctx.link('/-/privacy.pdf')} type="application/pdf">{t.pdf}</a> · <a href={ctx.link('/-/privacy/versions')}>{t.history}</a></p>
      <p><a href={ctx.link('/-/privacy/request')}>{t.requestLink}</a></p>
      <Sections ctx={ctx} sections={statement.text[ctx.lang]} request />
    </Layout>
  );
}

export function privacyVersionPage(ctx: PageContext, statement: PublishedStatement, current: number): Html {
  const t = ctx.t.privacy;
  const title = t.versionTitle(statement.version);
  return (
    <Layout ctx={ctx} page={{ title, noindex: true, jsonTwin: ctx.link(`/-/privacy/versions/${statement.number}.json`) }}>
      <h1>{title}</h1>
      <p class="meta">{published(ctx, statement)}</p>
      {statement.number !== current && (
        <div class="notice" role="note"><p>{t.oldVersion} <a href={ctx.link('/-/privacy')}>{t.readCurrent}</a> · <a href={ctx.link(`/-/privacy/changes?from=${statement.number}`)}>{t.changes}</a></p></div>
      )}
      <Sections ctx={ctx} sections={statement.text[ctx.lang]} />
    </Layout>
  );
}

export function privacyVersionsPage(ctx: PageContext, versions: { number: number; publishedAt: string }[]): Html {
  const t = ctx.t.privacy;
  const current = versions[0]?.number;
  return (
    <Layout ctx={ctx} page={{ title: t.versions, jsonTwin: ctx.link('/-/privacy/versions.json') }}>
      <h1>{t.versions}</h1>
      <p>{t.versionsIntro}</p>
      <ol reversed>
        {versions.map((v) => (
          <li>
            <a href={ctx.link(`/-/privacy/versions/${v.number}`)}>{t.versionTitle(String(v.number))}</a>
            {' — '}{t.published} <time datetime={v.publishedAt}>{formatDate(ctx.lang, v.publishedAt, ctx.config.timezone)}</time>
            {v.number === current ? ` (${t.current})` : ''}
          </li>
        ))}
      </ol>
    </Layout>
  );
}

/** The sections of `to` that are new or differ from `from`: what a person who read `from` must read again. */
function changedSections(from: StatementSection[], to: StatementSection[]): StatementSection[] {
  const key = (s: StatementSection) => JSON.stringify(s);
  const before = new Set(from.map(key));
  return to.filter((s) => !before.has(key(s)));
}

export function privacyChangesPage(ctx: PageContext, from: PublishedStatement, to: PublishedStatement): Html {
  const t = ctx.t.privacy;
  const title = t.changesTitle(from.version, to.version);
  const changed = changedSections(from.text[ctx.lang], to.text[ctx.lang]);
  return (
    <Layout ctx={ctx} page={{ title, noindex: true }}>
      <h1>{title}</h1>
      <p>{changed.length ? t.changesIntro : t.noChanges}</p>
      <Sections ctx={ctx} sections={changed} />
      <p><a href={ctx.link('/-/privacy')}>{t.readCurrent}</a></p>
    </Layout>
  );
}
