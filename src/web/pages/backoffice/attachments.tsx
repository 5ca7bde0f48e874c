// A dataset's attachments in the back office: the list with a remove button each, and the form to add one.
import { attachmentTypes } from '../../../catalog/attachments.ts';
import type { Attachment } from '../../../catalog/types.ts';
import type { Dataset } from '../../../catalog/types.ts';
import type { PageContext } from '../../context.ts';
import { PostForm } from '../../forms.tsx';
import { formatBytes, formatDate } from '../../../i18n/index.ts';
import type { Html } from '../../../html/jsx-runtime.ts';
import { adminPath, BackofficeLayout, titleOf } from './common.tsx';

const accepted = Object.keys(attachmentTypes).map((e) => `.${e}`).join(',');
/** The extensions as a publisher reads them: PDF, TXT, … */
const typeList = Object.keys(attachmentTypes).filter((e) => e !== 'jpeg').map((e) => e.toUpperCase()).join(', ');

export function attachmentsAdminPage(
  ctx: PageContext,
  data: { dataset: Dataset; attachments: Attachment[]; maxBytes: number; done?: string | null; error?: string | null; title?: string },
): Html {
  const t = ctx.t.attachments;
  const { dataset } = data;
  const done = data.done && Object.hasOwn(t.done, data.done) ? t.done[data.done] : null;
  return (
    <BackofficeLayout ctx={ctx} title={`${t.title} · ${titleOf(ctx, dataset)}`} crumbs={[{ href: ctx.link(adminPath(dataset.id)), label: titleOf(ctx, dataset) }]}>
      <h1>{t.title}</h1>
      <p><a href={ctx.link(adminPath(dataset.id))}>{titleOf(ctx, dataset)}</a> · <code>{dataset.id}</code></p>
      {done && <div class="notice" role="status"><p>{done}</p></div>}
      {data.error && (
        <div class="notice notice-error" role="alert" tabindex="-1" id="problem">
          <p class="notice-title">{t.failed}</p>
          <p>{data.error}</p>
        </div>
      )}
      <p>{t.intro}</p>
      <section aria-labelledby="list">
        <h2 id="list">{t.title}</h2>
        {data.attachments.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          // A list, not a table: on a phone every attachment keeps its file, size, date and button in view.
          <ul class="attachment-list">
            {data.attachments.map((a) => (
              <li>
                <div>
                  <p class="attachment-title">{a.title}</p>
                  <p class="muted">
                    <a href={`/api/explore/v2.1/catalog/datasets/${dataset.id}/attachments/${a.id}`}>{a.fileName}</a>
                    {' · '}{formatBytes(ctx.lang, a.bytes)}{' · '}
                    <time datetime={a.createdAt}>{formatDate(ctx.lang, a.createdAt, ctx.config.timezone)}</time>
                  </p>
                </div>
                <PostForm ctx={ctx} action={ctx.link(adminPath(dataset.id, 'attachments', a.id, 'remove'))} class="inline">
                  <button type="submit" class="secondary danger" aria-label={t.removeLabel(a.title)}>{t.remove}</button>
                </PostForm>
                <details class="attachment-retitle">
                  <summary>{t.retitle}<span class="visually-hidden"> {a.title}</span></summary>
                  <PostForm ctx={ctx} action={ctx.link(adminPath(dataset.id, 'attachments', a.id, 'title'))}>
                    <div class="field">
                      <label for={`title-${a.id}`}>{t.titleLabel}</label>
                      <input id={`title-${a.id}`} name="title" type="text" maxlength="200" value={a.title} />
                    </div>
                    <button type="submit" class="secondary">{t.save}</button>
                  </PostForm>
                </details>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="add">
        <h2 id="add">{t.add}</h2>
        {/* Title before file: the fields are read (and the token checked) before a byte of the file is stored. */}
        <PostForm ctx={ctx} action={ctx.link(adminPath(dataset.id, 'attachments'))} enctype="multipart/form-data" class="stack upload">
          <div class="field">
            <label for="attachment-title">{t.titleLabel}</label>
            <p class="hint" id="attachment-title-hint">{t.titleHint}</p>
            <input id="attachment-title" name="title" type="text" maxlength="200" value={data.title ?? ''} aria-describedby="attachment-title-hint" />
          </div>
          <div class="field">
            <label for="attachment-file">{t.file}</label>
            <p class="hint" id="attachment-file-hint">{t.fileHint(typeList, formatBytes(ctx.lang, data.maxBytes))}</p>
            <input id="attachment-file" name="file" type="file" required accept={accepted} aria-describedby="attachment-file-hint" />
          </div>
          <button type="submit">{t.upload}</button>
        </PostForm>
      </section>
    </BackofficeLayout>
  );
}
