// The home page: search, themes with counts, newest and most used datasets, a short "about".
import type { Dataset, Theme } from '../../catalog/types.ts';
import { DatasetCard } from '../components.tsx';
import type { PageContext } from '../context.ts';
import { formatNumber, plural } from '../../i18n/index.ts';
import type { Html } from '../../html/jsx-runtime.ts';
import { Layout } from '../layout.tsx';
import { SearchForm } from './catalog.tsx';

interface HomeData {
  total: number;
  themes: { theme: Theme; count: number }[];
  newest: Dataset[];
  /** The datasets used most over the last `mostUsedDays` days, with their uses (views, API calls, downloads). */
  mostUsed: { dataset: Dataset; uses: number }[];
  mostUsedDays: number;
}

export function homePage(ctx: PageContext, data: HomeData): Html {
  const t = ctx.t.home;
  return (
    <Layout ctx={ctx} page={{ title: ctx.config.portalName, description: t.intro(ctx.config.publisherName), jsonTwin: ctx.link('/') === '/' ? '/index.json' : `${ctx.link('/')}index.json` }}>
      <section class="hero">
        <h1>{t.title}</h1>
        <p class="lead">{t.intro(ctx.config.publisherName)}</p>
        <SearchForm ctx={ctx} q="" />
        <p>
          <a href={ctx.link('/datasets')}>{plural(ctx.lang, data.total, t.allDatasets)}</a>
        </p>
      </section>
      <section aria-labelledby="themes">
        <h2 id="themes">{t.themes}</h2>
        <ul class="themes">
          {data.themes.map((th) => (
            <li>
              <a href={`${ctx.link('/datasets')}?theme=${th.theme}`}>
                <span>{ctx.t.themes[th.theme]}</span> <span class="count">{formatNumber(ctx.lang, th.count)}</span>
              </a>
            </li>
          ))}
        </ul>
      </section>
      <div class="columns">
        <section aria-labelledby="newest">
          <h2 id="newest">{t.newest}</h2>
          {data.newest.map((d) => <DatasetCard ctx={ctx} dataset={d} />)}
        </section>
        <section aria-labelledby="most-used">
          <h2 id="most-used">{t.mostUsed}</h2>
          <p class="muted">{ctx.t.figures.mostUsedPeriod(data.mostUsedDays)}</p>
          {data.mostUsed.length === 0 && <p>{ctx.t.figures.noUseYet(data.mostUsedDays)}</p>}
          {data.mostUsed.map((d) => (
            <>
              <DatasetCard ctx={ctx} dataset={d.dataset} />
              <p class="muted uses">{ctx.t.figures.uses(formatNumber(ctx.lang, d.uses))}</p>
            </>
          ))}
        </section>
      </div>
      <section aria-labelledby="about" class="about">
        <h2 id="about">{t.aboutTitle}</h2>
        <p>{t.about}</p>
      </section>
    </Layout>
  );
}
