// The frame of a dataset page: title, lead, and the tabs, each its own URL carrying the record filters.
import { can } from '../accounts/permissions.ts';
import type { Dataset } from '../catalog/types.ts';
import { features, localized } from '../explore/present.ts';
import { queryString, type PageContext } from './context.ts';
import { filterPairs, type RecordFilters } from './filters.ts';
import type { Child, Html } from '../html/jsx-runtime.ts';
import { Layout, type PageOptions } from './layout.tsx';
import { nisFieldOf } from './map-data.ts';
import { FollowButton } from './follow-button.tsx';

export const datasetTabs = ['information', 'table', 'chart', 'map', 'export', 'api'] as const;
export type DatasetTab = (typeof datasetTabs)[number];

/** The tabs this dataset offers: a map only with geo fields, or a field of NIS codes to join on the base layer's shapes. */
export function tabsOf(dataset: Dataset): DatasetTab[] {
  const geo = features(dataset.fields).includes('geo') || nisFieldOf(dataset) !== undefined;
  return datasetTabs.filter((tab) => tab !== 'map' || geo);
}

export function tabPath(datasetId: string, tab: DatasetTab): string {
  return tab === 'information' ? `/datasets/${datasetId}` : `/datasets/${datasetId}/${tab}`;
}

/** A tab's URL in the page's language, with the filters (the information tab ignores them). */
export function tabHref(ctx: PageContext, datasetId: string, tab: DatasetTab, filters: RecordFilters, extra: [string, string][] = []): string {
  return ctx.link(tabPath(datasetId, tab)) + queryString(tab === 'information' ? extra : [...filterPairs(filters), ...extra]);
}

export function DatasetFrame(props: {
  ctx: PageContext;
  dataset: Dataset;
  tab: DatasetTab;
  filters: RecordFilters;
  page: Omit<PageOptions, 'title'> & { title?: string };
  children?: Child;
}): Html {
  const { ctx, dataset, tab, filters } = props;
  const title = localized(dataset.metadata.title, ctx.lang) ?? dataset.id;
  const tabName = ctx.t.dataset.tabs[tab];
  return (
    <Layout
      ctx={ctx}
      page={{
        description: localized(dataset.metadata.description, ctx.lang) ?? undefined,
        canonicalQuery: tab !== 'information',
        // Every page of a dataset offers the feed of its versions.
        feeds: [{ href: ctx.link(`/datasets/${dataset.id}/feed.atom`), title: ctx.t.versions.datasetFeedTitle(title) }],
        ...props.page,
        title: props.page.title ?? (tab === 'information' ? title : `${tabName} · ${title}`),
      }}
    >
      <nav class="breadcrumb" aria-label={ctx.t.common.breadcrumb}>
        <ol>
          <li><a href={ctx.link('/')}>{ctx.t.common.home}</a></li>
          <li><a href={ctx.link('/datasets')}>{ctx.t.common.datasets}</a></li>
          <li><a href={ctx.link(`/datasets/${dataset.id}`)} aria-current="page">{title}</a></li>
        </ol>
      </nav>
      <h1>{title}</h1>
      {/* What a person can do with the dataset, on one row under its title: follow (or its state), and staff's tools. */}
      <div class="dataset-actions">
        <FollowButton ctx={ctx} datasetId={dataset.id} title={title} hint={tab === 'information'} />
        {can(ctx.viewer?.account ?? null, 'dataset.edit') && (
          <p class="edit-link">
            <a class="button secondary" href={ctx.link(`/-/admin/datasets/${dataset.id}`)} aria-label={ctx.t.dataset.editLabel(title)}>{ctx.t.dataset.edit}</a>
          </p>
        )}
      </div>
      <nav class="tabs" aria-label={ctx.t.dataset.tabsLabel}>
        <ul>
          {tabsOf(dataset).map((t) => (
            <li>
              <a href={tabHref(ctx, dataset.id, t, filters)} aria-current={t === tab ? 'page' : undefined}>{ctx.t.dataset.tabs[t]}</a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="tab-panel">{props.children}</div>
    </Layout>
  );
}
