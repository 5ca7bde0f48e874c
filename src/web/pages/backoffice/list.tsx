// The back office's list of every dataset with its state, and the form that creates a new one.
import type { Dataset } from '../../../catalog/types.ts';
import type { PageContext } from '../../context.ts';
import { Input, PostForm } from '../../forms.tsx';
import { formatDate, formatNumber, plural } from '../../../i18n/index.ts';
import type { Html } from '../../../html/jsx-runtime.ts';
import { adminPath, BackofficeLayout, Notes, titleOf } from './common.tsx';
import { RequestCounts } from '../requests/inbox.tsx';
import { ExchangeCounts, type ExchangeCountsData } from '../discussions/discussions.tsx';
import { can } from '../../../accounts/permissions.ts';

interface ListedDataset {
  dataset: Dataset;
  /** The current version's number, if any. */
  current: number | null;
  /** Staged versions waiting to be published. */
  waiting: number;
}

export function datasetListPage(ctx: PageContext, rows: ListedDataset[], data: { done?: string | null; values?: Record<string, string>; error?: string | null; requestCounts?: Record<string, number> | null; exchangeCounts?: ExchangeCountsData | null } = {}): Html {
  const t = ctx.t.backoffice;
  return (
    <BackofficeLayout ctx={ctx} title={t.title} jsonTwin="/api/opaal/v1/datasets">
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <Notes ctx={ctx} done={data.done} />
      <ExchangeLinks ctx={ctx} />
      {data.requestCounts && <RequestCounts ctx={ctx} counts={data.requestCounts} />}
      {data.exchangeCounts && <ExchangeCounts ctx={ctx} counts={data.exchangeCounts} />}
      <p><a class="button" href="#new">{t.newDataset}</a></p>
      {rows.length === 0 ? (
        <p>{t.noDatasets}</p>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.colTitle}</th><th scope="col">{t.colId}</th><th scope="col">{t.colState}</th><th scope="col">{t.colVisibility}</th>
                <th scope="col">{t.colRecords}</th><th scope="col">{t.colVersion}</th><th scope="col">{t.colModified}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ dataset, current, waiting }) => (
                <tr>
                  <th scope="row"><a href={ctx.link(adminPath(dataset.id))}>{titleOf(ctx, dataset)}</a></th>
                  <td><code>{dataset.id}</code></td>
                  <td><span class={`state state-${dataset.publishedAt ? 'published' : 'draft'}`}>{t.states[dataset.publishedAt ? 'published' : 'draft']}</span></td>
                  <td>{t.visibilities[dataset.visibility]}</td>
                  <td class="number">{formatNumber(ctx.lang, dataset.recordsCount)}</td>
                  <td>{current ?? '–'}{waiting > 0 && <> · <strong>{plural(ctx.lang, waiting, t.waiting)}</strong></>}</td>
                  <td><time datetime={dataset.modifiedAt}>{formatDate(ctx.lang, dataset.modifiedAt, ctx.config.timezone)}</time></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CreateForm ctx={ctx} values={data.values ?? {}} error={data.error} />
    </BackofficeLayout>
  );
}

/** The staff's side of the exchanges with users (issue 17): the inbox, discussion moderation and reuse review, each as the viewer may open it. */
function ExchangeLinks(props: { ctx: PageContext }): Html {
  const { ctx } = props;
  const t = ctx.t.navigation;
  const account = ctx.viewer?.account ?? null;
  const links = [
    { path: '/-/inbox', label: ctx.t.requests.inboxTitle, action: 'requests.handle' },
    { path: '/-/moderation', label: ctx.t.discussions.moderation, action: 'dataset.publish' },
    { path: '/-/reuses/moderation', label: t.reuseModeration, action: 'dataset.edit' },
  ] as const;
  const shown = links.filter((l) => can(account, l.action));
  if (shown.length === 0) return <></>;
  return (
    <nav class="exchange-links" aria-labelledby="exchanges">
      <h2 id="exchanges">{t.staffExchanges}</h2>
      <ul>{shown.map((l) => <li><a href={ctx.link(l.path)}>{l.label}</a></li>)}</ul>
    </nav>
  );
}

/** On the list page itself, so no path under /-/admin/datasets/ is taken from the dataset ids. */
function CreateForm(props: { ctx: PageContext; values: Record<string, string>; error?: string | null }): Html {
  const { ctx, values: v } = props;
  const t = ctx.t.backoffice;
  return (
    <section aria-labelledby="new">
      <h2 id="new" tabindex="-1">{t.createTitle}</h2>
      <p>{t.createIntro}</p>
      <Notes ctx={ctx} error={props.error} />
      <PostForm ctx={ctx} action={ctx.link(adminPath())}>
        <Input name="id" label={t.id} hint={t.idHint} value={v.id} required maxlength={100} autocomplete="off" />
        <Input name="title_nl" label={t.titleNl} value={v.title_nl} required maxlength={300} />
        <Input name="title_en" label={t.titleEn} value={v.title_en} maxlength={300} />
        <button type="submit">{t.create}</button>
      </PostForm>
    </section>
  );
}
