// The dataset's information tab: all DCAT-AP metadata, the field schema, versions, licence, contact, attachments.
import { plural } from '../../i18n/plural.ts';
import type { Dataset, Version } from '../../catalog/types.ts';
import { fieldLabel, fieldText, localized, localizedList } from '../../explore/present.ts';
import { Row } from '../components.tsx';
import type { PageContext } from '../context.ts';
import { DatasetFrame } from '../dataset-frame.tsx';
import type { RecordFilters } from '../filters.ts';
import { formatBytes, formatDate, formatNumber } from '../../i18n/index.ts';
import type { Html } from '../../html/jsx-runtime.ts';
import { changePhrases } from '../version-changes.ts';
import { noFigures, recentDays, type DatasetFigures } from '../../stats/figures.ts';
import { extensionOf } from '../../catalog/attachments.ts';
import type { Attachment } from '../../catalog/types.ts';

/** schema.org Dataset, as search engines read it. */
function datasetJsonLd(ctx: PageContext, dataset: Dataset): unknown {
  const base = ctx.config.baseUrl.replace(/\/$/, '');
  const m = dataset.metadata;
  const api = `${base}/api/explore/v2.1/catalog/datasets/${dataset.id}`;
  return {
    '@context': 'https://schema.org/',
    '@type': 'Dataset',
    name: localized(m.title, ctx.lang) ?? dataset.id,
    description: localized(m.description, ctx.lang) ?? undefined,
    url: base + ctx.link(`/datasets/${dataset.id}`),
    identifier: dataset.id,
    keywords: localizedList(m.keyword, ctx.lang),
    inLanguage: m.language,
    isAccessibleForFree: true,
    license: m.license?.url ?? m.license?.title,
    publisher: m.publisher ? { '@type': 'Organization', name: m.publisher.name, ...(m.publisher.uri ? { url: m.publisher.uri } : {}) } : undefined,
    creator: m.publisher ? { '@type': 'Organization', name: m.publisher.name } : undefined,
    dateCreated: dataset.createdAt,
    dateModified: dataset.modifiedAt,
    datePublished: m.issued ?? undefined,
    temporalCoverage: m.temporal ? `${m.temporal.start ?? '..'}/${m.temporal.end ?? '..'}` : undefined,
    spatialCoverage: m.spatial.length ? m.spatial : undefined,
    variableMeasured: dataset.fields.map((f) => fieldLabel(f, ctx.lang)),
    distribution: ['csv', 'json', 'xlsx'].map((format) => ({
      '@type': 'DataDownload',
      encodingFormat: { csv: 'text/csv', json: 'application/json', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }[format],
      contentUrl: `${api}/exports/${format}`,
    })),
  };
}

function linkOrText(url: string | null, text: string): Html {
  return url && /^https?:\/\//.test(url) ? <a href={url}>{text}</a> : <>{text}</>;
}

/**
 * `extra`: sections other modules add (the dataset's reuses), after the versions; `discussions`: how many discussions
 * anyone may read about the dataset (null: the page has no discussions link).
 */
export function datasetInfoPage(
  ctx: PageContext,
  dataset: Dataset,
  versions: Version[],
  filters: RecordFilters,
  extra?: Html,
  discussions: number | null = null,
  figures: DatasetFigures = noFigures,
  attachments: Attachment[] = [],
): Html {
  const t = ctx.t.dataset;
  const m = dataset.metadata;
  const date = (iso: string | null) => (iso ? <time datetime={iso}>{formatDate(ctx.lang, iso, ctx.config.timezone)}</time> : null);
  const description = localized(m.description, ctx.lang);
  const keywords = localizedList(m.keyword, ctx.lang);
  return (
    <DatasetFrame
      ctx={ctx}
      dataset={dataset}
      tab="information"
      filters={filters}
      page={{ jsonTwin: `/api/explore/v2.1/catalog/datasets/${dataset.id}?lang=${ctx.lang}`, jsonLd: datasetJsonLd(ctx, dataset) }}
    >
      <section aria-labelledby="description">
        <h2 id="description">{t.description}</h2>
        {(description ?? '').split(/\n{2,}/).map((para) => <p class="prose">{para}</p>)}
      </section>
      {discussions !== null && (
        <section aria-labelledby="discussions">
          <h2 id="discussions">{ctx.t.discussions.title}</h2>
          <p>
            <a href={ctx.link(`/datasets/${dataset.id}/discussions`)}>{ctx.t.discussions.link}</a> ({plural(ctx.lang, discussions, ctx.t.discussions.count)})
          </p>
        </section>
      )}
      <section aria-labelledby="metadata">
        <h2 id="metadata">{t.metadata}</h2>
        <dl class="metadata">
          <Row term={t.identifier}><code>{dataset.id}</code></Row>
          <Row term={t.records}>{formatNumber(ctx.lang, dataset.recordsCount)}</Row>
          <Row term={t.themes}>{m.theme.map((th, i) => <>{i > 0 && ', '}<a href={`${ctx.link('/datasets')}?theme=${th}`}>{ctx.t.themes[th]}</a></>)}</Row>
          <Row term={t.keywords}>
            {keywords.length > 0 && <ul class="keywords">{keywords.map((k) => <li><a href={`${ctx.link('/datasets')}?keyword=${encodeURIComponent(k)}`}>{k}</a></li>)}</ul>}
          </Row>
          <Row term={t.publisher}>{m.publisher ? linkOrText(m.publisher.uri, m.publisher.name) : null}</Row>
          <Row term={t.contactPoint}>
            {m.contactPoint && (
              <>
                {m.contactPoint.name}
                {m.contactPoint.email && <> <a href={`mailto:${m.contactPoint.email}`}>{m.contactPoint.email}</a></>}
                {m.contactPoint.url && <> {linkOrText(m.contactPoint.url, m.contactPoint.url)}</>}
              </>
            )}
            <p class="ask"><a href={`${ctx.link('/-/contact')}?dataset=${encodeURIComponent(dataset.id)}`}>{ctx.t.requests.askDataset}</a></p>
          </Row>
          <Row term={t.license}>{m.license ? linkOrText(m.license.url, m.license.title) : null}</Row>
          <Row term={t.languages}>{m.language.join(', ')}</Row>
          <Row term={t.temporal}>{m.temporal && <>{t.from} {date(m.temporal.start) ?? '…'} {t.to} {date(m.temporal.end) ?? '…'}</>}</Row>
          <Row term={t.spatial}>{m.spatial.map((s, i) => <>{i > 0 && ', '}{linkOrText(s, s.replace(/^.*\//, ''))}</>)}</Row>
          <Row term={t.frequency}>{m.accrualPeriodicity ? t.frequencies[m.accrualPeriodicity] : null}</Row>
          <Row term={t.accessRights}>{t.access[m.accessRights]}</Row>
          <Row term={t.landingPage}>{m.landingPage && linkOrText(m.landingPage, m.landingPage)}</Row>
          <Row term={t.issued}>{date(m.issued)}</Row>
          <Row term={t.created}>{date(dataset.createdAt)}</Row>
          <Row term={t.modified}>{date(dataset.modifiedAt)}</Row>
          <Row term={t.dataModified}>{date(dataset.dataModifiedAt)}</Row>
        </dl>
      </section>
      <section aria-labelledby="use">
        <h2 id="use">{ctx.t.figures.use}</h2>
        <dl class="metadata">
          <Row term={ctx.t.figures.downloads}>{ctx.t.figures.recentAndTotal(formatNumber(ctx.lang, figures.downloads30), formatNumber(ctx.lang, figures.downloads), recentDays)}</Row>
          <Row term={ctx.t.figures.apiCalls}>{ctx.t.figures.recentAndTotal(formatNumber(ctx.lang, figures.apiCalls30), formatNumber(ctx.lang, figures.apiCalls), recentDays)}</Row>
          <Row term={ctx.t.figures.popularity}>{ctx.t.figures.score(formatNumber(ctx.lang, figures.popularity))}</Row>
        </dl>
        <p class="muted">{ctx.t.figures.countedHow}</p>
      </section>
      <section aria-labelledby="schema">
        <h2 id="schema">{t.schema}</h2>
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="schema">
          <table>
            <thead>
              <tr><th scope="col">{t.fieldLabel}</th><th scope="col">{t.fieldName}</th><th scope="col">{t.fieldType}</th><th scope="col">{t.fieldDescription}</th></tr>
            </thead>
            <tbody>
              {dataset.fields.map((f) => (
                <tr><th scope="row">{fieldLabel(f, ctx.lang)}</th><td><code>{f.name}</code></td><td>{t.types[f.type] ?? f.type}</td><td>{fieldText(f.description, ctx.lang) ?? ''}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="versions">
        <h2 id="versions">{t.versions}</h2>
        {versions.length === 0 ? (
          <p>{t.noVersion}</p>
        ) : (
          <div class="table-scroll" tabindex="0" role="region" aria-labelledby="versions">
            <table>
              <thead>
                <tr><th scope="col">{t.version}</th><th scope="col">{t.versionDate}</th><th scope="col">{t.versionRecords}</th><th scope="col">{ctx.t.versions.changes}</th><th scope="col">{t.versionSource}</th><th scope="col">{t.versionSize}</th></tr>
              </thead>
              <tbody>
                {[...versions].sort((a, b) => b.number - a.number).map((v) => (
                  <tr>
                    <th scope="row"><a href={ctx.link(`/datasets/${dataset.id}/versions/${v.number}`)} aria-label={ctx.t.versions.title(v.number)}>{v.number}</a></th>
                    <td>{date(v.publishedAt ?? v.createdAt)}</td>
                    <td>{formatNumber(ctx.lang, v.recordsCount)}</td>
                    <td>{v.changes ? changePhrases(ctx.lang, ctx.t.versions, v.changes).join(', ') : ''}</td>
                    <td>{v.sourceName}</td>
                    <td>{formatBytes(ctx.lang, v.bytes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="attachments">
        <h2 id="attachments">{t.attachments}</h2>
        {attachments.length === 0 ? (
          <p>{t.noAttachments}</p>
        ) : (
          <ul class="attachments">
            {attachments.map((a) => (
              <li>
                <a href={`/api/explore/v2.1/catalog/datasets/${dataset.id}/attachments/${a.id}`} download={a.fileName}>{a.title}</a>{' '}
                <span class="muted attachment-meta">({ctx.t.attachments.download(extensionOf(a.fileName).toUpperCase(), formatBytes(ctx.lang, a.bytes))})</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {extra}
    </DatasetFrame>
  );
}
