// API keys on the account page: the list with revoke buttons, the form to make one, and the page that shows a new key once.
import type { ApiKeyInfo } from '../../../accounts/types.ts';
import type { PageContext } from '../../context.ts';
import { Done, ErrorSummary, Input, PostForm, RowAction } from '../../forms.tsx';
import { formatDate, formatTime } from '../../../i18n/index.ts';
import type { Html } from '../../../html/jsx-runtime.ts';
import { Layout } from '../../layout.tsx';
import type { AccountSection } from './overview.tsx';

function When(props: { ctx: PageContext; iso: string; time?: boolean }): Html {
  const { ctx, iso } = props;
  const time = formatTime(ctx.lang, iso, ctx.config.timezone);
  return <time datetime={iso}>{formatDate(ctx.lang, iso, ctx.config.timezone)}{props.time ? ` ${time}` : ''}</time>;
}

function CreateForm(props: { ctx: PageContext; maxDays: number; days: number; values?: { name?: string; days?: string } }): Html {
  const t = props.ctx.t.apiKeys;
  return (
    <PostForm ctx={props.ctx} action={props.ctx.link('/-/account/api-keys')}>
      <Input name="key_name" label={t.nameLabel} hint={t.nameHint} value={props.values?.name} required maxlength={100} autocomplete="off" />
      <Input name="days" label={t.daysLabel} hint={t.daysHint(props.maxDays)} type="number" value={props.values?.days ?? String(props.days)} required inputmode="numeric" />
      <button type="submit">{t.createButton}</button>
    </PostForm>
  );
}

function KeyItem(props: { ctx: PageContext; apiKey: ApiKeyInfo }): Html {
  const { ctx, apiKey: k } = props;
  const t = ctx.t.apiKeys;
  const state = k.state === 'revoked' && k.revokedByAdmin ? t.revokedByAdmin : t.states[k.state];
  return (
    <li class={`api-key api-key-${k.state}`}>
      <p>
        <strong>{k.name}</strong> · <code>{k.prefix}…</code> · {state}
      </p>
      <dl>
        <dt>{t.created}</dt>
        <dd><When ctx={ctx} iso={k.createdAt} /></dd>
        <dt>{t.expires}</dt>
        <dd><When ctx={ctx} iso={k.expiresAt} /></dd>
        <dt>{t.lastUsed}</dt>
        <dd>{k.lastUsedAt ? <When ctx={ctx} iso={k.lastUsedAt} time /> : t.neverUsed}</dd>
      </dl>
      {k.state === 'active' && (
        <RowAction ctx={ctx} action={ctx.link('/-/account/api-keys/revoke')} fields={{ key_id: k.id }} label={t.revoke} ariaLabel={t.revokeLabel(k.name)} destructive />
      )}
    </li>
  );
}

/** The section the account page shows; `revoked` says a revocation just happened. */
export function apiKeysSection(ctx: PageContext, data: { keys: ApiKeyInfo[]; maxDays: number; days: number; revoked: boolean }): AccountSection {
  const t = ctx.t.apiKeys;
  return {
    id: 'api-keys',
    title: t.title,
    body: (
      <>
        <p>{t.intro}</p>
        <Done message={data.revoked ? t.revoked : null} />
        {data.keys.length === 0 ? <p>{t.none}</p> : <ul class="api-keys">{data.keys.map((k) => <KeyItem ctx={ctx} apiKey={k} />)}</ul>}
        <h3>{t.create}</h3>
        <CreateForm ctx={ctx} maxDays={data.maxDays} days={data.days} />
      </>
    ),
  };
}

/** The form again with what went wrong, when a key could not be made or revoked. */
export function apiKeyProblemPage(ctx: PageContext, data: { error: string; maxDays: number; days: number; values?: { name?: string; days?: string } }): Html {
  const t = ctx.t.apiKeys;
  return (
    <Layout ctx={ctx} page={{ title: t.create, noindex: true }}>
      <h1>{t.create}</h1>
      <ErrorSummary ctx={ctx} error={data.error} />
      <CreateForm ctx={ctx} maxDays={data.maxDays} days={data.days} values={data.values} />
      <p><a href={ctx.link('/-/account#api-keys')}>{t.back}</a></p>
    </Layout>
  );
}

/** The one time a key is shown: answered to the POST itself, never stored, never in a URL, not cached. */
export function apiKeyCreatedPage(ctx: PageContext, data: { key: string; info: ApiKeyInfo }): Html {
  const t = ctx.t.apiKeys;
  const example = `curl -H "Authorization: Apikey ${data.key}" "${ctx.config.baseUrl}/api/explore/v2.1/catalog/datasets?limit=10"`;
  return (
    <Layout ctx={ctx} page={{ title: t.createdTitle, noindex: true, scripts: ['copy'] }}>
      <h1>{t.createdTitle}</h1>
      <div class="notice" role="status">
        <p class="notice-title">{t.shownOnce}</p>
        <p>{t.copyHint}</p>
      </div>
      <p>
        <strong>{data.info.name}</strong> · {t.validUntil(formatDate(ctx.lang, data.info.expiresAt, ctx.config.timezone))}
      </p>
      <div class="field">
        <label for="new-api-key">{t.keyLabel}</label>
        <div class="copy-row">
          <input id="new-api-key" type="text" value={data.key} readonly spellcheck="false" autocomplete="off" class="api-key-value" />
          <button type="button" class="secondary" data-copy="new-api-key" data-copy-status="copy-status" data-copied={t.copied} data-copy-failed={t.copyFailed} hidden>
            {t.copy}
          </button>
        </div>
        <p id="copy-status" class="hint" role="status"></p>
      </div>
      <h2>{t.example}</h2>
      <p>{t.exampleText}</p>
      <pre class="command"><code>{example}</code></pre>
      <p>{t.lost}</p>
      <p><a class="button" href={ctx.link('/-/account#api-keys')}>{t.back}</a></p>
    </Layout>
  );
}
