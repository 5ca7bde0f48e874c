// A version under review: its inferred fields against the current ones, its first rows, and publish or discard.
import { versionState } from '../../../backoffice/present.ts';
import type { VersionPreview } from '../../../catalog/publishing.ts';
import type { Dataset, Field } from '../../../catalog/types.ts';
import { fieldLabel } from '../../../explore/present.ts';
import type { PageContext } from '../../context.ts';
import { PostForm } from '../../forms.tsx';
import { formatBytes, plural } from '../../../i18n/index.ts';
import type { Html } from '../../../html/jsx-runtime.ts';
import { adminPath, BackofficeLayout, Notes, titleOf } from './common.tsx';
import { checksOf } from '../../../engine/ingest/report.ts';
import { ChecksNotice, ReadingsForm, ReportSection } from './report.tsx';

function change(ctx: PageContext, field: Field, current: Field[]): string {
  const t = ctx.t.backoffice;
  const before = current.find((f) => f.name === field.name);
  if (!before) return t.changeNew;
  return before.type === field.type ? '' : t.changeType(ctx.t.dataset.types[before.type] ?? before.type);
}

export function versionPage(ctx: PageContext, data: { dataset: Dataset; preview: VersionPreview; done?: string | null; error?: string | null }): Html {
  const t = ctx.t.backoffice;
  const { dataset, preview } = data;
  const { version } = preview;
  const state = versionState(dataset, version);
  // Compared with what the public sees now; a draft without a current version has nothing to compare.
  const current = dataset.currentVersion && state !== 'current' ? dataset.fields : [];
  const removed = current.filter((f) => !version.fields.some((v) => v.name === f.name)).map((f) => f.name);
  const title = `${t.previewTitle(version.number)} — ${titleOf(ctx, dataset)}`;
  const checks = checksOf(version.report).length;
  return (
    <BackofficeLayout
      ctx={ctx}
      title={title}
      jsonTwin={`/api/opaal/v1/datasets/${dataset.id}/versions/${version.number}`}
      crumbs={[{ href: ctx.link(adminPath(dataset.id)), label: titleOf(ctx, dataset) }]}
    >
      <h1>{title}</h1>
      <Notes ctx={ctx} done={data.done} error={data.error} />
      <p>{state === 'current' ? t.previewCurrent : state === 'staged' ? (dataset.currentVersion ? t.previewStaged : t.previewStagedDraft) : t.previewOlder}</p>
      <p>{t.summary(plural(ctx.lang, version.recordsCount, ctx.t.common.records), formatBytes(ctx.lang, version.bytes), version.sourceName)}</p>
      <ChecksNotice ctx={ctx} version={version} />
      {state !== 'current' && (
        <div class="button-row">
          <PostForm ctx={ctx} action={ctx.link(adminPath(dataset.id, 'versions', version.number, 'publish'))} class="inline">
            {state === 'staged' && checks > 0 && (
              <label class="check acknowledge"><input type="checkbox" id="acknowledge" name="acknowledge" value="1" required /> {t.acknowledge}</label>
            )}
            <button type="submit">{dataset.publishedAt ? t.publishVersion : t.publishVersionDraft}</button>
          </PostForm>
          {state === 'staged' && (
            <PostForm ctx={ctx} action={ctx.link(adminPath(dataset.id, 'versions', version.number, 'discard'))} class="inline">
              <button type="submit" class="secondary">{t.discard}</button>
            </PostForm>
          )}
        </div>
      )}

      <section aria-labelledby="schema">
        <h2 id="schema">{t.schema}</h2>
        <div class="table-scroll">
          <table>
            <thead>
              <tr><th scope="col">{t.fieldName}</th><th scope="col">{t.fieldLabel}</th><th scope="col">{t.fieldType}</th>{current.length > 0 && <th scope="col">{t.fieldChange}</th>}</tr>
            </thead>
            <tbody>
              {version.fields.map((f) => (
                <tr>
                  <th scope="row"><code>{f.name}</code></th>
                  <td>{fieldLabel(f, ctx.lang)}</td>
                  <td data-type={f.type}>{ctx.t.dataset.types[f.type] ?? f.type}{f.annotations.multivalued && <> ({t.multivalued})</>}</td>
                  {current.length > 0 && <td>{change(ctx, f, current)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {removed.length > 0 && <p><strong>{t.removedFields(removed.join(', '))}</strong></p>}
      </section>

      <ReportSection ctx={ctx} version={version} />
      <ReadingsForm ctx={ctx} datasetId={dataset.id} version={version} />

      <section aria-labelledby="rows">
        <h2 id="rows">{t.firstRows}</h2>
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="rows">
          <table>
            <thead>
              <tr>{version.fields.map((f) => <th scope="col">{fieldLabel(f, ctx.lang)}</th>)}</tr>
            </thead>
            <tbody>
              {preview.rows.map((row) => (
                <tr>{row.map((value) => (value === null ? <td class="empty">{t.emptyValue}</td> : <td>{value}</td>))}</tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </BackofficeLayout>
  );
}
