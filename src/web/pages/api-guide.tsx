// The API page for people: what the Explore API is, where to try it, keys and daily limits, the OpenAPI files and the
// main points where it differs from Opendatasoft (docs/compatibility.md, summed up in the catalogs).
import { formatNumber } from '../../i18n/index.ts';
import type { PageContext } from '../context.ts';
import type { Html } from '../../html/jsx-runtime.ts';
import { Layout } from '../layout.tsx';

interface ApiGuideData {
  /** Calls a day without a key, and with one (API_DAILY_QUOTA_ANONYMOUS, API_DAILY_QUOTA_KEY). */
  quotaAnonymous: number;
  quotaKey: number;
  /** The OpenAPI files of the Explore API and of the publishing API, as absolute paths. */
  exploreSpec: string;
  publishingSpec: string;
}

export function apiGuidePage(ctx: PageContext, data: ApiGuideData): Html {
  const t = ctx.t.apiGuide;
  const base = `${ctx.config.baseUrl.replace(/\/$/, '')}/api/explore/v2.1/`;
  const example = '/api/explore/v2.1/catalog/datasets?limit=10';
  return (
    <Layout ctx={ctx} page={{ title: t.title, description: t.intro }}>
      <h1>{t.heading}</h1>
      <p class="lead">{t.intro}</p>

      <section aria-labelledby="api-what">
        <h2 id="api-what">{t.whatTitle}</h2>
        <p class="prose">{t.whatText}</p>
        <p>{t.base} <code>{base}</code></p>
        <p>{t.example} <a href={example}><code>{example}</code></a></p>
      </section>

      <section aria-labelledby="api-try">
        <h2 id="api-try">{t.tryTitle}</h2>
        <p class="prose">{t.tryText}</p>
        <p><a href={ctx.link('/datasets')}>{t.tryLink}</a></p>
      </section>

      <section aria-labelledby="api-keys">
        <h2 id="api-keys">{t.keysTitle}</h2>
        <ul class="prose">
          <li>{t.quotaAnonymous(formatNumber(ctx.lang, data.quotaAnonymous))}</li>
          <li>{t.quotaKey(formatNumber(ctx.lang, data.quotaKey))}</li>
          <li>{t.quotaReset}</li>
        </ul>
        <p>{t.keyUse}</p>
        <pre class="command"><code>{`Authorization: Apikey opaal_…\n${example}&apikey=opaal_…`}</code></pre>
        <p><a href={ctx.link('/-/account#api-keys')}>{t.keysLink}</a></p>
      </section>

      <section aria-labelledby="api-spec">
        <h2 id="api-spec">{t.specTitle}</h2>
        <p class="prose">{t.specText}</p>
        <ul>
          <li><a href={data.exploreSpec} type="application/json">{t.specExplore}</a> <code>{data.exploreSpec}</code></li>
          <li><a href={data.publishingSpec} type="application/json">{t.specPublishing}</a> <code>{data.publishingSpec}</code></li>
        </ul>
      </section>

      <section aria-labelledby="api-compat">
        <h2 id="api-compat">{t.compatTitle}</h2>
        <p>{t.compatIntro}</p>
        <ul class="prose">
          {t.compat.map((note) => <li>{note}</li>)}
        </ul>
        <p class="hint">{t.compatMore}</p>
      </section>
    </Layout>
  );
}
