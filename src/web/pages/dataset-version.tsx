// A published version of a dataset: when, how many records, what changed against the version before, examples, downloads.
import type { Dataset, Version, VersionChanges } from '../../catalog/types.ts';
import { formatDate, formatNumber, type Messages } from '../../i18n/index.ts';
import type { Html } from '../../html/jsx-runtime.ts';
import { Row } from '../components.tsx';
import type { PageContext } from '../context.ts';
import { DatasetFrame } from '../dataset-frame.tsx';
import { localized } from '../../explore/present.ts';
import { changePhrases } from '../version-changes.ts';

type Example = Record<string, unknown>;

/** The version's downloads: the Explore API's exports of that version. */
export function versionDownloads(datasetId: string, number: number): { csv: string; parquet: string } {
  const base = `/api/explore/v2.1/catalog/datasets/${encodeURIComponent(datasetId)}/exports`;
  return { csv: `${base}/csv?version=${number}`, parquet: `${base}/parquet?version=${number}` };
}

const cell = (value: unknown) => (value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));

/**
 * A few records in a small table; `label` gives each row's heading (before, after) where there is one. With `changed`
 * (the rows in before/after pairs), the values that differ within a pair stand out, and say so to a screen reader.
 */
function Examples(props: { caption: string; rows: Example[]; labels?: string[]; changed?: string }): Html {
  const columns = [...new Set(props.rows.flatMap((row) => Object.keys(row)))];
  const differs = (i: number, c: string) => props.changed !== undefined && cell(props.rows[i - (i % 2)][c]) !== cell(props.rows[i - (i % 2) + 1]?.[c]);
  return (
    <div class="table-scroll example-table" tabindex="0" role="region" aria-label={props.caption}>
      <table class="examples">
        <caption>{props.caption}</caption>
        <thead>
          <tr>{props.labels && <td></td>}{columns.map((c) => <th scope="col"><code>{c}</code></th>)}</tr>
        </thead>
        <tbody>
          {props.rows.map((row, i) => (
            <tr>
              {props.labels && <th scope="row">{props.labels[i]}</th>}
              {columns.map((c) => (differs(i, c) ? <td class="changed">{cell(row[c])}<span class="visually-hidden"> ({props.changed})</span></td> : <td>{cell(row[c])}</td>))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ChangesSection(props: { ctx: PageContext; dataset: Dataset; changes: VersionChanges | null; t: Messages['versions'] }): Html {
  const { ctx, changes, t } = props;
  if (!changes) return <p>{t.changesPending}</p>;
  const phrases = changePhrases(ctx.lang, t, changes);
  const key = props.dataset.metadata.key ?? [];
  const { examples } = changes;
  return (
    <>
      {changes.comparedTo === null ? <p>{t.first}</p> : <p>{key.length > 0 && changes.changed !== null ? t.byKey(key.join(', ')) : t.byContent}</p>}
      {phrases.length > 0 ? <ul class="changes">{phrases.map((p) => <li>{p}</li>)}</ul> : <p>{t.noChanges}</p>}
      {changes.fields_retyped.length > 0 && <ul class="retyped">{changes.fields_retyped.map((f) => <li><code>{t.retyped(f.name, f.from, f.to)}</code></li>)}</ul>}
      {(examples.added.length > 0 || examples.removed.length > 0 || examples.changed.length > 0) && (
        <section aria-labelledby="examples">
          <h3 id="examples">{t.examples}</h3>
          {examples.added.length > 0 && <Examples caption={t.examplesAdded} rows={examples.added} />}
          {examples.removed.length > 0 && <Examples caption={t.examplesRemoved} rows={examples.removed} />}
          {examples.changed.length > 0 && (
            <Examples caption={t.examplesChanged} rows={examples.changed.flatMap((c) => [c.before, c.after])} labels={examples.changed.flatMap(() => [t.before, t.after])} changed={t.changedValue} />
          )}
        </section>
      )}
    </>
  );
}

export function datasetVersionPage(ctx: PageContext, data: { dataset: Dataset; version: Version; changes: VersionChanges | null; current?: number | null }): Html {
  const { dataset, version, changes } = data;
  const t = ctx.t.versions;
  const title = localized(dataset.metadata.title, ctx.lang) ?? dataset.id;
  const downloads = versionDownloads(dataset.id, version.number);
  const date = (iso: string | null) => (iso ? <time datetime={iso}>{formatDate(ctx.lang, iso, ctx.config.timezone)}</time> : null);
  const isCurrent = dataset.currentVersion === version.id;
  return (
    <DatasetFrame
      ctx={ctx}
      dataset={dataset}
      tab="information"
      filters={{ q: '', refine: [], exclude: [] }}
      page={{ title: `${t.title(version.number)} · ${title}`, jsonTwin: ctx.link(`/datasets/${dataset.id}/versions/${version.number}.json`), canonicalQuery: false }}
    >
      <h2>{t.title(version.number)}{isCurrent && <> ({t.current})</>}</h2>
      {!isCurrent && data.current != null && (
        <p class="notice">{t.currentIs} <a href={ctx.link(`/datasets/${dataset.id}/versions/${data.current}`)}>{t.comparedToVersion(data.current)}</a>.</p>
      )}
      <dl class="metadata">
        <Row term={t.published}>{date(version.publishedAt)}</Row>
        <Row term={t.records}>{formatNumber(ctx.lang, version.recordsCount)}</Row>
        <Row term={t.source}>{version.sourceName}</Row>
        <Row term={t.comparedTo}>{changes?.comparedTo ? <a href={ctx.link(`/datasets/${dataset.id}/versions/${changes.comparedTo}`)}>{t.comparedToVersion(changes.comparedTo)}</a> : null}</Row>
      </dl>
      {/* From a mail or an older version, the way to the others (the information tab's list). */}
      <p><a href={`${ctx.link(`/datasets/${dataset.id}`)}#versions`}>{t.allVersions}</a></p>
      <section aria-labelledby="changes">
        <h2 id="changes">{t.changes}</h2>
        <ChangesSection ctx={ctx} dataset={dataset} changes={changes} t={t} />
      </section>
      <section aria-labelledby="download">
        <h2 id="download">{t.download}</h2>
        <ul class="downloads">
          <li><a href={downloads.csv} download>{t.downloadCsv}</a></li>
          <li><a href={downloads.parquet} download>{t.downloadParquet}</a></li>
        </ul>
      </section>
    </DatasetFrame>
  );
}
