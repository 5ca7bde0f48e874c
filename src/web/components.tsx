// Small pieces that several pages share: highlighted text, paging, dataset cards, definition rows.
import type { Dataset } from '../catalog/types.ts';
import { localized } from '../explore/present.ts';
import type { PageContext } from './context.ts';
import { formatDate, formatNumber, plural } from '../i18n/index.ts';
import type { Child, Html } from '../html/jsx-runtime.ts';
import type { Highlighted } from './search.ts';

export function Highlight(props: { text: Highlighted }): Html {
  return <>{props.text.map((p) => (p.match ? <mark>{p.text}</mark> : p.text))}</>;
}

/** Previous / next and the page number; `href(n)` builds the link to page n; `note` follows the number (why paging stops). */
export function Pagination(props: { ctx: PageContext; page: number; pages: number; href: (page: number) => string; note?: Child }): Html {
  const { ctx, page, pages } = props;
  const t = ctx.t.common;
  if (pages <= 1) return <></>;
  return (
    <nav class="pagination" aria-label={t.pagination}>
      {page > 1 ? <a rel="prev" href={props.href(page - 1)}>{t.previous}</a> : <span aria-hidden="true"></span>}
      <span class="pagination-status">{t.page(formatNumber(ctx.lang, page), formatNumber(ctx.lang, pages))}{props.note !== undefined && <> {props.note}</>}</span>
      {page < pages ? <a rel="next" href={props.href(page + 1)}>{t.next}</a> : <span aria-hidden="true"></span>}
    </nav>
  );
}

export function DatasetCard(props: { ctx: PageContext; dataset: Dataset; heading?: 'h2' | 'h3'; title?: Html; children?: Child }): Html {
  const { ctx, dataset } = props;
  const title = localized(dataset.metadata.title, ctx.lang) ?? dataset.id;
  const Heading = props.heading ?? 'h3';
  return (
    <article class="card">
      <Heading>
        <a href={ctx.link(`/datasets/${dataset.id}`)}>{props.title ?? title}</a>
      </Heading>
      {props.children}
      <p class="meta">
        {plural(ctx.lang, dataset.recordsCount, ctx.t.common.records)} · {ctx.t.common.modified}{' '}
        <time datetime={dataset.modifiedAt}>{formatDate(ctx.lang, dataset.modifiedAt, ctx.config.timezone)}</time>
      </p>
    </article>
  );
}

/** A row of a description list, left out when there is nothing to say. */
export function Row(props: { term: string; children?: Child; show?: boolean }): Html {
  const empty = props.children === null || props.children === undefined || props.children === '' || (Array.isArray(props.children) && props.children.length === 0);
  if (props.show === false || empty) return <></>;
  return (
    <>
      <dt>{props.term}</dt>
      <dd>{props.children}</dd>
    </>
  );
}

/** A message box: `error` for what the visitor must fix, `info` otherwise. */
export function Notice(props: { kind: 'error' | 'info'; title?: string; children?: Child }): Html {
  return (
    <div class={`notice notice-${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      {props.title && <p class="notice-title">{props.title}</p>}
      <p>{props.children}</p>
    </div>
  );
}
