// The account's webhooks page: each webhook with its recent deliveries and failures, delete and re-enable, the form to
// register one, and the page that shows a new signing secret once.
import type { DeliveryInfo, WebhookInfo } from '../../../webhooks/types.ts';
import type { PageContext } from '../../context.ts';
import { Done, ErrorSummary, Input, PostForm, RowAction } from '../../forms.tsx';
import { formatDate, formatTime } from '../../../i18n/index.ts';
import { plural } from '../../../i18n/plural.ts';
import type { Html } from '../../../html/jsx-runtime.ts';
import { Layout } from '../../layout.tsx';
import type { AccountSection } from './overview.tsx';

export const webhooksApiPath = '/api/opaal/v1/webhooks';

function When(props: { ctx: PageContext; iso: string }): Html {
  const { ctx, iso } = props;
  return <time datetime={iso}>{formatDate(ctx.lang, iso, ctx.config.timezone)} {formatTime(ctx.lang, iso, ctx.config.timezone)}</time>;
}

function CreateForm(props: { ctx: PageContext; values?: { url?: string; datasetId?: string } }): Html {
  const t = props.ctx.t.webhooks;
  return (
    <PostForm ctx={props.ctx} action={props.ctx.link('/-/account/webhooks')}>
      <Input name="url" label={t.urlLabel} hint={t.urlHint} type="url" value={props.values?.url} required maxlength={2000} autocomplete="off" />
      <Input name="dataset_id" label={t.datasetLabel} hint={t.datasetHint} value={props.values?.datasetId} maxlength={100} autocomplete="off" />
      <button type="submit">{t.createButton}</button>
    </PostForm>
  );
}

function Answer(props: { ctx: PageContext; delivery: DeliveryInfo }): Html {
  const d = props.delivery;
  const t = props.ctx.t.webhooks;
  const parts = [d.lastStatusCode !== null ? `HTTP ${d.lastStatusCode}` : null, d.lastError === 'not_visible' ? t.notVisible : d.lastError];
  const text = [...new Set(parts.filter((p): p is string => !!p))].join(' · ');
  return <>{text}{d.nextAttemptAt && <> ({t.nextAttempt(formatTime(props.ctx.lang, d.nextAttemptAt, props.ctx.config.timezone))})</>}</>;
}

function Deliveries(props: { ctx: PageContext; deliveries: DeliveryInfo[] }): Html {
  const { ctx } = props;
  const t = ctx.t.webhooks;
  if (props.deliveries.length === 0) return <p>{t.noDeliveries}</p>;
  return (
    <table class="webhook-deliveries">
      <caption>{t.deliveries}</caption>
      <thead>
        <tr><th scope="col">{t.at}</th><th scope="col">{t.event}</th><th scope="col">{t.dataset}</th><th scope="col">{t.status}</th><th scope="col">{t.attemptsHeading}</th><th scope="col">{t.answer}</th></tr>
      </thead>
      <tbody>
        {props.deliveries.map((d) => (
          <tr class={`delivery-${d.status}`}>
            <td><When ctx={ctx} iso={d.createdAt} /></td>
            <td><code>{d.eventType}</code></td>
            <td><a href={ctx.link(`/datasets/${encodeURIComponent(d.datasetId)}`)}>{d.datasetId}</a></td>
            <td>{t.statuses[d.status]}</td>
            <td>{d.attempts}</td>
            <td><Answer ctx={ctx} delivery={d} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function WebhookItem(props: { ctx: PageContext; webhook: WebhookInfo }): Html {
  const { ctx, webhook: w } = props;
  const t = ctx.t.webhooks;
  const disabledDate = w.disabledAt ? formatDate(ctx.lang, w.disabledAt, ctx.config.timezone) : '';
  return (
    <li class={`webhook webhook-${w.state}`}>
      <p><strong><code>{w.url}</code></strong> · {t.states[w.state]}</p>
      <dl>
        <dt>{t.target}</dt>
        <dd>{w.datasetId ? <a href={ctx.link(`/datasets/${encodeURIComponent(w.datasetId)}`)}>{w.datasetId}</a> : t.catalog}</dd>
        <dt>{t.created}</dt>
        <dd><When ctx={ctx} iso={w.createdAt} /></dd>
        <dt>{t.lastDelivered}</dt>
        <dd>{w.lastDeliveredAt ? <When ctx={ctx} iso={w.lastDeliveredAt} /> : t.never}</dd>
      </dl>
      {w.disabledAt && <p class="notice notice-error">{w.disabledReason === 'failures' ? t.disabledByFailures(disabledDate) : t.disabledByOwner(disabledDate)}</p>}
      {w.state === 'active' && w.failingAttempts > 0 && <p>{plural(ctx.lang, w.failingAttempts, t.failing)}</p>}
      <Deliveries ctx={ctx} deliveries={w.deliveries} />
      {w.state === 'disabled' && <RowAction ctx={ctx} action={ctx.link('/-/account/webhooks/enable')} fields={{ webhook_id: w.id }} label={t.enable} ariaLabel={t.enableLabel(w.url)} />}
      <RowAction ctx={ctx} action={ctx.link('/-/account/webhooks/delete')} fields={{ webhook_id: w.id }} label={t.remove} ariaLabel={t.removeLabel(w.url)} destructive />
    </li>
  );
}

/** The page: every webhook of the person, then the form; its JSON twin is the API's list. */
export function webhooksPage(ctx: PageContext, data: { webhooks: WebhookInfo[]; done?: string | null; error?: string | null; values?: { url?: string; datasetId?: string } }): Html {
  const t = ctx.t.webhooks;
  return (
    <Layout ctx={ctx} page={{ title: t.title, noindex: true, jsonTwin: `${ctx.config.baseUrl}${webhooksApiPath}` }}>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <p>{t.apiHint}</p>
      <p>{t.signature}</p>
      <Done message={data.done} />
      <ErrorSummary ctx={ctx} error={data.error} />
      {data.webhooks.length === 0 ? <p>{t.none}</p> : <ul class="webhooks">{data.webhooks.map((w) => <WebhookItem ctx={ctx} webhook={w} />)}</ul>}
      <h2>{t.create}</h2>
      <CreateForm ctx={ctx} values={data.values} />
      <p><a href={ctx.link('/-/account')}>{t.toAccount}</a></p>
    </Layout>
  );
}

/** The one time a secret is shown: answered to the POST itself, never stored in clear, never in a URL, not cached. */
export function webhookCreatedPage(ctx: PageContext, data: { secret: string; webhook: WebhookInfo }): Html {
  const t = ctx.t.webhooks;
  return (
    <Layout ctx={ctx} page={{ title: t.createdTitle, noindex: true, scripts: ['copy'] }}>
      <h1>{t.createdTitle}</h1>
      <div class="notice" role="status">
        <p class="notice-title">{t.shownOnce}</p>
        <p>{t.copyHint}</p>
      </div>
      <p><code>{data.webhook.url}</code> · {data.webhook.datasetId ?? t.catalog}</p>
      <div class="field">
        <label for="new-webhook-secret">{t.secretLabel}</label>
        <div class="copy-row">
          <input id="new-webhook-secret" type="text" value={data.secret} readonly spellcheck="false" autocomplete="off" class="api-key-value" />
          <button type="button" class="secondary" data-copy="new-webhook-secret" data-copy-status="copy-status" data-copied={t.copied} data-copy-failed={t.copyFailed} hidden>
            {t.copy}
          </button>
        </div>
        <p id="copy-status" class="hint" role="status"></p>
      </div>
      <p>{t.verifyHint}</p>
      <p>{t.lost}</p>
      <p><a class="button" href={ctx.link('/-/account/webhooks')}>{t.back}</a></p>
    </Layout>
  );
}

/** The account page's short section: how many webhooks, and the way to their page. */
export function webhooksSection(ctx: PageContext, data: { count: number }): AccountSection {
  const t = ctx.t.webhooks;
  return {
    id: 'webhooks',
    title: t.title,
    body: (
      <>
        <p>{t.intro}</p>
        {data.count === 0 && <p>{t.none}</p>}
        <p><a href={ctx.link('/-/account/webhooks')}>{t.sectionLink}</a></p>
      </>
    ),
  };
}
