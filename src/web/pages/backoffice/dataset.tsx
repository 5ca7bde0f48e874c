// A dataset in the back office: its state, publish or unpublish, its versions (staged ones too) and the upload form.
import { versionState } from '../../../backoffice/present.ts';
import type { Dataset, Version } from '../../../catalog/types.ts';
import type { PageContext } from '../../context.ts';
import { ConfirmField, CsrfField, PostForm } from '../../forms.tsx';
import { formatBytes, formatDate, formatNumber } from '../../../i18n/index.ts';
import type { Html } from '../../../html/jsx-runtime.ts';
import { adminPath, BackofficeLayout, Notes, titleOf } from './common.tsx';

const acceptedFiles = '.csv,.tsv,.txt,.json,.jsonl,.ndjson,.geojson,.xlsx';

function UploadForm(props: { ctx: PageContext; dataset: Dataset; maxBytes: number }): Html {
  const { ctx } = props;
  const t = ctx.t.backoffice;
  return (
    <form
      method="post"
      action={ctx.link(adminPath(props.dataset.id, 'versions'))}
      enctype="multipart/form-data"
      class="stack upload"
      data-upload=""
      data-uploading={t.uploading}
      data-progress={t.uploadProgress(100).replace('100', '{percent}')}
      data-reading={t.reading}
      data-failed={t.uploadFailed}
    >
      {/* The token comes before the file: the server checks it before storing any of the file. */}
      <CsrfField ctx={ctx} />
      <div class="field">
        <label for="file">{t.file}</label>
        <p class="hint" id="file-hint">{t.fileHint(formatBytes(ctx.lang, props.maxBytes))}</p>
        <input id="file" name="file" type="file" required accept={acceptedFiles} aria-describedby="file-hint" />
      </div>
      <progress max="100" value="0" hidden aria-labelledby="upload-status"></progress>
      <p id="upload-status" class="upload-status" role="status" aria-live="polite"></p>
      <button type="submit">{t.uploadButton}</button>
    </form>
  );
}

export function datasetAdminPage(
  ctx: PageContext,
  data: { dataset: Dataset; versions: Version[]; maxBytes: number; done?: string | null; error?: string | null; details?: string[] },
): Html {
  const t = ctx.t.backoffice;
  const { dataset, versions } = data;
  const date = (iso: string) => <time datetime={iso}>{formatDate(ctx.lang, iso, ctx.config.timezone)}</time>;
  return (
    <BackofficeLayout ctx={ctx} title={titleOf(ctx, dataset)} jsonTwin={`/api/opaal/v1/datasets/${dataset.id}`} scripts={['upload']}>
      <h1>{titleOf(ctx, dataset)}</h1>
      <p><code>{dataset.id}</code> · <span class={`state state-${dataset.publishedAt ? 'published' : 'draft'}`}>{t.states[dataset.publishedAt ? 'published' : 'draft']}</span></p>
      <Notes ctx={ctx} done={data.done} error={data.error} details={data.details} />
      <ul class="actions">
        <li><a href={ctx.link(adminPath(dataset.id, 'metadata'))}>{t.editMetadata}</a></li>
        <li><a href={ctx.link(adminPath(dataset.id, 'attachments'))}>{ctx.t.attachments.manage}</a></li>
        <li><a href={ctx.link(`/datasets/${dataset.id}`)}>{t.publicPage}</a></li>
        <li><a href={ctx.link(adminPath(dataset.id, 'delete'))}>{t.deleteDataset}</a></li>
      </ul>

      <section aria-labelledby="state">
        <h2 id="state">{t.state}</h2>
        {dataset.publishedAt ? (
          <>
            <p>{t.publishedText(formatDate(ctx.lang, dataset.publishedAt, ctx.config.timezone), t.visibilities[dataset.visibility])}</p>
            {dataset.visibility === 'restricted' && <p>{t.restrictedNote}</p>}
            <PostForm ctx={ctx} action={ctx.link(adminPath(dataset.id, 'unpublish'))}>
              <p class="hint">{t.unpublishHint}</p>
              <ConfirmField ctx={ctx} label={t.unpublishConfirm} />
              <button type="submit" class="secondary danger">{t.unpublish}</button>
            </PostForm>
          </>
        ) : (
          <>
            <p>{t.draftText}</p>
            {dataset.currentVersion && (
              <PostForm ctx={ctx} action={ctx.link(adminPath(dataset.id, 'publish'))}>
                <button type="submit">{t.publish}</button>
              </PostForm>
            )}
          </>
        )}
      </section>

      <section aria-labelledby="versions">
        <h2 id="versions">{t.versions}</h2>
        {versions.length === 0 ? (
          <p>{t.noVersions}</p>
        ) : (
          <div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.version}</th><th scope="col">{t.versionState}</th><th scope="col">{t.versionDate}</th>
                  <th scope="col">{t.colRecords}</th><th scope="col">{t.versionSource}</th><th scope="col">{t.versionSize}</th><th scope="col"><span class="visually-hidden">{t.review}</span></th>
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => {
                  const state = versionState(dataset, v);
                  return (
                    <tr class={`version-${state}`}>
                      <th scope="row">{v.number}</th>
                      <td>{state === 'staged' ? <strong>{t.versionStates[state]}</strong> : t.versionStates[state]}</td>
                      <td>{date(v.createdAt)}</td>
                      <td class="number">{formatNumber(ctx.lang, v.recordsCount)}</td>
                      <td>{v.sourceName}</td>
                      <td>{formatBytes(ctx.lang, v.bytes)}</td>
                      <td><a href={ctx.link(adminPath(dataset.id, 'versions', v.number))}>{t.review}<span class="visually-hidden"> {t.version} {v.number}</span></a></td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="upload">
        <h2 id="upload">{t.upload}</h2>
        <p>{t.uploadIntro}</p>
        <UploadForm ctx={ctx} dataset={dataset} maxBytes={data.maxBytes} />
      </section>
    </BackofficeLayout>
  );
}
